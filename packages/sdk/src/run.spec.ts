import type { TLogEvaluationRequest, TLogRequest, TMetricPoint, TUpdateRunRequest } from '@atelier/domain';
import * as tf from '@tensorflow/tfjs';
import { Run } from './run.js';
import type { ModelUpload, Transport } from './transport.js';

/** A transport that records what a run sends, as the API would store it. */
function recorder() {
  const logs: TLogRequest[] = [];
  const updates: TUpdateRunRequest[] = [];
  const models: ModelUpload[] = [];
  const evaluations: TLogEvaluationRequest[] = [];
  const transport: Transport = {
    createRun: () => Promise.reject(new Error('not used')),
    log: (_id, request) => {
      logs.push(structuredClone(request));
      return Promise.resolve();
    },
    updateRun: (_id, request) => {
      updates.push(request);
      return Promise.resolve();
    },
    uploadModel: (_id, upload) => {
      models.push(upload);
      return Promise.resolve({ id: 'm1', name: upload.name ?? 'model' });
    },
    uploadArtifacts: () => Promise.resolve(),
    logEvaluation: (_id, request) => {
      evaluations.push(request);
      return Promise.resolve(null);
    },
  };
  const points = (): TMetricPoint[] => logs.flatMap((log) => log.metrics ?? []);
  return { transport, logs, updates, models, evaluations, points };
}

function newRun(transport: Transport, warnings: string[] = []) {
  return new Run(
    { id: 'r1', number: 7, experimentId: 'e1' },
    { transport, url: 'http://atelier/runs/r1', warn: (message) => warnings.push(message), finishTimeoutMs: 5000, flushIntervalMs: 60_000 },
  );
}

