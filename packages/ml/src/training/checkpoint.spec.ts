import * as tf from '@tensorflow/tfjs';
import type { TArchitectureSpec, TOptimizer } from '@atelier/domain';
import { buildModel } from '../models/build-model';
import { makeBarImages } from './bar-images.fixture';
import {
  captureCheckpoint,
  CheckpointError,
  crc32,
  deserializeCheckpoint,
  restoreCheckpoint,
  serializeCheckpoint,
  type Checkpoint,
} from './checkpoint';
import { createOptimizer, disposeOptimizer, trainModel } from './train-model';
import type { EpochMetrics, TrainOptions } from './types';

jest.setTimeout(120_000);

const TINY_MLP: TArchitectureSpec = {
  kind: 'layers',
  layers: [{ type: 'flatten' }, { type: 'dense', units: 12 }, { type: 'dropout', rate: 0.25 }],
};
const OPTIMIZERS: { optimizer: TOptimizer; momentum: number; className: string; slotsPerWeight: number; scalars: string[] }[] = [
  { optimizer: 'sgd', momentum: 0, className: 'SGD', slotsPerWeight: 0, scalars: [] },
  { optimizer: 'sgd', momentum: 0.9, className: 'Momentum', slotsPerWeight: 1, scalars: [] },
  { optimizer: 'adam', momentum: 0, className: 'Adam', slotsPerWeight: 2, scalars: ['accBeta1', 'accBeta2'] },
  { optimizer: 'rmsprop', momentum: 0.5, className: 'RMSProp', slotsPerWeight: 2, scalars: [] },
  { optimizer: 'adagrad', momentum: 0, className: 'Adagrad', slotsPerWeight: 1, scalars: [] },
  { optimizer: 'adadelta', momentum: 0, className: 'Adadelta', slotsPerWeight: 2, scalars: [] },
  { optimizer: 'adamax', momentum: 0, className: 'Adamax', slotsPerWeight: 2, scalars: ['accBeta1', 'iteration'] },
];

const images = makeBarImages({ count: 48, numClasses: 3, size: 8, seed: 5 });
const validation = makeBarImages({ count: 24, numClasses: 3, size: 8, seed: 6 });

const makeModel = (seed = 1) => buildModel({ spec: TINY_MLP, inputShape: [8, 8, 1], numClasses: 3, activation: 'relu', seed });

/** A few optimizer steps on the fixture, so every slot holds non-zero state. */
function takeSteps(model: tf.LayersModel, optimizer: tf.Optimizer, steps: number): void {
  tf.tidy(() => {
    const x = tf.tensor4d(
      Float32Array.from(images.images, (v) => v / 255),
      [images.count, 8, 8, 1],
    );
    const y = tf.oneHot(tf.tensor1d(images.labels, 'int32'), 3);
    for (let i = 0; i < steps; i++) {
      tf.tidy(() => void optimizer.minimize(() => tf.losses.softmaxCrossEntropy<tf.Tensor, tf.Scalar>(y, model.apply(x) as tf.Tensor)));
    }
  });
}

