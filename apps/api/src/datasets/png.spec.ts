import { PNG } from 'pngjs';
import { encodeGrayscalePng } from './png';

describe('encodeGrayscalePng', () => {
  it('writes a grayscale PNG whose decoded pixels are the given ones', () => {
    const pixels = Uint8Array.from([0, 50, 100, 150, 200, 255]);
    const png = encodeGrayscalePng(pixels, 3, 2);
    expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    // IHDR: width 3, height 2, bit depth 8, colour type 0 (grayscale)
    expect(png.toString('ascii', 12, 16)).toBe('IHDR');
    expect([png.readUInt32BE(16), png.readUInt32BE(20), png[24], png[25]]).toEqual([3, 2, 8, 0]);
    // decoded, each pixel comes back as RGBA with its gray level in R, G and B
    const decoded = PNG.sync.read(png);
    expect([decoded.width, decoded.height]).toEqual([3, 2]);
    const gray = Array.from({ length: 6 }, (_, i) => Array.from(decoded.data.subarray(i * 4, i * 4 + 4)));
    expect(gray).toEqual([...pixels].map((level) => [level, level, level, 255]));
  });

  it('round-trips a 28×28 image from a view into a larger buffer', () => {
    const whole = Uint8Array.from({ length: 2 * 784 }, (_, i) => (i * 7) % 256);
    const second = whole.subarray(784);
    const decoded = PNG.sync.read(encodeGrayscalePng(second, 28, 28));
    expect(Array.from({ length: 784 }, (_, i) => decoded.data[i * 4])).toEqual(Array.from(second));
  });

  it('rejects a pixel count that does not match the shape', () => {
    expect(() => encodeGrayscalePng(new Uint8Array(5), 3, 2)).toThrow('expected 6 pixels, got 5');
  });
});
