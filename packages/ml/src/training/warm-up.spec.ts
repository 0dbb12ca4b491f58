import * as tf from '@tensorflow/tfjs';
import { selectBackend } from '../backend/select-backend';
import { BUILTIN_ARCHITECTURES } from '../models/zoo';
import { makeBarImages } from './bar-images.fixture';
import { trainModel } from './train-model';
import { warmUpTraining } from './warm-up';

jest.setTimeout(120_000);

beforeAll(async () => {
  await selectBackend({ preferred: 'wasm', env: {} });
});

describe('warmUpTraining', () => {
  it('trains and throws away a model, leaving no tensor and no variable behind', async () => {
    const before = tf.memory();
    const seconds = await warmUpTraining({ batches: 2, batchSize: 8 });
    expect(seconds).toBeGreaterThan(0);
    expect(tf.memory().numTensors).toBe(before.numTensors);
    expect(tf.memory().numBytes).toBe(before.numBytes);
  });
});

describe('trainModel over several epochs (sustained speed: nothing grows per batch or per epoch)', () => {
  it('holds the same tensors and bytes after every batch and every epoch', async () => {
    const train = makeBarImages({ count: 96, numClasses: 10, seed: 1 });
    const validation = makeBarImages({ count: 32, numClasses: 10, seed: 2 });
    const atBatch: number[] = [];
    const atEpoch: { tensors: number; bytes: number }[] = [];
    const result = await trainModel({
      spec: BUILTIN_ARCHITECTURES['cnn-a'].spec,
      hyperparameters: { batchSize: 16, epochs: 4, activation: 'relu', optimizer: 'adam', learningRate: 0.001, momentum: 0 },
      numClasses: 10,
      train,
      validation,
      seed: 3,
      learningRateSchedule: { kind: 'cosine' },
      onBatchEnd: () => {
        atBatch.push(tf.memory().numTensors);
      },
      onEpochEnd: () => {
        const memory = tf.memory();
        atEpoch.push({ tensors: memory.numTensors, bytes: memory.numBytes });
      },
    });
    result.model.dispose();
    expect(atBatch).toHaveLength(4 * 6);
    // the model's weights and Adam's moments exist from the first batch on; nothing is added after
    expect(new Set(atBatch.slice(1)).size).toBe(1);
    expect(atEpoch).toHaveLength(4);
    expect(new Set(atEpoch.map((e) => e.tensors)).size).toBe(1);
    expect(new Set(atEpoch.map((e) => e.bytes)).size).toBe(1);
  });
});