const plain = (c: Checkpoint) => ({
  ...c,
  modelWeights: c.modelWeights.map((t) => ({ ...t, name: '', values: Array.from(t.values) })),
  optimizerSlots: c.optimizerSlots.map((t) => ({ ...t, name: '', values: Array.from(t.values) })),
  optimizerScalars: c.optimizerScalars.map((t) => ({ ...t, values: Array.from(t.values) })),
});

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('checkpoint bytes', () => {
  it.each(OPTIMIZERS)('round-trip $className state exactly into a fresh model and optimizer, leaking nothing', async (o) => {
    const before = tf.memory().numTensors;
    const model = makeModel(1);
    const optimizer = createOptimizer({ optimizer: o.optimizer, learningRate: 0.01, momentum: o.momentum });
    takeSteps(model, optimizer, 3);
    const saved = await captureCheckpoint(model, optimizer, 2);
    const bytes = await serializeCheckpoint(model, optimizer, 2);

    expect(saved.optimizer).toMatchObject({ className: o.className, iterations: 3 });
    expect(saved.optimizerSlots).toHaveLength(o.slotsPerWeight * model.trainableWeights.length);
    expect(saved.optimizerScalars.map((s) => s.name)).toEqual(o.scalars);
    // Momentum, moments and accumulators have moved away from their initial values.
    for (const slot of saved.optimizerSlots) expect(slot.values.some((v) => v !== 0)).toBe(true);

    const decoded = deserializeCheckpoint(bytes);
    expect(plain(decoded)).toEqual({ ...plain(saved), optimizer: { ...saved.optimizer, config: expect.any(Object) as unknown } });

    const model2 = makeModel(2); // other initial weights, other variable names
    const optimizer2 = createOptimizer({ optimizer: o.optimizer, learningRate: 0.01, momentum: o.momentum });
    await restoreCheckpoint(bytes, model2, optimizer2);
    const restored = await captureCheckpoint(model2, optimizer2, 2);
    expect(optimizer2.iterations).toBe(3);
    expect(plain(restored)).toEqual(plain(saved));

    // The next step from the restored pair equals the next step of the original: the state continues.
    takeSteps(model, optimizer, 1);
    takeSteps(model2, optimizer2, 1);
    const after1 = await captureCheckpoint(model, optimizer, 3);
    const after2 = await captureCheckpoint(model2, optimizer2, 3);
    expect(plain(after2)).toEqual(plain(after1));
    expect(after2.optimizer.iterations).toBe(4);

    for (const [m, opt] of [
      [model, optimizer],
      [model2, optimizer2],
    ] as const) {
      m.dispose();
      disposeOptimizer(opt);
    }
    expect(tf.memory().numTensors).toBe(before);
  });

  it('takes a checkpoint before the first step (no slots yet) and restores it', async () => {
    const model = makeModel(1);
    const optimizer = createOptimizer({ optimizer: 'adam', learningRate: 0.01, momentum: 0 });
    const bytes = await serializeCheckpoint(model, optimizer, 0);
    const model2 = makeModel(2);
    const optimizer2 = createOptimizer({ optimizer: 'adam', learningRate: 0.01, momentum: 0 });
    const checkpoint = await restoreCheckpoint(bytes, model2, optimizer2);
    expect(checkpoint.optimizerSlots).toEqual([]);
    expect(Array.from(model2.getWeights()[0]!.dataSync())).toEqual(Array.from(model.getWeights()[0]!.dataSync()));
    [model, model2].forEach((m) => m.dispose());
    [optimizer, optimizer2].forEach(disposeOptimizer);
  });

  it('refuses garbage, truncated and corrupted bytes with a clear error', async () => {
    const model = makeModel(1);
    const optimizer = createOptimizer({ optimizer: 'adam', learningRate: 0.01, momentum: 0 });
    takeSteps(model, optimizer, 1);
    const bytes = await serializeCheckpoint(model, optimizer, 1);
    model.dispose();
    disposeOptimizer(optimizer);

    expect(() => deserializeCheckpoint(new TextEncoder().encode('PK\u0003\u0004 definitely not a checkpoint'))).toThrow(
      'not a usable Atelier checkpoint: the data does not start with "ATLRCKPT"',
    );
    expect(() => deserializeCheckpoint(new Uint8Array(0))).toThrow(CheckpointError);
    expect(() => deserializeCheckpoint(bytes.subarray(0, bytes.length - 10))).toThrow('truncated or padded');
    expect(() => deserializeCheckpoint(bytes.subarray(0, 40))).toThrow('truncated?');
    const flipped = bytes.slice();
    flipped[flipped.length - 3]! ^= 0xff;
    expect(() => deserializeCheckpoint(flipped)).toThrow('does not match its CRC-32 (corrupted)');
    const badVersion = bytes.slice();
    badVersion[8] = 9;
    expect(() => deserializeCheckpoint(badVersion)).toThrow('format version 9');
    const badHeader = bytes.slice();
    badHeader[16] = 0x7b; // the JSON header starts at byte 16
    badHeader[17] = 0x7b;
    expect(() => deserializeCheckpoint(badHeader)).toThrow('the header is not valid JSON');
  });

  it('refuses a checkpoint of another optimizer or architecture, leaking nothing', async () => {
    const model = makeModel(1);
    const optimizer = createOptimizer({ optimizer: 'adam', learningRate: 0.01, momentum: 0 });
    takeSteps(model, optimizer, 1);
    const bytes = await serializeCheckpoint(model, optimizer, 1);
    const before = tf.memory().numTensors;
    const sgd = createOptimizer({ optimizer: 'sgd', learningRate: 0.01, momentum: 0.9 });
    await expect(restoreCheckpoint(bytes, model, sgd)).rejects.toThrow(
      'the checkpoint holds Adam optimizer state but training uses Momentum',
    );
    disposeOptimizer(sgd);
    const wider = buildModel({
      spec: { kind: 'layers', layers: [{ type: 'flatten' }, { type: 'dense', units: 13 }] },
      inputShape: [8, 8, 1],
      numClasses: 3,
      activation: 'relu',
      seed: 1,
    });
    const adam = createOptimizer({ optimizer: 'adam', learningRate: 0.01, momentum: 0 });
    await expect(restoreCheckpoint(bytes, wider, adam)).rejects.toThrow('has shape [64,12] but the model');
    wider.dispose();
    disposeOptimizer(adam);
    expect(tf.memory().numTensors).toBe(before);
    model.dispose();
    disposeOptimizer(optimizer);
  });

  it('computes the standard CRC-32', () => {
    expect(crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926);
  });
});

