import * as tf from '@tensorflow/tfjs';
import { createRandom, deriveSeed, shuffleInPlace } from './random';
import type { ImageSet } from './types';

export interface SplitIndices {
  /** Ascending; training code shuffles per epoch with its own seed. */
  trainIndices: number[];
  valIndices: number[];
}

/** Pixels 0..255 → float32 in [0,1], the input range every builtin model expects. */
export function scaleToUnit(images: Uint8Array): Float32Array {
  const out = new Float32Array(images.length);
  // Division (not multiplication by 1/255) so 255 maps to exactly 1 and values match tf.div.
  for (let i = 0; i < images.length; i++) out[i] = images[i]! / 255;
  return out;
}

/** Indices of each class, in ascending order; classes absent from `labels` get []. */
export function indicesByClass(labels: ArrayLike<number>, numClasses?: number): number[][] {
  let classes = numClasses ?? 0;
  if (numClasses === undefined) for (let i = 0; i < labels.length; i++) classes = Math.max(classes, labels[i]! + 1);
  const groups: number[][] = Array.from({ length: classes }, () => []);
  for (let i = 0; i < labels.length; i++) {
    const group = groups[labels[i]!];
    if (!group) throw new RangeError(`label ${labels[i]} at index ${i} is not below numClasses ${classes}`);
    group.push(i);
  }
  return groups;
}

/** Each class's indices in a seeded order; each class gets its own stream (see deriveSeed). */
function shuffledByClass(labels: ArrayLike<number>, seed: number): number[][] {
  return indicesByClass(labels).map((group, c) => shuffleInPlace(group, createRandom(deriveSeed(seed, c))));
}

/**
 * Splits `total` items among classes in proportion to their sizes with the largest-remainder
 * method, so the parts sum to exactly `total` and each class is within one of its exact share.
 */
function allocate(sizes: readonly number[], total: number): number[] {
  const n = sizes.reduce((a, b) => a + b, 0);
  if (n === 0) return sizes.map(() => 0);
  const exact = sizes.map((s) => (s * total) / n);
  const parts = exact.map((e) => Math.floor(e));
  let left = total - parts.reduce((a, b) => a + b, 0);
  const order = exact
    .map((e, c) => ({ c, remainder: e - Math.floor(e) }))
    .sort((a, b) => b.remainder - a.remainder || a.c - b.c);
  for (const { c } of order) {
    if (left === 0) break;
    if (parts[c]! < sizes[c]!) {
      parts[c]!++;
      left--;
    }
  }
  return parts;
}

const ascending = (a: number, b: number) => a - b;

/** A seeded, stratified sample of exactly `size` indices (ascending). */
export function stratifiedSample(labels: ArrayLike<number>, size: number, seed: number): number[] {
  if (!Number.isInteger(size) || size < 0 || size > labels.length) {
    throw new RangeError(`sample size must be an integer in 0..${labels.length}, got ${size}`);
  }
  const groups = shuffledByClass(labels, seed);
  const take = allocate(groups.map((g) => g.length), size);
  return groups.flatMap((g, c) => g.slice(0, take[c])).sort(ascending);
}

/**
 * One stratified train/validation split: round(n × fraction) validation indices, each class
 * represented in proportion (largest remainder). Same labels and seed → same indices.
 */
export function stratifiedHoldout(labels: ArrayLike<number>, fraction: number, seed: number): SplitIndices {
  if (!(fraction > 0 && fraction < 1)) throw new RangeError(`holdout fraction must be in (0, 1), got ${fraction}`);
  const valIndices = stratifiedSample(labels, Math.round(labels.length * fraction), seed);
  const inVal = new Uint8Array(labels.length);
  for (const i of valIndices) inVal[i] = 1;
  const trainIndices: number[] = [];
  for (let i = 0; i < labels.length; i++) if (!inVal[i]) trainIndices.push(i);
  return { trainIndices, valIndices };
}

/**
 * Stratified k-fold in the manner of scikit-learn's StratifiedKFold(shuffle=True): every
 * index is in exactly one validation fold. Each class's shuffled indices are dealt round-robin,
 * continuing the deal from where the previous class stopped, so per-class counts per fold
 * differ by at most one and so do total fold sizes.
 */
export function stratifiedKFold(labels: ArrayLike<number>, k: number, seed: number): SplitIndices[] {
  if (!Number.isInteger(k) || k < 2) throw new RangeError(`k must be an integer >= 2, got ${k}`);
  if (k > labels.length) throw new RangeError(`k = ${k} folds need at least ${k} examples, got ${labels.length}`);
  const fold = new Int32Array(labels.length);
  let dealt = 0;
  for (const group of shuffledByClass(labels, seed)) {
    for (const index of group) fold[index] = dealt++ % k;
  }
  return Array.from({ length: k }, (_, f) => {
    const trainIndices: number[] = [];
    const valIndices: number[] = [];
    for (let i = 0; i < labels.length; i++) (fold[i] === f ? valIndices : trainIndices).push(i);
    return { trainIndices, valIndices };
  });
}

/** Copies the given images (in the given order) into a new ImageSet. */
export function subsetImages(set: ImageSet, indices: ArrayLike<number>): ImageSet {
  const pixels = set.height * set.width * set.channels;
  const images = new Uint8Array(indices.length * pixels);
  const labels = new Uint8Array(indices.length);
  for (let j = 0; j < indices.length; j++) {
    const i = indices[j]!;
    if (!Number.isInteger(i) || i < 0 || i >= set.count) throw new RangeError(`index ${i} out of range 0..${set.count - 1}`);
    images.set(set.images.subarray(i * pixels, (i + 1) * pixels), j * pixels);
    labels[j] = set.labels[i]!;
  }
  return { images, labels, count: indices.length, height: set.height, width: set.width, channels: set.channels };
}

/**
 * A stratified, seeded subset of `size` images, for "train on 10k of the 60k" trials and for
 * quick smoke runs. Returns the set itself when `size` covers it (no copy).
 */
export function trainingSlice(set: ImageSet, size: number, seed: number): ImageSet {
  if (size >= set.count) return set;
  return subsetImages(set, stratifiedSample(set.labels, size, seed));
}

export interface ImageTensors {
  /** float32 [n, height, width, channels] in [0,1]. */
  xs: tf.Tensor4D;
  /** float32 one-hot [n, numClasses]. */
  ys: tf.Tensor2D;
}

/** Tensors for training or evaluation; the caller owns them and must dispose both. */
export function toTensors(set: ImageSet, numClasses: number): ImageTensors {
  for (let i = 0; i < set.count; i++) {
    // tf.oneHot turns an out-of-range label into an all-zero row without complaint.
    if (set.labels[i]! >= numClasses) throw new RangeError(`label ${set.labels[i]} at index ${i} is not below numClasses ${numClasses}`);
  }
  const xs = tf.tensor4d(scaleToUnit(set.images.subarray(0, set.count * set.height * set.width * set.channels)), [
    set.count,
    set.height,
    set.width,
    set.channels,
  ]);
  const ys = tf.tidy(() => tf.oneHot(tf.tensor1d(Int32Array.from(set.labels.subarray(0, set.count)), 'int32'), numClasses).toFloat() as tf.Tensor2D);
  return { xs, ys };
}
