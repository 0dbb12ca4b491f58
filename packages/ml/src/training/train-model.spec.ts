import * as tf from '@tensorflow/tfjs';
import type { TArchitectureSpec } from '@atelier/domain';
import { makeBarImages } from './bar-images.fixture';
import { evaluateModel } from '../evaluation/evaluate-model';
import { batchLosses, createOptimizer, disposeOptimizer, trainModel } from './train-model';
import type { EpochMetrics, TrainOptions } from './types';

// The pure-JS cpu backend's convolution gradients take ~0.5 s per small batch (and pooling
// gradients ~0.25 s), so most behaviour is tested on a small MLP; one test trains a CNN.
const TINY_MLP: TArchitectureSpec = {
  kind: 'layers',
  layers: [{ type: 'flatten' }, { type: 'dense', units: 16 }, { type: 'dropout', rate: 0.25 }],
};
const TINY_CNN: TArchitectureSpec = {
  kind: 'layers',
  layers: [
    { type: 'conv2d', filters: 4, kernelSize: 3, strides: 2 },
    { type: 'maxPooling2d', poolSize: 2 },
    { type: 'flatten' },
    { type: 'dense', units: 16 },
    { type: 'dropout', rate: 0.25 },
  ],
};

const train = makeBarImages({ count: 200, numClasses: 4, seed: 1 });
const validation = makeBarImages({ count: 80, numClasses: 4, seed: 2 });

function options(overrides: Partial<TrainOptions> = {}): TrainOptions {
  return {
    spec: TINY_MLP,
    hyperparameters: { batchSize: 32, epochs: 4, activation: 'relu', optimizer: 'adam', learningRate: 0.01, momentum: 0 },
    numClasses: 4,
    train,
    validation,
    seed: 42,
    ...overrides,
  };
}

const withoutTime = (history: EpochMetrics[]) => history.map(({ seconds: _seconds, ...rest }) => rest);

