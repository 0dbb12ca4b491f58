import * as tf from '@tensorflow/tfjs';
import { PNG } from 'pngjs';

/**
 * Images a user uploads for a prediction, turned into what Atelier's models take: one 28×28
 * grayscale image, row by row, values in [0, 1] (pixel / 255, as in training). Two inputs:
 * a PNG file (decoded with pngjs, pure JS) or the raw pixel values.
 */

export const DEFAULT_IMAGE_SIZE = { height: 28, width: 28 } as const;

export interface ImageSize {
  height: number;
  width: number;
}

export class ImageInputError extends Error {
  override name = 'ImageInputError';
}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** Names the format of bytes that are not a PNG, when it is a common one, for the error message. */
function sniffFormat(bytes: Uint8Array): string | null {
  const starts = (...prefix: number[]) => prefix.every((b, i) => bytes[i] === b);
  if (starts(0xff, 0xd8, 0xff)) return 'a JPEG';
  if (starts(0x47, 0x49, 0x46, 0x38)) return 'a GIF';
  if (starts(0x42, 0x4d)) return 'a BMP';
  if (starts(0x52, 0x49, 0x46, 0x46) && bytes[8] === 0x57 && bytes[9] === 0x45 && bytes[10] === 0x42 && bytes[11] === 0x50) return 'a WebP';
  if (starts(0x49, 0x49, 0x2a, 0x00) || starts(0x4d, 0x4d, 0x00, 0x2a)) return 'a TIFF';
  return null;
}

function describeSize(size: ImageSize): string {
  return `${size.width}×${size.height}`;
}

function wrongSize(actual: ImageSize, expected: ImageSize): ImageInputError {
  return new ImageInputError(
    `the image is ${describeSize(actual)}; Atelier's models take ${describeSize(expected)} grayscale: resize it to ${describeSize(expected)} pixels first`,
  );
}

/**
 * Decodes a PNG (grayscale, grayscale+alpha, RGB, RGBA or palette, any bit depth) into
 * height×width values in [0, 1]. Colour becomes luminance (ITU-R BT.601: 0.299 R + 0.587 G +
 * 0.114 B); transparency is composited on black, the background of MNIST-style images.
 */
