import { PNG } from 'pngjs';

/** Encodes `height × width` row-major 8-bit grayscale bytes as a grayscale PNG file (colour type 0). */
export function encodeGrayscalePng(pixels: Uint8Array, width: number, height: number): Buffer {
  if (pixels.length !== width * height) throw new Error(`expected ${width * height} pixels, got ${pixels.length}`);
  // one byte per pixel in (inputColorType 0), written as grayscale without alpha: a dataset image
  // stays a few hundred bytes, a quarter of the RGBA PNG pngjs writes by default
  const png = new PNG({ width, height, colorType: 0, inputColorType: 0, inputHasAlpha: false, bitDepth: 8 });
  png.data = Buffer.from(pixels.buffer, pixels.byteOffset, pixels.byteLength);
  return PNG.sync.write(png, { colorType: 0, inputColorType: 0, inputHasAlpha: false, bitDepth: 8 });
}