jest.setTimeout(120_000);

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('trainModel', () => {
  it('learns the synthetic classes: loss falls and accuracy rises, on training and validation', async () => {
    const epochs: EpochMetrics[] = [];
    const result = await trainModel(options({ onEpochEnd: (m) => void epochs.push(m) }));
    result.model.dispose();
    expect(result.history).toHaveLength(4);
    expect(epochs).toEqual(result.history);
    expect(result.history.map((m) => m.epoch)).toEqual([1, 2, 3, 4]);
    const first = result.history[0]!;
    const last = result.history[3]!;
    expect(last.loss).toBeLessThan(first.loss * 0.7);
    expect(last.accuracy).toBeGreaterThan(0.8);
    expect(last.valAccuracy!).toBeGreaterThan(0.8);
    expect(last.valLoss!).toBeLessThan(1.0);
    expect(result.history.every((m) => m.seconds > 0)).toBe(true);
    expect(result).toMatchObject({ stoppedEarly: false, cancelled: false, backend: 'cpu' });
  });

  it('trains a small CNN (convolution and pooling gradients) on 28×28 images', async () => {
    const result = await trainModel(
      options({
        spec: TINY_CNN,
        train: makeBarImages({ count: 96, numClasses: 4, seed: 3 }),
        validation: undefined,
        hyperparameters: { batchSize: 32, epochs: 3, activation: 'relu', optimizer: 'adam', learningRate: 0.02, momentum: 0 },
      }),
    );
    result.model.dispose();
    expect(result.history[2]!.loss).toBeLessThan(result.history[0]!.loss);
    expect(result.history[2]!.accuracy).toBeGreaterThan(result.history[0]!.accuracy);
    expect(result.history[2]!.valLoss).toBeNull();
  });

  it('replays exactly with the same seed and differs with another', async () => {
    const a = await trainModel(options({ hyperparameters: { ...options().hyperparameters, epochs: 2 } }));
    const b = await trainModel(options({ hyperparameters: { ...options().hyperparameters, epochs: 2 } }));
    const c = await trainModel(options({ hyperparameters: { ...options().hyperparameters, epochs: 2 }, seed: 43 }));
    try {
      expect(withoutTime(b.history)).toEqual(withoutTime(a.history));
      const weights = (r: typeof a) => r.model.getWeights().map((w) => Array.from(w.dataSync()));
      expect(weights(b)).toEqual(weights(a));
      expect(c.history[0]!.loss).not.toBe(a.history[0]!.loss);
    } finally {
      [a, b, c].forEach((r) => r.model.dispose());
    }
  });

  it('stops between batches when shouldStop turns true and reports only whole epochs', async () => {
    const batches: string[] = [];
    const result = await trainModel(
      options({
        // 200 images / 32 = 7 batches per epoch; stop before the 10th batch (3rd of epoch 2).
        shouldStop: () => batches.length >= 9,
        onBatchEnd: ({ epoch, batch, batches: total }) => void batches.push(`${epoch}:${batch}/${total}`),
      }),
    );
    result.model.dispose();
    expect(result.cancelled).toBe(true);
    expect(batches).toEqual(['1:1/7', '1:2/7', '1:3/7', '1:4/7', '1:5/7', '1:6/7', '1:7/7', '2:1/7', '2:2/7']);
    expect(result.history.map((m) => m.epoch)).toEqual([1]);
  });

  it('stops early when the monitored metric stops improving by minDelta', async () => {
    // No epoch can improve val loss by 10: epoch 1 sets the best, epoch 2 uses up patience 1.
    const result = await trainModel(options({ earlyStopping: { monitor: 'valLoss', patience: 1, minDelta: 10 } }));
    result.model.dispose();
    expect(result.stoppedEarly).toBe(true);
    expect(result.history).toHaveLength(2);

    const patient = await trainModel(options({ earlyStopping: { monitor: 'valAccuracy', patience: 10, minDelta: 0 } }));
    patient.model.dispose();
    expect(patient.stoppedEarly).toBe(false);
    expect(patient.history).toHaveLength(4);
  });

  it('awaits onEpochEnd before the next epoch starts', async () => {
    const events: string[] = [];
    const result = await trainModel(
      options({
        hyperparameters: { ...options().hyperparameters, epochs: 2 },
        onBatchEnd: ({ epoch, batch }) => {
          if (batch === 1) events.push(`batch ${epoch}`);
        },
        onEpochEnd: async ({ epoch }) => {
          await new Promise((resolve) => setTimeout(resolve, 20));
          events.push(`epoch ${epoch} written`);
        },
      }),
    );
    result.model.dispose();
    expect(events).toEqual(['batch 1', 'epoch 1 written', 'batch 2', 'epoch 2 written']);
  });

  it("returns the last epoch's validation confusion matrix: the returned model's own predictions", async () => {
    const result = await trainModel(options({ hyperparameters: { ...options().hyperparameters, epochs: 2 } }));
    const evaluated = await evaluateModel({
      model: result.model,
      test: validation,
      classNames: ['a', 'b', 'c', 'd'],
      sampleCount: 0,
      seed: 1,
    });
    result.model.dispose();
    expect(result.validationConfusionMatrix).toEqual(evaluated.confusionMatrix);
    const matrix = result.validationConfusionMatrix!;
    expect(matrix.flat().reduce((a, b) => a + b, 0)).toBe(80);
    expect(matrix.reduce((sum, row, i) => sum + row[i]!, 0) / 80).toBe(result.history.at(-1)!.valAccuracy);
    const unvalidated = await trainModel(options({ validation: undefined, hyperparameters: { ...options().hyperparameters, epochs: 1 } }));
    unvalidated.model.dispose();
    expect(unvalidated.validationConfusionMatrix).toBeNull();
  });

  it("accounts for its wall time by phase: the callers' epoch and batch callbacks apart from the training itself", async () => {
    const started = performance.now();
    const result = await trainModel(
      options({
        hyperparameters: { ...options().hyperparameters, epochs: 2 },
        checkpoint: true,
        onBatchEnd: async ({ batch }) => {
          if (batch === 1) await new Promise((resolve) => setTimeout(resolve, 30));
        },
        onEpochEnd: async () => {
          await new Promise((resolve) => setTimeout(resolve, 60));
        },
      }),
    );
    const wall = (performance.now() - started) / 1000;
    result.model.dispose();
    const t = result.timings;
    // two epochs: two slow epoch callbacks, and one slow first batch callback in each
    expect(t.epochEndSeconds).toBeGreaterThanOrEqual(0.115);
    expect(t.epochEndSeconds).toBeLessThan(0.3);
    expect(t.batchEndSeconds).toBeGreaterThanOrEqual(0.055);
    for (const seconds of [t.buildSeconds, t.trainSeconds, t.validationSeconds, t.checkpointSeconds]) expect(seconds).toBeGreaterThan(0);
    const sum = (Object.values(t) as number[]).reduce((a, b) => a + b, 0);
    expect(sum).toBeLessThanOrEqual(wall);
    // only argument checks and the checkpoint's parse fall outside the buckets
    expect(sum).toBeGreaterThan(wall * 0.9);
  });

  it('leaves no tensors behind once the model is disposed, with augmentation, validation and every optimizer', async () => {
    await trainModel(options({ hyperparameters: { ...options().hyperparameters, epochs: 1 } })).then((r) => r.model.dispose());
    const before = tf.memory().numTensors;
    for (const optimizer of ['sgd', 'adam', 'rmsprop', 'adagrad', 'adadelta', 'adamax'] as const) {
      const result = await trainModel(
        options({
          hyperparameters: { batchSize: 64, epochs: 1, activation: 'tanh', optimizer, learningRate: 0.01, momentum: 0.9 },
          augmentation: { probability: 0.5, areaRange: [0.02, 0.2], aspectRatioRange: [0.3, 3.3], fillRange: [0, 1], perPixelFill: true },
          earlyStopping: { monitor: 'valLoss', patience: 2, minDelta: 0 },
        }),
      );
      expect(Number.isFinite(result.history[0]!.loss)).toBe(true);
      result.model.dispose();
    }
    expect(tf.memory().numTensors).toBe(before);
  });

  it('rejects inconsistent inputs with a clear message', async () => {
    await expect(trainModel(options({ numClasses: 3 }))).rejects.toThrow('training label 3 at index 3 is not below numClasses 3');
    await expect(
      trainModel(options({ validation: undefined, earlyStopping: { monitor: 'valLoss', patience: 1, minDelta: 0 } })),
    ).rejects.toThrow('early stopping monitors valLoss, which needs a validation set');
    await expect(trainModel(options({ validation: makeBarImages({ count: 8, numClasses: 4, size: 14, seed: 1 }) }))).rejects.toThrow(
      'validation images are 14×14×1 but training images are 28×28×1',
    );
    // every hyperparameter is checked against its registry schema
    await expect(trainModel(options({ hyperparameters: { ...options().hyperparameters, momentum: 1 } }))).rejects.toThrow(
      'invalid momentum 1: momentum must be in [0, 1)',
    );
    await expect(trainModel(options({ hyperparameters: { ...options().hyperparameters, learningRate: 0 } }))).rejects.toThrow(
      'invalid learningRate 0: learning rate must be positive',
    );
  });
});

