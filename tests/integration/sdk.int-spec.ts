import * as atelier from '@atelier/sdk';
import {
  fromWireNumber,
  type TEvaluation,
  type TPrediction,
  type TRunDetail,
  type TRunEvaluations,
  type TRunMetrics,
} from '@atelier/domain';
import * as tf from '@tensorflow/tfjs';
import { TEST_ADMIN } from '../harness/auth';
import { apiJson } from '../harness/search';
import { type Stack, startStack } from '../harness/stack';

// The SDK against the real API, as a training script uses it: a TF.js model trained with
// run.callback() and uploaded with run.logModel(), a run failed with its error, and an API
// stopped and started again in the middle of a run, after which every point is there exactly once.

// every run below signs its requests with the stack's admin token, and keeps its warnings to itself
const silent = { warn: () => undefined, token: TEST_ADMIN.token };

async function metricsOf(stack: Stack, runId: string): Promise<TRunMetrics> {
  return (await apiJson(stack.apiUrl, `/runs/${runId}/metrics`)) as TRunMetrics;
}

describe('@atelier/sdk against the API', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ worker: false });
    await tf.setBackend('cpu');
  });
  afterAll(async () => {
    await (stack as Stack | undefined)?.stop();
  });

  it('logs a model.fit through the callback and uploads the model, predictable like a refit', async () => {
    const run = await atelier.init({
      url: stack.apiUrl,
      experiment: 'sdk: fit',
      name: 'tiny cnn',
      config: { dataset: 'fashion-mnist', optimizer: { name: 'adam', lr: 0.01 } },
      tags: { team: 'vision' },
      ...silent,
    });
    const model = tf.sequential({
      layers: [
        tf.layers.conv2d({ inputShape: [28, 28, 1], filters: 2, kernelSize: 3, activation: 'relu' }),
        tf.layers.flatten(),
        tf.layers.dense({ units: 10, activation: 'softmax' }),
      ],
    });
    model.compile({ optimizer: tf.train.adam(0.01), loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
    const xs = tf.randomUniform([32, 28, 28, 1], 0, 1, 'float32', 3);
    const ys = tf.oneHot(
      tf.tensor1d(
        Array.from({ length: 32 }, (_, i) => i % 10),
        'int32',
      ),
      10,
    );
    await model.fit(xs, ys, { epochs: 2, batchSize: 16, validationSplit: 0.25, callbacks: [run.callback()] });
    const artifact = await run.logModel(model);
    const summary = await run.finish();
    tf.dispose([xs, ys]);
    model.dispose();

    expect(summary).toEqual({ sent: expect.any(Number) as unknown, pending: 0, dropped: 0 });
    const detail = (await apiJson(stack.apiUrl, `/runs/${run.id}`)) as TRunDetail;
    expect(detail.status).toBe('completed');
    expect(detail.params).toMatchObject({
      dataset: 'fashion-mnist',
      'optimizer.name': 'adam',
      'optimizer.lr': 0.01,
      'model.optimizer': 'Adam',
      'model.layers': 3,
      'fit.epochs': 2,
      'fit.batch_size': 16,
    });
    expect(detail.tags).toEqual({ team: 'vision' });
    const series = (await metricsOf(stack, run.id)).series;
    const steps = (key: string) => series.find((s) => s.key === key)?.points.map((point) => point.step);
    for (const key of ['loss', 'accuracy', 'val_loss', 'val_accuracy', 'epoch_seconds', 'images_per_second', 'learning_rate'])
      expect(steps(key)).toEqual([1, 2]);
    expect(series.find((s) => s.key === 'learning_rate')?.points.map((point) => fromWireNumber(point.value))).toEqual([0.01, 0.01]);

    expect(artifact.name).toBe('model');
    const prediction = (await apiJson(stack.apiUrl, `/models/${artifact.id}/predict`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ pixels: new Array<number>(784).fill(0) }),
    })) as TPrediction;
    expect(prediction.predictions.map((p) => p.className).sort()).toHaveLength(10);
    expect(prediction.predictions.reduce((sum, p) => sum + p.probability, 0)).toBeCloseTo(1, 4);
  });

  it("logs a model's confusion matrix; the API scores it per class and a second log of the split replaces it", async () => {
    const run = await atelier.init({ url: stack.apiUrl, experiment: 'sdk: evaluation', config: { dataset: 'fashion-mnist' }, ...silent });
    const classNames = ['T-shirt/top', 'Trouser', 'Pullover'];
    // truth 0 0 0 1 1 2 2 2; predicted (arg-max) 0 0 1 1 1 2 2 0
    const yTrue = tf.oneHot(tf.tensor1d([0, 0, 0, 1, 1, 2, 2, 2], 'int32'), 3);
    const probabilities = tf.tensor2d([0, 0, 1, 1, 1, 2, 2, 0].map((c) => [0.1, 0.1, 0.1].map((p, k) => (k === c ? 0.8 : p))));
    const before = tf.memory().numTensors;
    const logged = await run.logConfusionMatrix(yTrue, probabilities, classNames, { loss: 0.61 });
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose([yTrue, probabilities]);
    const matrix = [
      [2, 1, 0],
      [0, 2, 0],
      [1, 0, 2],
    ];
    expect(logged).toMatchObject({
      trialId: run.id,
      split: 'test',
      datasetKey: 'fashion-mnist',
      classNames,
      confusionMatrix: matrix,
      accuracy: 6 / 8,
      loss: 0.61,
    });
    // hand-computed: precision = tp / column sum, recall = tp / row sum, F1 = 2tp / (column + row)
    const scores = (e: TEvaluation) => e.perClass.map((c) => [c.precision, c.recall, c.f1, c.support].map((v) => Number(v.toFixed(6))));
    const round = (v: number) => Number(v.toFixed(6));
    expect(scores(logged!)).toEqual([
      [round(2 / 3), round(2 / 3), round(4 / 6), 3],
      [round(2 / 3), 1, round(4 / 5), 2],
      [1, round(2 / 3), round(4 / 5), 3],
    ]);
    await run.logConfusionMatrix([0, 1, 2], [0, 1, 2], classNames);
    await run.finish();
    const stored = (await apiJson(stack.apiUrl, `/runs/${run.id}/evaluations`)) as TRunEvaluations;
    expect(stored.items.map((e) => [e.split, e.accuracy, e.confusionMatrix])).toEqual([
      [
        'test',
        1,
        [
          [1, 0, 0],
          [0, 1, 0],
          [0, 0, 1],
        ],
      ],
    ]);
  });

  it('records why a run failed', async () => {
    const run = await atelier.init({ url: stack.apiUrl, experiment: 'sdk: failures', ...silent });
    run.log({ loss: Number.NaN }, { step: 1 });
    await run.fail(new Error('loss diverged at step 1'));
    const detail = (await apiJson(stack.apiUrl, `/runs/${run.id}`)) as TRunDetail;
    expect(detail.status).toBe('failed');
    expect(detail.error).toMatch(/^Error: loss diverged at step 1\n/);
    const loss = (await metricsOf(stack, run.id)).series.find((s) => s.key === 'loss');
    expect(loss?.points.map((point) => point.value)).toEqual(['NaN']);
  });

  it('delivers every point exactly once when the API stops and starts again in the middle of a run', async () => {
    const warnings: string[] = [];
    const run = await atelier.init({
      url: stack.apiUrl,
      experiment: 'sdk: outage',
      token: TEST_ADMIN.token,
      warn: (message) => warnings.push(message),
      finishTimeoutMs: 120_000,
    });
    const keys = ['loss', 'acc', 'val_loss', 'val_acc'];
    const logSteps = async (from: number, to: number) => {
      for (let step = from; step < to; step++) {
        run.log(Object.fromEntries(keys.map((key, i) => [key, step + i / 10])), { step });
        if (step % 50 === 0) await new Promise((resolve) => setTimeout(resolve, 20));
      }
    };
    await logSteps(0, 150);
    await stack.stopProcesses();
    await logSteps(150, 350);
    // the SDK keeps retrying while the API is away; give it a few failed attempts
    await new Promise((resolve) => setTimeout(resolve, 2500));
    await stack.startApi();
    await logSteps(350, 500);
    const summary = await run.finish();

    expect(summary.pending).toBe(0);
    expect(summary.dropped).toBe(0);
    const series = (await metricsOf(stack, run.id)).series;
    expect(series.map((s) => [s.key, s.count]).sort()).toEqual(keys.map((key) => [key, 500]).sort());
    const total = series.reduce((sum, s) => sum + s.count, 0);
    expect(total).toBe(2000);
    for (const s of series) expect(s.points.map((point) => point.step)).toEqual(Array.from({ length: 500 }, (_, step) => step));
    expect(warnings.some((message) => message.startsWith('atelier: cannot send to the API'))).toBe(true);
    expect(((await apiJson(stack.apiUrl, `/runs/${run.id}`)) as TRunDetail).status).toBe('completed');
  });

  it('refuses to start with one clear error when nothing answers at the URL', async () => {
    const started = Date.now();
    await expect(atelier.init({ url: 'http://127.0.0.1:9', experiment: 'x', initTimeoutMs: 1500, ...silent })).rejects.toThrow(
      /^no Atelier API at http:\/\/127\.0\.0\.1:9 \(.*\); check ATELIER_URL or the url given to init\(\)$/,
    );
    expect(Date.now() - started).toBeLessThan(10_000);
  });
});
