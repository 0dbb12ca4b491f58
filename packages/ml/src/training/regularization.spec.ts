import * as tf from '@tensorflow/tfjs';
import type { TArchitectureSpec } from '@atelier/domain';
import { buildModel, type BuildModelOptions } from '../models/build-model';
import { makeBarImages } from './bar-images.fixture';
import { createRandom } from '../data/random';
import { applyRandomErasing, DEFAULT_RANDOM_ERASING } from './random-erasing';
import { batchLosses, randomErasingOf, trainModel } from './train-model';
import type { RandomErasingOptions, TrainOptions } from './types';

/**
 * The regularising hyperparameters of the registry, each checked on tiny models and tensors
 * against values worked out by hand: dropout, weight decay, label smoothing and the random
 * erasing probability.
 */

const TINY_MLP: TArchitectureSpec = { kind: 'layers', layers: [{ type: 'flatten' }, { type: 'dense', units: 8 }] };
const train = makeBarImages({ count: 64, numClasses: 4, size: 8, seed: 1 });

function trainOptions(overrides: Partial<TrainOptions['hyperparameters']> = {}, options: Partial<TrainOptions> = {}): TrainOptions {
  return {
    spec: TINY_MLP,
    hyperparameters: { batchSize: 16, epochs: 1, activation: 'relu', optimizer: 'sgd', learningRate: 0.1, momentum: 0, ...overrides },
    numClasses: 4,
    train,
    seed: 7,
    ...options,
  };
}

function build(hyperparameters: BuildModelOptions['hyperparameters'], spec: TArchitectureSpec = TINY_MLP): tf.Sequential {
  return buildModel({ spec, inputShape: [8, 8, 1], numClasses: 4, activation: 'relu', hyperparameters, seed: 3 });
}