export function decodePng(bytes: Uint8Array, size: ImageSize = DEFAULT_IMAGE_SIZE): Float32Array {
  if (!PNG_SIGNATURE.every((b, i) => bytes[i] === b)) {
    const format = sniffFormat(bytes);
    throw new ImageInputError(
      bytes.length === 0
        ? 'the file is empty: upload a PNG image'
        : `the file is ${format ?? 'not a PNG image'}${format ? ' image, not a PNG' : ''}: upload a PNG, or send the ${size.height * size.width} pixel values`,
    );
  }
  // The size is in the IHDR chunk at a fixed place: refuse a wrong size before inflating anything.
  if (bytes.length >= 24) {
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const actual = { width: view.getUint32(16), height: view.getUint32(20) };
    if (actual.width !== size.width || actual.height !== size.height) throw wrongSize(actual, size);
  }
  let png: { width: number; height: number; data: Uint8Array };
  try {
    png = PNG.sync.read(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  } catch (error) {
    throw new ImageInputError(`the PNG could not be decoded (${(error as Error).message}): the file may be damaged`);
  }
  if (png.width !== size.width || png.height !== size.height) throw wrongSize(png, size);
  // pngjs hands every PNG back as 8-bit RGBA: grey, palette and 16-bit images are expanded.
  const out = new Float32Array(png.width * png.height);
  const data = png.data;
  for (let i = 0; i < out.length; i++) {
    const r = data[4 * i]!;
    const g = data[4 * i + 1]!;
    const b = data[4 * i + 2]!;
    const a = data[4 * i + 3]!;
    // Grey stays exact (0.299 + 0.587 + 0.114 is not exactly 1 in floating point).
    const luminance = r === g && g === b ? r : 0.299 * r + 0.587 * g + 0.114 * b;
    out[i] = (luminance * a) / (255 * 255);
  }
  return out;
}

/** '0-255': 8-bit pixel values. '0-1': already scaled. 'auto': '0-255' when any value is above 1, else '0-1'. */
export type PixelScale = '0-255' | '0-1' | 'auto';

export interface PixelOptions {
  size?: ImageSize;
  scale?: PixelScale;
}

/**
 * Raw pixel values (row by row, one grayscale value per pixel) as height×width values in
 * [0, 1]. With scale 'auto' (the default) the range is inferred: any value above 1 means
 * 0..255, otherwise the values are taken as already in [0, 1]. An all-dark 0..255 image whose
 * values are all 0 or 1 is ambiguous: pass the scale explicitly when that can happen.
 */
export function pixelsFromValues(values: ArrayLike<number>, options: PixelOptions = {}): Float32Array {
  const size = options.size ?? DEFAULT_IMAGE_SIZE;
  const expected = size.height * size.width;
  if (values.length !== expected) {
    throw new ImageInputError(
      `got ${values.length} pixel values; Atelier's models take ${describeSize(size)} grayscale images: ${expected} values, row by row`,
    );
  }
  let max = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (typeof v !== 'number' || !Number.isFinite(v))
      throw new ImageInputError(`pixel ${i} is ${String(v)}: every pixel must be a finite number`);
    if (v < 0) throw new ImageInputError(`pixel ${i} is ${v}: pixel values cannot be negative`);
    if (v > max) max = v;
  }
  const requested = options.scale ?? 'auto';
  const scale = requested === 'auto' ? (max > 1 ? '0-255' : '0-1') : requested;
  const limit = scale === '0-255' ? 255 : 1;
  if (max > limit) {
    const index = Array.prototype.findIndex.call(values, (v: number) => v > limit);
    throw new ImageInputError(
      scale === '0-255'
        ? `pixel ${index} is ${values[index]}: 8-bit pixel values go from 0 to 255`
        : `pixel ${index} is ${values[index]}, above 1: pass scale "0-255" for 8-bit pixel values, or scale them to [0, 1]`,
    );
  }
  const out = new Float32Array(expected);
  for (let i = 0; i < expected; i++) out[i] = scale === '0-255' ? values[i]! / 255 : values[i]!;
  return out;
}

export interface ClassProbability {
  classIndex: number;
  className: string;
  probability: number;
}

/**
 * Class probabilities for one image (values in [0, 1], row by row), most probable first (ties:
 * lower class index first). The model's tensors are the caller's; every tensor made here is freed.
 */
export async function predictImage(
  model: tf.LayersModel,
  pixels: Float32Array,
  classNames: readonly string[],
): Promise<ClassProbability[]> {
  const inputShape = model.inputs[0]?.shape ?? [];
  const [height, width, channels] = inputShape.slice(1);
  if (!height || !width || !channels)
    throw new ImageInputError(`the model's input shape [${inputShape.join(',')}] is not [batch, height, width, channels]`);
  if (pixels.length !== height * width * channels) {
    throw new ImageInputError(
      `got ${pixels.length} pixel values but the model takes ${width}×${height}×${channels} = ${height * width * channels}`,
    );
  }
  const outputShape = model.outputs[0]?.shape ?? [];
  const units = outputShape[outputShape.length - 1];
  if (units !== classNames.length)
    throw new ImageInputError(`the model has ${units} outputs but ${classNames.length} class names were given`);
  const output = tf.tidy(() => model.predict(tf.tensor4d(pixels, [1, height, width, channels])) as tf.Tensor);
  let probabilities: Float32Array;
  try {
    probabilities = (await output.data()) as Float32Array;
  } finally {
    output.dispose();
  }
  return Array.from(probabilities, (probability, classIndex) => ({ classIndex, className: classNames[classIndex]!, probability })).sort(
    (a, b) => b.probability - a.probability || a.classIndex - b.classIndex,
  );
}
