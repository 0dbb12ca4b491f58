import { TrainingInputError } from './training-input-error';
import type { ImageSet } from '../data/types';

/**
 * Scaled pixels and labels of the images at `order[start..end)`, written into reusable
 * buffers. Batches are built from the uint8 set one at a time rather than converting the whole
 * set to a float tensor up front: 60k Fashion-MNIST images are 188 MB as float32, per fold
 * and trial, while a 512-image batch is 1.6 MB and costs well under a millisecond to fill.
 * Scaling divides by 255 like data/prepare.ts's scaleToUnit, so both paths see equal inputs.
 */
export function fillBatch(
  set: ImageSet,
  order: ArrayLike<number>,
  range: { start: number; end: number },
  buffers: { pixels: Float32Array; labels: Int32Array },
): number {
  const size = set.height * set.width * set.channels;
  const count = range.end - range.start;
  if (buffers.pixels.length < count * size || buffers.labels.length < count) throw new Error(`batch buffers too small for ${count} images`);
  for (let j = 0; j < count; j++) {
    const i = order[range.start + j]!;
    const from = i * size;
    const to = j * size;
    for (let p = 0; p < size; p++) buffers.pixels[to + p] = set.images[from + p]! / 255;
    buffers.labels[j] = set.labels[i]!;
  }
  return count;
}

/** The identity order 0..n-1, for evaluation passes that do not shuffle. */
export function identityOrder(n: number): Int32Array {
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  return order;
}

export function assertImageSet(set: ImageSet, what: string, numClasses: number): void {
  const size = set.height * set.width * set.channels;
  if (set.count < 1) throw new TrainingInputError(`${what} set is empty`);
  if (set.images.length < set.count * size) {
    throw new TrainingInputError(
      `${what} set claims ${set.count} images of ${set.height}×${set.width}×${set.channels} but holds ${set.images.length} bytes`,
    );
  }
  if (set.labels.length < set.count) throw new TrainingInputError(`${what} set has ${set.labels.length} labels for ${set.count} images`);
  for (let i = 0; i < set.count; i++) {
    if (set.labels[i]! >= numClasses)
      throw new TrainingInputError(`${what} label ${set.labels[i]} at index ${i} is not below numClasses ${numClasses}`);
  }
}
