import * as tf from '@tensorflow/tfjs';
import type { TArchitectureSpec } from '@atelier/domain';
import { makeBarImages } from './bar-images.fixture';
import { scheduledLearningRate, setOptimizerLearningRate, validateLearningRateSchedule } from './learning-rate-schedule';
import { createOptimizer, disposeOptimizer, trainModel } from './train-model';
import type { EpochMetrics, TrainOptions } from './types';

const TINY_MLP: TArchitectureSpec = { kind: 'layers', layers: [{ type: 'flatten' }, { type: 'dense', units: 16 }] };
const train = makeBarImages({ count: 120, numClasses: 4, seed: 1 });

function options(overrides: Partial<TrainOptions> = {}): TrainOptions {
  return {
    spec: TINY_MLP,
    hyperparameters: { batchSize: 32, epochs: 3, activation: 'relu', optimizer: 'adam', learningRate: 0.01, momentum: 0 },
    numClasses: 4,
    train,
    seed: 7,
    ...overrides,
  };
}
const withoutTime = (history: EpochMetrics[]) => history.map(({ seconds: _seconds, ...rest }) => rest);

jest.setTimeout(60_000);

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('scheduledLearningRate', () => {
  it('constant (or no schedule) keeps the base rate', () => {
    expect(scheduledLearningRate(0.01, undefined, 5, 10)).toBe(0.01);
    expect(scheduledLearningRate(0.01, { kind: 'constant' }, 9, 10)).toBe(0.01);
  });

  it('cosine starts at the base rate, halves at mid-run and falls towards the minimum', () => {
    const cosine = { kind: 'cosine', minLearningRate: 0.001 } as const;
    expect(scheduledLearningRate(0.01, cosine, 0, 100)).toBeCloseTo(0.01, 12);
    expect(scheduledLearningRate(0.01, cosine, 50, 100)).toBeCloseTo(0.0055, 12);
    expect(scheduledLearningRate(0.01, cosine, 100, 100)).toBeCloseTo(0.001, 12);
    expect(scheduledLearningRate(0.01, { kind: 'cosine' }, 100, 100)).toBeCloseTo(0, 12);
    const rates = Array.from({ length: 100 }, (_, step) => scheduledLearningRate(0.01, cosine, step, 100));
    expect(rates.every((r, i) => i === 0 || r < rates[i - 1]!)).toBe(true);
  });

  it('rejects a minimum outside [0, learning rate]', () => {
    expect(() => validateLearningRateSchedule({ kind: 'cosine', minLearningRate: 0.1 }, 0.01)).toThrow(
      "the cosine schedule's minLearningRate must be between 0 and the learning rate 0.01, got 0.1",
    );
    expect(() => validateLearningRateSchedule({ kind: 'cosine', minLearningRate: -1 }, 0.01)).toThrow('got -1');
    expect(() => validateLearningRateSchedule({ kind: 'cosine' }, 0.01)).not.toThrow();
  });
});

describe('setOptimizerLearningRate', () => {
  it('changes the step size of SGD (a tensor), momentum SGD and Adam (a field) without leaking', () => {
    for (const optimizer of ['sgd', 'adam'] as const) {
      for (const momentum of optimizer === 'sgd' ? [0, 0.9] : [0]) {
        const v = tf.tidy(() => tf.variable(tf.scalar(1)));
        const before = tf.memory().numTensors;
        const o = createOptimizer({ optimizer, learningRate: 0.1, momentum });
        setOptimizerLearningRate(o, 0.01);
        tf.tidy(() => void o.minimize(() => v.square()));
        // One step from 1 with gradient 2: SGD and momentum move by lr·2, Adam by ≈ lr.
        expect(1 - v.dataSync()[0]!).toBeCloseTo(optimizer === 'sgd' ? 0.02 : 0.01, 5);
        disposeOptimizer(o);
        expect(tf.memory().numTensors).toBe(before);
        v.dispose();
      }
    }
  });
});

describe('trainModel with learningRateSchedule', () => {
  it('cosine down to the base rate trains exactly like constant; down to 0 it differs; nothing leaks', async () => {
    const constant = await trainModel(options());
    const flat = await trainModel(options({ learningRateSchedule: { kind: 'cosine', minLearningRate: 0.01 } }));
    constant.model.dispose();
    flat.model.dispose();
    expect(withoutTime(flat.history)).toEqual(withoutTime(constant.history));

    const before = tf.memory().numTensors;
    for (const optimizer of ['sgd', 'adam'] as const) {
      const annealed = await trainModel(
        options({
          hyperparameters: { ...options().hyperparameters, optimizer, momentum: optimizer === 'sgd' ? 0.9 : 0 },
          learningRateSchedule: { kind: 'cosine' },
        }),
      );
      annealed.model.dispose();
      expect(Number.isFinite(annealed.history[2]!.loss)).toBe(true);
      if (optimizer === 'adam') expect(withoutTime(annealed.history)).not.toEqual(withoutTime(constant.history));
    }
    expect(tf.memory().numTensors).toBe(before);
  });

  it('rejects an invalid schedule before training', async () => {
    await expect(trainModel(options({ learningRateSchedule: { kind: 'cosine', minLearningRate: 1 } }))).rejects.toThrow('minLearningRate');
  });
});