describe('Run', () => {
  it('numbers steps itself when none is given, and NaN and Infinity travel as data', async () => {
    const api = recorder();
    const run = newRun(api.transport);
    run.log({ loss: 0.5 });
    run.log({ loss: Number.NaN });
    run.log({ loss: Number.POSITIVE_INFINITY }, { step: 10, fold: 2 });
    run.log({ loss: 0.1 });
    await run.finish();
    expect(api.points().map(({ key, value, step, fold }) => ({ key, value, step, fold }))).toEqual([
      { key: 'loss', value: 0.5, step: 0, fold: undefined },
      { key: 'loss', value: 'NaN', step: 1, fold: undefined },
      { key: 'loss', value: 'Infinity', step: 10, fold: 2 },
      { key: 'loss', value: 0.1, step: 11, fold: undefined },
    ]);
    expect(api.updates).toEqual([{ status: 'finished' }]);
  });

  it('skips, with one warning each, what the API would refuse, and keeps the rest of the batch', async () => {
    const api = recorder();
    const warnings: string[] = [];
    const run = newRun(api.transport, warnings);
    run.log({ 'bad key!': 1, acc: 0.9 }, { step: 0 });
    run.log({ 'bad key!': 2, acc: 0.91 }, { step: 1 });
    run.log({ acc: 0.92 }, { step: -1 });
    run.log({ acc: '0.93' as unknown as number }, { step: 2 });
    run.setConfig({ optimizer: { name: 'adam', beta1: 0.9 }, layers: [1, 2] });
    await run.finish();
    expect(api.points().map((point) => [point.key, point.value])).toEqual([
      ['acc', 0.9],
      ['acc', 0.91],
    ]);
    expect(api.logs.find((log) => log.params)?.params).toEqual({ 'optimizer.name': 'adam', 'optimizer.beta1': 0.9 });
    expect(warnings).toEqual([
      'atelier: metric key "bad key!": a key may hold only letters, digits, spaces and _ - . / :; it is not logged',
      'atelier: step -1 is not a whole number from 0 to 2147483647; those values are not logged',
      'atelier: metric "acc" is string, not a number; it is not logged',
      'atelier: parameter layers must be a number, a string or a boolean, not a list (log a list as a string or as one key per item); it is not logged',
    ]);
  });

  it('fails with the error and its stack, and ignores logs after the end', async () => {
    const api = recorder();
    const warnings: string[] = [];
    const run = newRun(api.transport, warnings);
    await run.fail(new RangeError('loss diverged'));
    run.log({ loss: 1 });
    expect(api.updates[0]?.status).toBe('failed');
    expect(api.updates[0]?.error).toMatch(/^RangeError: loss diverged\n\s+at /);
    expect(warnings).toEqual(['atelier: run 7 has ended; log() after finish() or fail() is ignored']);
    expect(await run.finish()).toEqual(await run.fail());
  });

  it('uploads a model as tf.io.http would: model.json whose manifest points at model.weights.bin, and the weights', async () => {
    const api = recorder();
    const run = newRun(api.transport);
    const model = tf.sequential({ layers: [tf.layers.dense({ inputShape: [4], units: 3, activation: 'softmax' })] });
    const before = tf.memory().numTensors;
    expect(await run.logModel(model, { name: 'best', dataset: 'mnist' })).toEqual({ id: 'm1', name: 'best' });
    const upload = api.models[0]!;
    const json = JSON.parse(await upload.modelJson.text()) as {
      modelTopology: { class_name: string };
      weightsManifest: { paths: string[]; weights: { name: string; shape: number[] }[] }[];
    };
    expect(json.modelTopology.class_name).toBe('Sequential');
    expect(json.weightsManifest).toEqual([
      { paths: ['./model.weights.bin'], weights: [expect.objectContaining({ shape: [4, 3] }), expect.objectContaining({ shape: [3] })] },
    ]);
    expect(upload.weights.size).toBe((4 * 3 + 3) * 4);
    expect(upload).toMatchObject({ name: 'best', dataset: 'mnist' });
    expect(tf.memory().numTensors).toBe(before);
    model.dispose();
  });

  describe('logConfusionMatrix', () => {
    const names = ['cat', 'dog', 'bird'];
    const expected = [
      [2, 1, 0],
      [0, 1, 0],
      [0, 1, 1],
    ];

    it('counts class indices into matrix[true][predicted], after the queued points', async () => {
      const api = recorder();
      const run = newRun(api.transport);
      run.log({ loss: 0.3 });
      await run.logConfusionMatrix([0, 0, 0, 1, 2, 2], Int32Array.from([0, 0, 1, 1, 1, 2]), names, { loss: 0.7 });
      expect(api.points()).toHaveLength(1);
      expect(api.evaluations).toEqual([{ classNames: names, confusionMatrix: expected, split: 'test', loss: 0.7 }]);
    });

    it('reads 1-D index tensors and 2-D one-hot or probability tensors (arg-max), disposing only what it made', async () => {
      const api = recorder();
      const run = newRun(api.transport);
      const yTrue = tf.oneHot(tf.tensor1d([0, 0, 0, 1, 2, 2], 'int32'), 3);
      const yPred = tf.tensor2d([
        [0.8, 0.1, 0.1],
        [0.6, 0.3, 0.1],
        [0.2, 0.7, 0.1],
        [0.1, 0.8, 0.1],
        [0.3, 0.4, 0.3],
        [0.1, 0.1, 0.8],
      ]);
      const indices = tf.tensor1d([0, 0, 1, 1, 1, 2], 'int32');
      const before = tf.memory().numTensors;
      await run.logConfusionMatrix(yTrue, yPred, names);
      await run.logConfusionMatrix(yTrue, indices, names, { split: 'validation' });
      expect(tf.memory().numTensors).toBe(before);
      expect(api.evaluations.map((e) => [e.split, e.confusionMatrix])).toEqual([
        ['test', expected],
        ['validation', expected],
      ]);
      tf.dispose([yTrue, yPred, indices]);
    });

    it('rejects labels that do not fit the class names, sending nothing', async () => {
      const api = recorder();
      const run = newRun(api.transport);
      await expect(run.logConfusionMatrix([0, 1], [0], names)).rejects.toThrow(
        'logConfusionMatrix: yTrue has 2 labels but yPred has 1 (there are 3 class names)',
      );
      await expect(run.logConfusionMatrix([0, 3], [0, 1], names)).rejects.toThrow(
        'logConfusionMatrix: label pair (3, 1) at index 1 is outside 0..2 (there are 3 class names)',
      );
      const cube = tf.zeros([2, 2, 2]);
      await expect(run.logConfusionMatrix(cube, [0, 1], names)).rejects.toThrow('logConfusionMatrix: yTrue is a tensor of shape [2, 2, 2]');
      cube.dispose();
      expect(api.evaluations).toEqual([]);
    });
  });
});
