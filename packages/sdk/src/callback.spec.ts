import type { TLogRequest } from '@atelier/domain';
import * as tf from '@tensorflow/tfjs';
import { Run } from './run.js';
import type { Transport } from './transport.js';

function recordingRun() {
  const logs: TLogRequest[] = [];
  const transport = {
    log: (_id: string, request: TLogRequest) => {
      logs.push(structuredClone(request));
      return Promise.resolve();
    },
    updateRun: () => Promise.resolve(),
  } as unknown as Transport;
  const run = new Run(
    { id: 'r1', number: 1, experimentId: 'e1' },
    { transport, url: '', warn: () => undefined, finishTimeoutMs: 5000, flushIntervalMs: 60_000 },
  );
  return { run, logs };
}

function tinyModel() {
  const model = tf.sequential({ layers: [tf.layers.dense({ inputShape: [2], units: 3, activation: 'softmax' })] });
  model.compile({ optimizer: tf.train.adam(0.01), loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
  return model;
}

describe('run.callback()', () => {
  beforeAll(async () => {
    await tf.setBackend('cpu');
  });

  it('logs every epoch under Atelier’s keys, the batch loss, and the model as parameters, leaking no tensor', async () => {
    const { run, logs } = recordingRun();
    const model = tinyModel();
    const xs = tf.randomNormal([32, 2], 0, 1, 'float32', 1);
    const ys = tf.oneHot(
      tf.tensor1d(
        Array.from({ length: 32 }, (_, i) => i % 3),
        'int32',
      ),
      3,
    );
    // a first fit makes the optimizer's state (Adam's moments), which stays with the model
    await model.fit(xs, ys, { epochs: 1, batchSize: 8 });
    const before = tf.memory().numTensors;
    await model.fit(xs, ys, {
      epochs: 3,
      batchSize: 8,
      validationSplit: 0.25,
      callbacks: [run.callback({ fold: 1, batchLogIntervalMs: 0.001 })],
    });
    // a second fit continues the curve
    await model.fit(xs, ys, { epochs: 1, batchSize: 8, callbacks: [run.callback({ fold: 1 })] });
    await run.finish();
    expect(tf.memory().numTensors).toBe(before);

    const points = logs.flatMap((log) => log.metrics ?? []);
    const epochKeys = ['loss', 'accuracy', 'val_loss', 'val_accuracy', 'epoch_seconds', 'images_per_second', 'learning_rate'];
    for (const step of [1, 2, 3]) {
      expect(
        points
          .filter((point) => point.step === step && !point.key.startsWith('batch/'))
          .map((point) => point.key)
          .sort(),
      ).toEqual([...epochKeys].sort());
    }
    expect(points.filter((point) => point.key === 'learning_rate').map((point) => point.value)).toEqual([0.01, 0.01, 0.01, 0.01]);
    expect(points.every((point) => point.fold === 1)).toBe(true);
    // 24 training images per epoch (validationSplit keeps 8 out): 3 batches
    const batchSteps = points.filter((point) => point.key === 'batch/loss').map((point) => point.step);
    expect(batchSteps.slice(0, 9)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(points.filter((point) => point.key === 'loss').map((point) => point.step)).toEqual([1, 2, 3, 4]);

    const params = Object.assign({}, ...logs.filter((log) => log.params).map((log) => log.params)) as Record<string, unknown>;
    expect(params).toMatchObject({
      'model.parameters': 9,
      'model.trainable_parameters': 9,
      'model.layers': 1,
      'model.optimizer': 'Adam',
      'model.loss': 'categoricalCrossentropy',
      'model.learning_rate': 0.01,
      'fit.epochs': 3,
      'fit.batch_size': 8,
    });
    expect(params['model.summary']).toContain('Total params: 9');
    tf.dispose([xs, ys]);
    model.dispose();
  });

  it('works with fitDataset', async () => {
    const { run, logs } = recordingRun();
    const model = tinyModel();
    const data = tf.data
      .array(
        Array.from({ length: 16 }, (_, i) => ({
          xs: [i / 16, 1 - i / 16],
          ys: [i % 3 === 0 ? 1 : 0, i % 3 === 1 ? 1 : 0, i % 3 === 2 ? 1 : 0],
        })),
      )
      .batch(4);
    // tfjs-layers declares its own structural copy of tfjs-data's Dataset class; this one is the real thing
    // eslint-disable-next-line @typescript-eslint/no-unsafe-class-instance-assignment
    await model.fitDataset(data, { epochs: 2, callbacks: [run.callback()] });
    await run.finish();
    const points = logs.flatMap((log) => log.metrics ?? []);
    expect(points.filter((point) => point.key === 'accuracy').map((point) => point.step)).toEqual([1, 2]);
    // 16 images over the epoch's seconds
    expect(points.some((point) => point.key === 'images_per_second' && typeof point.value === 'number' && point.value > 0)).toBe(true);
    model.dispose();
  });
});