jest.setTimeout(60_000);

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('dropout', () => {
  it('adds one dropout layer at the rate, before the output layer, and none at 0', () => {
    const plain = build({});
    const zero = build({ dropout: 0 });
    const half = build({ dropout: 0.5 });
    try {
      const names = (model: tf.LayersModel) => model.layers.map((layer) => layer.getClassName());
      expect(names(plain)).toEqual(['Flatten', 'Dense', 'Dense']);
      expect(names(zero)).toEqual(names(plain));
      expect(names(half)).toEqual(['Flatten', 'Dense', 'Dropout', 'Dense']);
      expect((half.layers[2]!.getConfig() as { rate: number }).rate).toBe(0.5);
      expect(half.layers[3]!.name).toBe('output');
      // no weights of its own: the same parameters, the same initial values
      expect(half.countParams()).toBe(plain.countParams());
      half.getWeights().forEach((w, i) => expect(Array.from(w.dataSync())).toEqual(Array.from(plain.getWeights()[i]!.dataSync())));
    } finally {
      [plain, zero, half].forEach((m) => m.dispose());
    }
  });

  it('acts only in training: inference is the model without it, training zeroes about the rate and scales the rest by 1/(1−rate)', () => {
    const before = tf.memory().numTensors;
    const plain = build({});
    const dropped = build({ dropout: 0.5 });
    try {
      const x = tf.tidy(() => tf.randomUniform([32, 8, 8, 1], 0, 1, 'float32', 11));
      const [withDropout, without] = tf.tidy(() => [
        (dropped.predict(x) as tf.Tensor).dataSync(),
        (plain.predict(x) as tf.Tensor).dataSync(),
      ]);
      expect(Array.from(withDropout)).toEqual(Array.from(without));
      // what reaches the output layer: the hidden activations, then the dropout in training mode
      const [hidden, inTraining] = tf.tidy(() => {
        const h = dropped.layers[1]!.apply(dropped.layers[0]!.apply(x)) as tf.Tensor;
        (dropped.layers[2] as unknown as { seed?: number }).seed = 5;
        return [h.dataSync(), (dropped.layers[2]!.apply(h, { training: true }) as tf.Tensor).dataSync()];
      });
      let zeroed = 0;
      let active = 0;
      hidden.forEach((h, i) => {
        if (h === 0) return;
        active++;
        if (inTraining[i] === 0) zeroed++;
        else expect(inTraining[i]).toBeCloseTo(h * 2, 5);
      });
      expect(active).toBeGreaterThan(100);
      expect(zeroed / active).toBeGreaterThan(0.4);
      expect(zeroed / active).toBeLessThan(0.6);
      x.dispose();
    } finally {
      [plain, dropped].forEach((m) => m.dispose());
    }
    expect(tf.memory().numTensors).toBe(before);
  });

  it('trains reproducibly, its masks drawn from the trial seed, and leaves no tensors behind', async () => {
    await trainModel(trainOptions({ dropout: 0.5 })).then((r) => r.model.dispose());
    const before = tf.memory().numTensors;
    const a = await trainModel(trainOptions({ dropout: 0.5 }));
    const b = await trainModel(trainOptions({ dropout: 0.5 }));
    const none = await trainModel(trainOptions({}));
    try {
      const weights = (model: tf.LayersModel) => model.getWeights().map((w) => Array.from(w.dataSync()));
      expect(weights(b.model)).toEqual(weights(a.model));
      expect(b.history[0]!.loss).toBe(a.history[0]!.loss);
      // the masks change what the first epoch learns
      expect(a.history[0]!.loss).not.toBe(none.history[0]!.loss);
      // the saved model carries no training-time seed
      expect((a.model.layers[2]!.getConfig() as { seed?: number }).seed).toBeUndefined();
    } finally {
      [a, b, none].forEach((r) => r.model.dispose());
    }
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('weight decay', () => {
  const TINY_CNN: TArchitectureSpec = {
    kind: 'layers',
    layers: [{ type: 'conv2d', filters: 2, kernelSize: 3 }, { type: 'flatten' }, { type: 'dense', units: 4 }],
  };
  // weight names get a counter suffix: "dense_2/kernel_1"
  const isKernel = (w: tf.LayerVariable) => w.name.includes('/kernel');
  const sumOfSquares = (model: tf.LayersModel) =>
    model.weights.filter(isKernel).reduce((sum, w) => sum + Array.from(w.read().dataSync()).reduce((s, v) => s + v * v, 0), 0);

  it("is an L2 penalty λ·Σw² on every conv and dense kernel, the output's included, and none on biases", () => {
    const before = tf.memory().numTensors;
    const model = build({ weightDecay: 0.01 }, TINY_CNN);
    const plain = build({}, TINY_CNN);
    try {
      // give the biases values, so a penalty on them would show
      model.weights.filter((w) => w.name.includes('/bias')).forEach((w) => tf.tidy(() => void w.write(tf.fill(w.shape as number[], 3))));
      // a Sequential lists its layers' losses once it is built, which its first call does (the trainer's first batch)
      tf.tidy(() => [model, plain].forEach((m) => m.apply(tf.zeros([1, 8, 8, 1]))));
      const penalties = tf.tidy(() => model.calculateLosses().map((loss) => loss.dataSync()[0]!));
      expect(model.weights.filter(isKernel)).toHaveLength(3);
      expect(penalties).toHaveLength(3);
      expect(penalties.reduce((sum, p) => sum + p, 0)).toBeCloseTo(0.01 * sumOfSquares(model), 6);
      expect(plain.calculateLosses()).toEqual([]);
      expect(
        (model.layers.at(-1)!.getConfig() as { kernelRegularizer?: { config: { l2: number } } }).kernelRegularizer?.config.l2,
      ).toBeCloseTo(0.01, 9);
    } finally {
      [model, plain].forEach((m) => m.dispose());
    }
    expect(tf.memory().numTensors).toBe(before);
  });

  it('adds 2ηλ·w to each SGD step of a kernel, and nothing to biases', async () => {
    // One step over the whole set (batch = 64 images) with plain SGD: from the same initial
    // weights w0, the data gradient is the same with and without decay, so the difference
    // after the step is exactly -η·2λ·w0 on kernels.
    const learningRate = 0.1;
    const weightDecay = 0.01;
    const step = { batchSize: 64, learningRate };
    const initial = await trainModel(trainOptions(step, { shouldStop: () => true }));
    const plain = await trainModel(trainOptions(step));
    const decayed = await trainModel(trainOptions({ ...step, weightDecay }));
    try {
      expect(initial.cancelled).toBe(true);
      const values = (model: tf.LayersModel) => model.weights.map((w) => ({ name: w.name, data: Array.from(w.read().dataSync()) }));
      const [w0, a, b] = [values(initial.model), values(plain.model), values(decayed.model)];
      let kernelValues = 0;
      w0.forEach((weight, i) => {
        const kernel = weight.name.includes('/kernel');
        weight.data.forEach((v, j) => {
          const expected = kernel ? -learningRate * 2 * weightDecay * v : 0;
          expect(b[i]!.data[j]! - a[i]!.data[j]!).toBeCloseTo(expected, 6);
        });
        if (kernel) kernelValues += weight.data.length;
      });
      expect(kernelValues).toBe(64 * 8 + 8 * 4);
      // the reported loss is the cross-entropy of the same first step, without the penalty
      expect(decayed.history[0]!.loss).toBeCloseTo(plain.history[0]!.loss, 6);
    } finally {
      [initial, plain, decayed].forEach((r) => r.model.dispose());
    }
  });
});

describe('label smoothing', () => {
  // Two examples, three classes, fixed probabilities: the cross-entropy against smoothed
  // targets y·(1 − ε) + ε/3 is (1 − ε)·CE(y) + ε·mean(−Σ log p / 3), by linearity.
  const probabilities = [
    [0.7, 0.2, 0.1],
    [0.1, 0.3, 0.6],
  ];
  const trueCrossEntropy = (-Math.log(0.7) - Math.log(0.6)) / 2;
  const uniformCrossEntropy =
    (-(Math.log(0.7) + Math.log(0.2) + Math.log(0.1)) / 3 - (Math.log(0.1) + Math.log(0.3) + Math.log(0.6)) / 3) / 2;

  it.each([0, 0.1, 0.3])('ε = %s moves the objective to (1 − ε)·CE + ε·CE(uniform), and leaves the reported loss alone', (epsilon) => {
    const model = tf.sequential({ layers: [tf.layers.dense({ inputShape: [1], units: 3, activation: 'softmax' })] });
    const before = tf.memory().numTensors;
    const [loss, objective] = tf.tidy(() => {
      const losses = batchLosses({
        model,
        oneHot: tf.tensor2d([
          [1, 0, 0],
          [0, 0, 1],
        ]),
        probabilities: tf.tensor2d(probabilities),
        hyperparameters: { ...trainOptions().hyperparameters, labelSmoothing: epsilon },
      });
      return [losses.loss.dataSync()[0]!, losses.objective.dataSync()[0]!];
    });
    expect(tf.memory().numTensors).toBe(before);
    expect(loss).toBeCloseTo(trueCrossEntropy, 5);
    expect(objective).toBeCloseTo((1 - epsilon) * trueCrossEntropy + epsilon * uniformCrossEntropy, 5);
    model.dispose();
  });

  it('changes what is learnt but not the reported cross-entropy of the same first step', async () => {
    const step = { batchSize: 64 };
    const plain = await trainModel(trainOptions(step));
    const before = tf.memory().numTensors;
    const smoothed = await trainModel(trainOptions({ ...step, labelSmoothing: 0.2 }));
    try {
      // the first (only) batch is scored before its step: against the true labels, the same
      expect(smoothed.history[0]!.loss).toBeCloseTo(plain.history[0]!.loss, 6);
      const weights = (model: tf.LayersModel) => model.getWeights().flatMap((w) => Array.from(w.dataSync()));
      expect(weights(smoothed.model)).not.toEqual(weights(plain.model));
    } finally {
      smoothed.model.dispose();
    }
    expect(tf.memory().numTensors).toBe(before);
    plain.model.dispose();
  });
});

describe('erasing probability', () => {
  const shape: RandomErasingOptions = {
    probability: 0.5,
    areaRange: [0.1, 0.2],
    aspectRatioRange: [0.5, 2],
    fillRange: [0, 0],
    perPixelFill: false,
  };
  const hp = trainOptions().hyperparameters;

  it("drives random erasing: the trial's probability, the experiment's rectangle, the experiment's probability for a trial without one", () => {
    expect(randomErasingOf({ ...hp, erasingProbability: 0.8 }, shape)).toEqual({ ...shape, probability: 0.8 });
    expect(randomErasingOf({ ...hp, erasingProbability: 0 }, shape)).toBeNull();
    // a trial stored before the hyperparameter existed erases as its experiment said
    expect(randomErasingOf(hp, shape)).toEqual(shape);
    expect(randomErasingOf(hp, undefined)).toBeNull();
    // searched without an augmentation of the experiment's: the paper's rectangle
    expect(randomErasingOf({ ...hp, erasingProbability: 0.3 }, undefined)).toEqual({ ...DEFAULT_RANDOM_ERASING, probability: 0.3 });
  });

  it('at 1 erases a rectangle of every image and at 0 none', () => {
    const pixels = () => new Float32Array(10 * 8 * 8).fill(1);
    const always = pixels();
    const erased = applyRandomErasing(
      always,
      { count: 10, height: 8, width: 8, channels: 1 },
      randomErasingOf({ ...hp, erasingProbability: 1 }, shape)!,
      createRandom(1),
    );
    expect(erased).toBe(10);
    for (let image = 0; image < 10; image++) {
      // fill 0 on a white image: the blanked share is the rectangle's area, 10–20% of 64 pixels give or take rounding
      const blank = always.subarray(image * 64, (image + 1) * 64).filter((v) => v === 0).length;
      expect(blank).toBeGreaterThanOrEqual(4);
      expect(blank).toBeLessThanOrEqual(16);
    }
    expect(randomErasingOf({ ...hp, erasingProbability: 0 }, shape)).toBeNull();
  });

  it('trains on erased images when set, overrides the experiment, and replays a stored trial exactly', async () => {
    const before = tf.memory().numTensors;
    const weights = (model: tf.LayersModel) => model.getWeights().flatMap((w) => Array.from(w.dataSync()));
    const runs = await Promise.all([
      trainModel(trainOptions({})),
      trainModel(trainOptions({ erasingProbability: 1 })),
      // the hyperparameter at 0 turns the experiment's erasing off
      trainModel(trainOptions({ erasingProbability: 0 }, { augmentation: shape })),
      // a stored trial (no erasingProbability) of an experiment erasing at 0.5, and the same set explicitly
      trainModel(trainOptions({}, { augmentation: shape })),
      trainModel(trainOptions({ erasingProbability: 0.5 }, { augmentation: shape })),
    ]);
    try {
      const [none, always, off, stored, explicit] = runs;
      expect(always.history[0]!.loss).not.toBe(none.history[0]!.loss);
      expect(weights(off.model)).toEqual(weights(none.model));
      expect(weights(explicit.model)).toEqual(weights(stored.model));
      expect(weights(stored.model)).not.toEqual(weights(none.model));
    } finally {
      runs.forEach((r) => r.model.dispose());
    }
    expect(tf.memory().numTensors).toBe(before);
  });
});