describe('resumed training', () => {
  const withoutTime = (history: EpochMetrics[]) => history.map(({ seconds: _seconds, ...rest }) => rest);
  const options = (overrides: Partial<TrainOptions> = {}, epochs = 4): TrainOptions => ({
    spec: TINY_MLP,
    hyperparameters: { batchSize: 16, epochs, activation: 'relu', optimizer: 'adam', learningRate: 0.02, momentum: 0 },
    numClasses: 3,
    train: images,
    validation,
    seed: 11,
    augmentation: { probability: 0.5, areaRange: [0.05, 0.2], aspectRatioRange: [0.5, 2], fillRange: [0, 1], perPixelFill: true },
    ...overrides,
  });

  it.each(['adam', 'rmsprop', 'adamax'] as const)(
    '%s: 2 epochs + checkpoint + 2 resumed epochs equal 4 straight epochs exactly, without leaks',
    async (optimizer) => {
      const hp = (epochs: number) => ({ ...options().hyperparameters, epochs, optimizer, momentum: optimizer === 'rmsprop' ? 0.5 : 0 });
      const before = tf.memory().numTensors;
      const straight = await trainModel(options({ hyperparameters: hp(4), checkpoint: true }));
      const first = await trainModel(options({ hyperparameters: hp(2), checkpoint: true }));
      const epochs: number[] = [];
      const resumed = await trainModel(
        options({ hyperparameters: hp(4), resumeFrom: first.checkpoint!, checkpoint: true, onEpochEnd: (m) => void epochs.push(m.epoch) }),
      );
      try {
        expect(epochs).toEqual([3, 4]);
        expect(withoutTime(first.history)).toEqual(withoutTime(straight.history.slice(0, 2)));
        // Exact: same bytes of weights and optimizer state, same per-epoch shuffles, erasing and dropout masks.
        expect(withoutTime(resumed.history)).toEqual(withoutTime(straight.history.slice(2)));
        const weights = (m: tf.LayersModel) => m.getWeights().map((w) => Array.from(w.dataSync()));
        expect(weights(resumed.model)).toEqual(weights(straight.model));

        const saved = deserializeCheckpoint(first.checkpoint!);
        const end = deserializeCheckpoint(resumed.checkpoint!);
        expect(saved.epoch).toBe(2);
        expect(saved.optimizer.iterations).toBe(2 * 3); // 48 images / 16 per batch
        expect(end.epoch).toBe(4);
        expect(end.optimizer.iterations).toBe(4 * 3);
        expect(plain(end)).toEqual(plain(deserializeCheckpoint(straight.checkpoint!)));
      } finally {
        [straight, first, resumed].forEach((r) => r.model.dispose());
      }
      expect(tf.memory().numTensors).toBe(before);
    },
  );

  it('restores non-zero Adam moments equal to the saved ones before the first resumed step', async () => {
    const first = await trainModel(options({ hyperparameters: { ...options().hyperparameters, epochs: 1 }, checkpoint: true }));
    first.model.dispose();
    const saved = deserializeCheckpoint(first.checkpoint!);
    const firstMoments = saved.optimizerSlots.filter((s) => s.name.endsWith('/m'));
    const secondMoments = saved.optimizerSlots.filter((s) => s.name.endsWith('/v'));
    expect(firstMoments).toHaveLength(4);
    expect(secondMoments).toHaveLength(4);
    for (const s of saved.optimizerSlots) expect(Math.max(...Array.from(s.values, Math.abs))).toBeGreaterThan(0);

    const model = makeModel(99);
    const optimizer = createOptimizer({ optimizer: 'adam', learningRate: 0.02, momentum: 0 });
    await restoreCheckpoint(first.checkpoint!, model, optimizer);
    const internals = optimizer as unknown as {
      accumulatedFirstMoment: { variable: tf.Variable }[];
      accumulatedSecondMoment: { variable: tf.Variable }[];
    };
    expect(internals.accumulatedFirstMoment.map((m) => Array.from(m.variable.dataSync()))).toEqual(
      firstMoments.map((s) => Array.from(s.values)),
    );
    expect(internals.accumulatedSecondMoment.map((m) => Array.from(m.variable.dataSync()))).toEqual(
      secondMoments.map((s) => Array.from(s.values)),
    );
    expect(optimizer.iterations).toBe(3);
    model.dispose();
    disposeOptimizer(optimizer);
  });

  it('returns no checkpoint unless asked, none when cancelled, and validates initialEpoch', async () => {
    const short = options({ hyperparameters: { ...options().hyperparameters, epochs: 2 } });
    const plainRun = await trainModel(short);
    plainRun.model.dispose();
    expect(plainRun.checkpoint).toBeNull();
    let batches = 0;
    const cancelled = await trainModel({ ...short, checkpoint: true, shouldStop: () => ++batches > 4 });
    cancelled.model.dispose();
    expect(cancelled).toMatchObject({ cancelled: true, checkpoint: null });

    const first = await trainModel({ ...short, checkpoint: true });
    first.model.dispose();
    const before = tf.memory().numTensors;
    await expect(trainModel({ ...short, initialEpoch: 1 })).rejects.toThrow('initialEpoch 1 needs resumeFrom');
    await expect(trainModel({ ...short, initialEpoch: 2 })).rejects.toThrow('initialEpoch 2 leaves nothing to train: epochs is 2');
    await expect(trainModel(options({ resumeFrom: first.checkpoint!, initialEpoch: 1 }))).rejects.toThrow(
      'initialEpoch is 1 but the checkpoint was taken after epoch 2',
    );
    await expect(trainModel({ ...short, resumeFrom: first.checkpoint! })).rejects.toThrow('the checkpoint already holds 2 epochs');
    await expect(trainModel(options({ resumeFrom: new Uint8Array([1, 2, 3]) }))).rejects.toThrow('not a usable Atelier checkpoint');
    await expect(
      trainModel(options({ resumeFrom: first.checkpoint!, hyperparameters: { ...options().hyperparameters, optimizer: 'adagrad' } })),
    ).rejects.toThrow('the checkpoint holds Adam optimizer state but training uses Adagrad');
    expect(tf.memory().numTensors).toBe(before);
  });
});
