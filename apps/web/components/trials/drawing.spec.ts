import { downsampleToGray, letterboxRect, letterboxToGray } from './drawing';

describe('downsampleToGray', () => {
  it('averages each block into one gray value', () => {
    // 2×2 output at scale 2: a 4×4 RGBA image, the top-left block all white, the top-right half white
    const rgba = new Uint8ClampedArray(4 * 4 * 4);
    const set = (x: number, y: number, v: number) => rgba.set([v, v, v, 255], (y * 4 + x) * 4);
    set(0, 0, 255);
    set(1, 0, 255);
    set(0, 1, 255);
    set(1, 1, 255);
    set(2, 0, 255);
    set(3, 0, 255);
    expect(downsampleToGray(rgba, 2, 2)).toEqual([255, 128, 0, 0]);
  });

  it('refuses an image of the wrong size', () => {
    expect(() => downsampleToGray(new Uint8ClampedArray(16), 2, 2)).toThrow('4×4');
  });
});

describe('letterboxToGray', () => {
  /** A width×height RGBA image, every pixel `gray` (opaque). */
  const solid = (width: number, height: number, gray: number, alpha = 255) =>
    Array.from({ length: width * height }, () => [gray, gray, gray, alpha]).flat();

  it('fits a wide image inside the square with its aspect kept, black bars above and below', () => {
    expect(letterboxRect(56, 28)).toEqual({ x: 0, y: 7, width: 28, height: 14 });
    expect(letterboxRect(10, 40)).toEqual({ x: 10.5, y: 0, width: 7, height: 28 });
    // a white 56×28 image: rows 7..20 white, the 7 rows above and below black; not stretched to fill
    const out = letterboxToGray(solid(56, 28, 255), 56, 28);
    expect(out).toHaveLength(784);
    const rows = Array.from({ length: 28 }, (_, y) => out.slice(y * 28, (y + 1) * 28));
    expect(rows.slice(0, 7).every((row) => row.every((v) => v === 0))).toBe(true);
    expect(rows.slice(7, 21).every((row) => row.every((v) => v === 255))).toBe(true);
    expect(rows.slice(21).every((row) => row.every((v) => v === 0))).toBe(true);
  });

  it('keeps a tall image narrow and centred, with the partly covered columns averaged', () => {
    const out = letterboxToGray(solid(10, 40, 255), 10, 40);
    const row = out.slice(14 * 28, 15 * 28);
    // the image spans x 10.5..17.5: columns 11..16 fully, 10 and 17 half
    expect(row.slice(0, 10).every((v) => v === 0)).toBe(true);
    expect(row[10]).toBe(128);
    expect(row.slice(11, 17).every((v) => v === 255)).toBe(true);
    expect(row[17]).toBe(128);
    expect(row.slice(18).every((v) => v === 0)).toBe(true);
  });

  it('inverts a dark item on white (bars white before, so black after) and puts transparency on the background', () => {
    // a black 28×56 item on a photo: inverted it is white, and the white bars become black
    const out = letterboxToGray(solid(28, 56, 0), 28, 56, { invert: true });
    expect(out[14 * 28 + 14]).toBe(255);
    expect(out[14 * 28 + 0]).toBe(0);
    expect(letterboxToGray(solid(28, 28, 255, 0), 28, 28).every((v) => v === 0)).toBe(true);
    expect(() => letterboxToGray([0, 0, 0], 1, 1)).toThrow('expected a 1×1 RGBA image, got 0.75 pixels');
  });
});
