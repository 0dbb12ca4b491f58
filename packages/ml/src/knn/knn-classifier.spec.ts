import * as tf from '@tensorflow/tfjs';
import { makeImageSet } from '../data/image-set.factory';
import { knnPredict } from './knn-classifier';

/**
 * 1×2 "images" are points in the plane (pixel values 0..255), so neighbours can be worked out
 * by hand. Train:
 *   #0 (0,0) c0   #1 (10,0) c0   #2 (0,10) c0
 *   #3 (200,200) c1   #4 (210,200) c1   #5 (200,210) c1
 *   #6 (255,0) c2
 */
const TRAIN_POINTS: [number, number, number][] = [
  [0, 0, 0],
  [10, 0, 0],
  [0, 10, 0],
  [200, 200, 1],
  [210, 200, 1],
  [200, 210, 1],
  [255, 0, 2],
];

function pointSet(points: [number, number, number][]) {
  return makeImageSet({ labels: points.map((p) => p[2]), height: 1, width: 2, pixel: (i, p) => points[i]![p]! });
}

describe('knnPredict', () => {
  const train = pointSet(TRAIN_POINTS);

  beforeAll(async () => {
    await tf.setBackend('cpu');
  });

  it('classifies by majority of the k nearest (L2 on scaled pixels)', async () => {
    const test = pointSet([
      [5, 5, 0], // the three c0 points are the nearest
      [205, 205, 0], // the three c1 points are the nearest
      [250, 5, 0], // see below
    ]);
    // Third query (250,5): distances² to #6 = 25+25 = 50, to #1 = 240²+5² = 57625, #0 = 62525,
    // #2 = 62525, #3 = 50²+195² = 40525, #4 = 40²+195² = 39625, #5 = 50²+205² = 44525.
    // k=1 → c2. k=3 → #6 c2, #4 c1, #3 c1 → c1 (majority).
    expect(Array.from(await knnPredict({ train, test, k: 1 }))).toEqual([0, 1, 2]);
    expect(Array.from(await knnPredict({ train, test, k: 3 }))).toEqual([0, 1, 1]);
  });

  it('breaks vote ties by the class of the nearest neighbour among the tied classes', async () => {
    // k = 4 on four points on a line, two per class, so every query's vote is 2–2.
    const tieTrain = pointSet([
      [0, 0, 0],
      [30, 0, 0],
      [100, 0, 1],
      [120, 0, 1],
    ]);
    // Query (60,0): d to #1 = 30 (c0), #2 = 40 (c1), #3 = 60 (c1), #0 = 60 (c0). Votes 2–2;
    // nearest is #1 (c0) → c0. Query (75,0): #2 = 25 (c1) nearest, #1 = 45, #3 = 45, #0 = 75 → c1.
    const test = pointSet([
      [60, 0, 0],
      [75, 0, 0],
    ]);
    expect(Array.from(await knnPredict({ train: tieTrain, test, k: 4 }))).toEqual([0, 1]);
    // And a 3-way vote where one class has 2: majority beats nearest.
    const majority = pointSet([
      [0, 0, 2],
      [50, 0, 1],
      [52, 0, 1],
    ]);
    expect(Array.from(await knnPredict({ train: majority, test: pointSet([[10, 0, 0]]), k: 3 }))).toEqual([1]);
  });

  it('gives the same answers whatever the batch size, and leaks no tensors', async () => {
    const big = makeImageSet({ labels: Array.from({ length: 60 }, (_, i) => i % 3), height: 3, width: 3, seed: 5 });
    const queries = makeImageSet({ labels: new Array<number>(25).fill(0), height: 3, width: 3, seed: 6 });
    const before = tf.memory().numTensors;
    const whole = await knnPredict({ train: big, test: queries, k: 5, batchSize: 1000 });
    const progress: number[] = [];
    const batched = await knnPredict({ train: big, test: queries, k: 5, batchSize: 4, onProgress: (done) => progress.push(done) });
    expect(tf.memory().numTensors).toBe(before);
    expect(Array.from(batched)).toEqual(Array.from(whole));
    expect(progress).toEqual([4, 8, 12, 16, 20, 24, 25]);

    // Reference: brute force in JS on the same scaled pixels.
    const expected = Array.from({ length: queries.count }, (_, q) => {
      const d = Array.from({ length: big.count }, (_, t) => {
        let s = 0;
        for (let p = 0; p < 9; p++) s += (queries.images[q * 9 + p]! / 255 - big.images[t * 9 + p]! / 255) ** 2;
        return { t, s };
      }).sort((a, b) => a.s - b.s);
      const top = d.slice(0, 5).map(({ t }) => big.labels[t]!);
      const counts = [0, 0, 0];
      top.forEach((c) => counts[c]!++);
      const max = Math.max(...counts);
      return top.find((c) => counts[c] === max)!;
    });
    expect(Array.from(whole)).toEqual(expected);
  });

  it('predicts each training image as itself with k=1 (distance 0)', async () => {
    const set = makeImageSet({ labels: [0, 1, 2, 3, 4, 5], height: 4, width: 4, seed: 9 });
    expect(Array.from(await knnPredict({ train: set, test: set, k: 1 }))).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it('validates its options and leaks nothing on error', async () => {
    const before = tf.memory().numTensors;
    await expect(knnPredict({ train, test: train, k: 8 })).rejects.toThrow(/k = 8 needs at least 8/);
    await expect(knnPredict({ train, test: makeImageSet({ labels: [0], height: 2, width: 2 }) })).rejects.toThrow(
      /1×2×1 but test images are 2×2×1/,
    );
    expect(await knnPredict({ train, test: makeImageSet({ labels: [], height: 1, width: 2 }), k: 1 })).toEqual(new Uint8Array(0));
    expect(tf.memory().numTensors).toBe(before);
  });
});
