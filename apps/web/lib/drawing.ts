/**
 * The "try it" canvas: the user draws white ink on black at 8× scale; the drawing is reduced
 * to the model's 28×28 grayscale input (area-averaged, like Fashion-MNIST's own downscaling).
 */
export const INPUT_SIZE = 28;
export const CANVAS_SCALE = 8;

/** Averages each scale×scale block of an RGBA image (width = height = size·scale) into one 0..255 gray value. */
export function downsampleToGray(rgba: Uint8ClampedArray | readonly number[], size = INPUT_SIZE, scale = CANVAS_SCALE): number[] {
  const width = size * scale;
  if (rgba.length !== width * width * 4) throw new Error(`expected a ${width}×${width} RGBA image, got ${rgba.length / 4} pixels`);
  const out = new Array<number>(size * size).fill(0);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      let sum = 0;
      for (let dy = 0; dy < scale; dy++) {
        for (let dx = 0; dx < scale; dx++) {
          const p = ((y * scale + dy) * width + (x * scale + dx)) * 4;
          // BT.601 luminance, as the API reads PNGs
          sum += 0.299 * rgba[p]! + 0.587 * rgba[p + 1]! + 0.114 * rgba[p + 2]!;
        }
      }
      out[y * size + x] = Math.round(sum / (scale * scale));
    }
  }
  return out;
}
