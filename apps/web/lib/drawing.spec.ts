import { downsampleToGray } from './drawing';

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
