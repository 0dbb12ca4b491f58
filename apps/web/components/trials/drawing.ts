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

/** Where an image of srcWidth×srcHeight lands when fitted inside a size×size square, aspect kept and centred. */
export function letterboxRect(
  srcWidth: number,
  srcHeight: number,
  size = INPUT_SIZE,
): { x: number; y: number; width: number; height: number } {
  const scale = Math.min(size / srcWidth, size / srcHeight);
  const width = srcWidth * scale;
  const height = srcHeight * scale;
  return { x: (size - width) / 2, y: (size - height) / 2, width, height };
}

export interface LetterboxOptions {
  size?: number;
  /** Dark item on a light background: flip it to the dataset's light item on black. */
  invert?: boolean;
}

/**
 * Any RGBA image as the model's size×size grayscale input: fitted inside the square with its
 * aspect kept (a wide photo is not squashed), the bars filled with the image's background
 * (black, or white before inverting), transparency over that background, each output pixel the
 * mean of 8×8 samples of the source (a box filter, as when the dataset's images were reduced).
 */
export function letterboxToGray(
  rgba: Uint8ClampedArray | readonly number[],
  width: number,
  height: number,
  options: LetterboxOptions = {},
): number[] {
  const size = options.size ?? INPUT_SIZE;
  if (width < 1 || height < 1 || rgba.length !== width * height * 4)
    throw new Error(`expected a ${width}×${height} RGBA image, got ${rgba.length / 4} pixels`);
  const background = options.invert ? 255 : 0;
  const box = letterboxRect(width, height, size);
  const samples = 8;
  const out = new Array<number>(size * size);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      let sum = 0;
      for (let sy = 0; sy < samples; sy++) {
        for (let sx = 0; sx < samples; sx++) {
          const u = (x + (sx + 0.5) / samples - box.x) / box.width;
          const v = (y + (sy + 0.5) / samples - box.y) / box.height;
          if (u < 0 || u >= 1 || v < 0 || v >= 1) {
            sum += background;
            continue;
          }
          const p = (Math.floor(v * height) * width + Math.floor(u * width)) * 4;
          const alpha = rgba[p + 3]! / 255;
          // BT.601 luminance, as the API reads PNGs
          const gray = 0.299 * rgba[p]! + 0.587 * rgba[p + 1]! + 0.114 * rgba[p + 2]!;
          sum += alpha * gray + (1 - alpha) * background;
        }
      }
      const mean = sum / (samples * samples);
      out[y * size + x] = Math.round(options.invert ? 255 - mean : mean);
    }
  }
  return out;
}

/** The image types Try it reads in the browser (WebP where the browser decodes it). */
export const ACCEPTED_IMAGE_TYPES = ['image/png', 'image/jpeg', 'image/webp'] as const;
