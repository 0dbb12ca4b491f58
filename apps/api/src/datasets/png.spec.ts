import { inflateSync } from 'node:zlib';
import { crc32, encodeGrayscalePng } from './png';

describe('encodeGrayscalePng', () => {
  it('computes the standard CRC-32', () => {
    // the check value of CRC-32/ISO-HDLC
    expect(crc32(Buffer.from('123456789'))).toBe(0xcbf43926);
  });

  it('writes a valid grayscale PNG whose rows decode to the pixels', () => {
    const pixels = Uint8Array.from([0, 50, 100, 150, 200, 255]);
    const png = encodeGrayscalePng(pixels, 3, 2);
    expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    // IHDR: length 13, width 3, height 2, depth 8, colour type 0
    expect(png.readUInt32BE(8)).toBe(13);
    expect(png.toString('ascii', 12, 16)).toBe('IHDR');
    expect([png.readUInt32BE(16), png.readUInt32BE(20), png[24], png[25]]).toEqual([3, 2, 8, 0]);
    expect(png.readUInt32BE(29)).toBe(crc32(png.subarray(12, 29)));
    const idatLength = png.readUInt32BE(33);
    expect(png.toString('ascii', 37, 41)).toBe('IDAT');
    const rows = inflateSync(png.subarray(41, 41 + idatLength));
    expect(Array.from(rows)).toEqual([0, 0, 50, 100, 0, 150, 200, 255]);
    expect(png.toString('ascii', png.length - 8, png.length - 4)).toBe('IEND');
  });

  it('rejects a pixel count that does not match the shape', () => {
    expect(() => encodeGrayscalePng(new Uint8Array(5), 3, 2)).toThrow('expected 6 pixels, got 5');
  });
});