describe('batchLosses', () => {
  const oneHot = () =>
    tf.tensor2d([
      [1, 0, 0],
      [0, 0, 1],
    ]);
  const hyperparameters = options().hyperparameters;

  it("reports the cross-entropy against the true labels, and minimises it plus the model's regularization penalties", () => {
    const model = tf.sequential({
      layers: [
        tf.layers.dense({
          inputShape: [2],
          units: 3,
          activation: 'softmax',
          kernelRegularizer: tf.regularizers.l2({ l2: 0.1 }),
          kernelInitializer: tf.initializers.constant({ value: 0.5 }),
        }),
      ],
    });
    const before = tf.memory().numTensors;
    const [loss, objective] = tf.tidy(() => {
      // constant kernel, zero bias: both rows of probabilities are uniform
      const probabilities = model.apply(
        tf.tensor2d([
          [1, 2],
          [3, 4],
        ]),
      ) as tf.Tensor2D;
      const losses = batchLosses({ model, oneHot: oneHot(), probabilities, hyperparameters });
      return [losses.loss.arraySync(), losses.objective.arraySync()] as number[];
    });
    expect(tf.memory().numTensors).toBe(before);
    expect(loss).toBeCloseTo(Math.log(3), 5);
    // 0.1 · Σ w² over the 2×3 kernel of 0.5s; the bias has no regularizer
    expect(objective! - loss!).toBeCloseTo(0.1 * 6 * 0.25, 5);
    model.dispose();
  });

  it('minimises the reported loss itself when the model has no penalties', () => {
    const model = tf.sequential({ layers: [tf.layers.dense({ inputShape: [2], units: 3, activation: 'softmax' })] });
    tf.tidy(() => {
      const losses = batchLosses({ model, oneHot: oneHot(), probabilities: model.apply(tf.ones([2, 2])) as tf.Tensor2D, hyperparameters });
      expect(losses.objective).toBe(losses.loss);
    });
    model.dispose();
  });
});

describe('createOptimizer', () => {
  it('uses momentum SGD only when momentum is set, and passes momentum to RMSProp', () => {
    const make = (optimizer: Parameters<typeof createOptimizer>[0]['optimizer'], momentum: number) =>
      createOptimizer({ optimizer, learningRate: 0.05, momentum });
    const plain = make('sgd', 0);
    const heavy = make('sgd', 0.9);
    const rms = make('rmsprop', 0.5);
    expect(plain.getClassName()).toBe('SGD');
    expect(heavy.getClassName()).toBe('Momentum');
    expect(heavy.getConfig()).toMatchObject({ learningRate: 0.05, momentum: 0.9 });
    expect(rms.getConfig()).toMatchObject({ learningRate: 0.05, momentum: 0.5, decay: 0.9 });
    expect(['adam', 'adagrad', 'adadelta', 'adamax'].map((o) => make(o as 'adam', 0).getClassName())).toEqual([
      'Adam',
      'Adagrad',
      'Adadelta',
      'Adamax',
    ]);
    [plain, heavy, rms].forEach((o) => o.dispose());
  });

  it('disposeOptimizer frees all optimizer state, momentum SGD included', () => {
    const v = tf.variable(tf.ones([3]));
    const warm = createOptimizer({ optimizer: 'adam', learningRate: 0.1, momentum: 0 });
    tf.tidy(() => void warm.minimize(() => v.square().sum<tf.Scalar>()));
    disposeOptimizer(warm);
    for (const momentum of [0, 0.9]) {
      const before = tf.memory().numTensors;
      const optimizer = createOptimizer({ optimizer: 'sgd', learningRate: 0.1, momentum });
      tf.tidy(() => void optimizer.minimize(() => v.square().sum<tf.Scalar>()));
      disposeOptimizer(optimizer);
      expect([momentum, tf.memory().numTensors]).toEqual([momentum, before]);
    }
    v.dispose();
  });
});
