import * as tf from '@tensorflow/tfjs';
import { balancedLabels, makeImageSet } from './image-set.factory';
import { indicesByClass, scaleToUnit, stratifiedHoldout, stratifiedKFold, stratifiedSample, subsetImages, toTensors, trainingSlice } from './prepare';

/** Unbalanced: class 0 × 23, class 1 × 11, class 2 × 7, class 3 × 2, shuffled by a fixed rule. */
const LABELS = Array.from({ length: 43 }, (_, i) => (i < 23 ? 0 : i < 34 ? 1 : i < 41 ? 2 : 3)).sort((a, b) => ((a * 7 + 3) % 5) - ((b * 7 + 3) % 5));

function classCounts(labels: readonly number[], indices: readonly number[]): number[] {
  const counts = [0, 0, 0, 0];
  for (const i of indices) counts[labels[i]!]!++;
  return counts;
}

describe('preparation', () => {
  beforeAll(async () => {
    await tf.setBackend('cpu');
  });

  it('scales to [0,1] with 255 → exactly 1', () => {
    expect(Array.from(scaleToUnit(Uint8Array.from([0, 51, 255])))).toEqual([0, Math.fround(0.2), 1]);
  });

  describe('stratifiedHoldout', () => {
    it('is deterministic per seed and changes with the seed', () => {
      const a = stratifiedHoldout(LABELS, 0.25, 11);
      expect(stratifiedHoldout(LABELS, 0.25, 11)).toEqual(a);
      expect(stratifiedHoldout(LABELS, 0.25, 12).valIndices).not.toEqual(a.valIndices);
    });

    it('holds out round(n·f) indices, each class within one of its share, disjoint and complete', () => {
      const { trainIndices, valIndices } = stratifiedHoldout(LABELS, 0.25, 5);
      expect(valIndices).toHaveLength(Math.round(43 * 0.25));
      expect([...trainIndices, ...valIndices].sort((a, b) => a - b)).toEqual(LABELS.map((_, i) => i));
      const counts = classCounts(LABELS, valIndices);
      [23, 11, 7, 2].forEach((n, c) => expect(Math.abs(counts[c]! - n * 0.25)).toBeLessThan(1));
    });

    it('rejects fractions outside (0,1)', () => {
      expect(() => stratifiedHoldout(LABELS, 0, 1)).toThrow(/fraction/);
      expect(() => stratifiedHoldout(LABELS, 1, 1)).toThrow(/fraction/);
    });
  });

  describe('stratifiedKFold', () => {
    const k = 5;
    const folds = stratifiedKFold(LABELS, k, 99);

    it('is deterministic per seed', () => {
      expect(stratifiedKFold(LABELS, k, 99)).toEqual(folds);
      expect(stratifiedKFold(LABELS, k, 100)).not.toEqual(folds);
    });

    it('puts every index in exactly one validation fold, and trains on the rest', () => {
      const seen = new Array<number>(LABELS.length).fill(0);
      for (const { trainIndices, valIndices } of folds) {
        for (const i of valIndices) seen[i]!++;
        expect(trainIndices.length + valIndices.length).toBe(LABELS.length);
        expect(new Set([...trainIndices, ...valIndices]).size).toBe(LABELS.length);
      }
      expect(seen.every((n) => n === 1)).toBe(true);
    });

    it('keeps per-class counts per fold within one of each other, and fold sizes too', () => {
      const perFold = folds.map((f) => classCounts(LABELS, f.valIndices));
      for (let c = 0; c < 4; c++) {
        const counts = perFold.map((row) => row[c]!);
        expect(Math.max(...counts) - Math.min(...counts)).toBeLessThanOrEqual(1);
      }
      const sizes = folds.map((f) => f.valIndices.length);
      expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
    });

    it('validates k', () => {
      expect(() => stratifiedKFold(LABELS, 1, 0)).toThrow(/k must be/);
      expect(() => stratifiedKFold([0, 1], 3, 0)).toThrow(/at least 3/);
    });
  });

  it('stratifiedSample and trainingSlice take an exact, stratified, seeded subset', () => {
    const set = makeImageSet({ labels: balancedLabels(4, 25) });
    const slice = trainingSlice(set, 40, 3);
    expect(slice.count).toBe(40);
    expect(indicesByClass(slice.labels, 4).map((g) => g.length)).toEqual([10, 10, 10, 10]);
    expect(trainingSlice(set, 40, 3)).toEqual(slice);
    expect(trainingSlice(set, 100, 3)).toBe(set);
    const sample = stratifiedSample(set.labels, 40, 3);
    const picked = subsetImages(set, sample);
    expect(Array.from(picked.images)).toEqual(Array.from(slice.images));
  });

  it('subsetImages copies rows in the given order and checks bounds', () => {
    const set = makeImageSet({ labels: [0, 1, 2], height: 1, width: 2, pixel: (i, p) => i * 10 + p });
    const sub = subsetImages(set, [2, 0]);
    expect(Array.from(sub.images)).toEqual([20, 21, 0, 1]);
    expect(Array.from(sub.labels)).toEqual([2, 0]);
    expect(() => subsetImages(set, [3])).toThrow(/out of range/);
  });

  it('toTensors makes scaled float32 xs [n,h,w,c] and one-hot ys, owned by the caller', async () => {
    const set = makeImageSet({ labels: [2, 0], height: 1, width: 2, pixel: (i, p) => (i === 0 ? 255 : 51 * p) });
    const before = tf.memory().numTensors;
    const { xs, ys } = toTensors(set, 3);
    expect(tf.memory().numTensors).toBe(before + 2);
    expect(xs.shape).toEqual([2, 1, 2, 1]);
    expect(xs.dtype).toBe('float32');
    expect(Array.from(await xs.data())).toEqual([1, 1, 0, Math.fround(0.2)]);
    expect(ys.dtype).toBe('float32');
    expect(await ys.array()).toEqual([
      [0, 0, 1],
      [1, 0, 0],
    ]);
    tf.dispose([xs, ys]);
    expect(tf.memory().numTensors).toBe(before);
    expect(() => toTensors(set, 2)).toThrow(/label 2 at index 0/);
    expect(tf.memory().numTensors).toBe(before);
  });
});
