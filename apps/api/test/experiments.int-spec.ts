import type { Queue } from 'bullmq';
import {
  cancelKey,
  hyperparametersOf,
  paramsOf,
  pauseKey,
  JOB_NAMES,
  progressChannel,
  trainFoldJobId,
  type TCreateExperimentRequest,
  type TExperimentDetail,
  ZExperimentDetail,
  ZGridSpace,
  ZExperimentList,
  ZExperimentMetrics,
  ZComparison,
  ZFoldMetrics,
  ZProgressEvent,
  ZTrial,
  type TDatasetSummary,
  type TArchitectureSummary,
  type TComparison,
} from '@atelier/domain';
import { publishProgress } from '@atelier/db';
import { expandGrid } from '@atelier/ml/search/grid';
import { TRAINING_QUEUE } from '../src/infra/tokens';
import { ProgressHub } from '../src/progress/progress-hub';
import { seedEpochs } from './seed-trials';
import { startTestApp, type TestApp, errorOf, type OpenApiDocument } from './test-app';

function body(
  overrides: Partial<TCreateExperimentRequest> = {},
  space: Partial<TCreateExperimentRequest['space']> = {},
): TCreateExperimentRequest {
  return {
    name: 'integration search',
    dataset: 'fashion-mnist',
    space: {
      architecture: ['cnn-a', 'mlp'],
      batchSize: [32, 64],
      epochs: [2],
      activation: ['relu'],
      optimizer: ['adam', 'sgd'],
      learningRate: [0.01],
      momentum: [0.9],
      ...space,
    },
    validation: { kind: 'kfold', folds: 3 },
    trainingSlice: 1000,
    seed: 7,
    priority: 3,
    ...overrides,
  };
}

async function jobCount(queue: Queue): Promise<number> {
  const counts = await queue.getJobCounts();
  return Object.values(counts).reduce((sum, n) => sum + n, 0);
}

describe('experiments API (PostgreSQL + Redis)', () => {
  let t: TestApp;
  const http = () => t.api;

  async function rowCounts() {
    return {
      experiments: await t.prisma.experiment.count(),
      trials: await t.prisma.run.count(),
      folds: await t.prisma.foldRun.count(),
      jobs: await jobCount(t.queue),
    };
  }

  async function create(overrides: Partial<TCreateExperimentRequest> = {}, space: Partial<TCreateExperimentRequest['space']> = {}) {
    const response = await http().post('/experiments').send(body(overrides, space));
    expect(response.status).toBe(201);
    return ZExperimentDetail.parse(response.body);
  }

  beforeAll(async () => {
    t = await startTestApp({ MAX_TRIALS: '500' });
  });
  afterAll(async () => {
    await (t as TestApp | undefined)?.close(); // undefined when the setup failed
  });

  it('seeded the builtins and the default project', async () => {
    expect(await t.prisma.project.findMany({ select: { slug: true } })).toEqual([{ slug: 'default' }]);
    const datasets = await http().get('/datasets').expect(200);
    expect((datasets.body as TDatasetSummary[]).map((d) => d.key)).toEqual(['fashion-mnist', 'mnist']);
    const mnist = (datasets.body as TDatasetSummary[]).find((d) => d.key === 'mnist')!;
    expect(mnist).toMatchObject({ kind: 'builtin', trainSize: 60000, testSize: 10000, imageShape: [28, 28, 1], available: true });
    expect(mnist.classNames).toEqual(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9']);

    const architectures = await http().get('/architectures').expect(200);
    const byKey = Object.fromEntries((architectures.body as TArchitectureSummary[]).map((a) => [a.key, a]));
    expect(Object.keys(byKey).sort()).toEqual(['cnn-a', 'cnn-b', 'cnn-c', 'cnn-d', 'cnn-e', 'knn', 'mlp']);
    expect(byKey.knn!.parameterCount).toBeNull();
    // conv 3×3×32 (320) + dense 5408→128 (692,352) + output 128→10 (1,290)
    expect(byKey['cnn-a']!.parameterCount).toBe(693_962);
  });

  it('answers /health with both dependencies up', async () => {
    const response = await http().get('/health').expect(200);
    expect(response.body).toMatchObject({ status: 'ok', postgres: { ok: true }, redis: { ok: true } });
    expect((response.body as { postgres: { latencyMs: number } }).postgres.latencyMs).toBeGreaterThanOrEqual(0);
  });

  it('creates the experiment, its trials and folds, and one job per fold with deterministic ids', async () => {
    const before = await rowCounts();
    const created = await create();
    expect(created).toMatchObject({ status: 'queued', trialCount: 8, dataset: 'fashion-mnist', seed: 7, priority: 3, trainingSlice: 1000 });
    expect(created.trialCounts).toEqual({
      queued: 8,
      running: 0,
      paused: 0,
      waiting: 0,
      stopped: 0,
      completed: 0,
      failed: 0,
      cancelled: 0,
    });

    const after = await rowCounts();
    expect(after).toEqual({
      experiments: before.experiments + 1,
      trials: before.trials + 8,
      folds: before.folds + 24,
      jobs: before.jobs + 24,
    });

    const trials = await t.prisma.run.findMany({
      where: { experimentId: created.id },
      orderBy: { number: 'asc' },
      include: { architecture: { select: { key: true } }, foldRuns: { orderBy: { fold: 'asc' } } },
    });
    const grid = expandGrid(ZGridSpace.parse(body().space));
    expect(trials.map((trial) => trial.number)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    trials.forEach((trial, index) => {
      const point = grid[index]!;
      // the search point is the run's params document, under the names of THyperparameters
      expect(trial.params).toEqual(paramsOf(point));
      expect(hyperparametersOf(trial.params)).toEqual(point);
      expect(trial.architecture!.key).toBe(point.architecture);
      expect(trial.status).toBe('queued');
      expect(trial.foldRuns.map((f) => [f.fold, f.status, f.epochsCompleted])).toEqual([
        [0, 'queued', 0],
        [1, 'queued', 0],
        [2, 'queued', 0],
      ]);
    });

    for (const trial of trials) {
      for (const fold of [0, 1, 2]) {
        const job = await t.queue.getJob(trainFoldJobId({ experimentId: created.id, trialNumber: trial.number, fold }));
        expect(job?.name).toBe(JOB_NAMES.trainFold);
        // requestId: the POST's x-request-id (a new UUID here), for the worker's log lines
        expect(job?.data).toEqual({
          experimentId: created.id,
          trialId: trial.id,
          trialNumber: trial.number,
          fold,
          rung: 0,
          requestId: expect.stringMatching(/^[0-9a-f-]{36}$/) as unknown,
        });
        // experiment priority 3 → band 300, first rung: 299 (see trainFoldPriority)
        expect(job?.opts).toMatchObject({ priority: 299, attempts: 3, backoff: { type: 'exponential', delay: 5000 } });
        expect(await job?.getState()).toBe('prioritized');
      }
    }
  });

  it('plans one fold per trial for a holdout split', async () => {
    const created = await create({ validation: { kind: 'holdout', fraction: 0.2 } }, { architecture: ['cnn-a'], batchSize: [64] });
    expect(created.trials).toHaveLength(2);
    expect(created.trials.map((trial) => trial.folds.map((f) => f.fold))).toEqual([[0], [0]]);
  });

  it('POST /experiments/plan validates the same way and writes nothing', async () => {
    const before = await rowCounts();
    const plan = await http()
      .post('/experiments/plan')
      .send(body({}, { epochs: [2, 4] }))
      .expect(200);
    expect(plan.body).toEqual({
      trialCount: 16,
      folds: 3,
      trainingRuns: 48,
      totalEpochs: 8 * (2 + 4) * 3,
      rungs: null,
      maxTrials: 500,
      maxTotalEpochs: 100_000,
      estimate: expect.objectContaining({ imagesPerFold: 667 }) as unknown,
    });
    const refused = await http()
      .post('/experiments/plan')
      .send(body({ dataset: 'cifar' }))
      .expect(400);
    expect(errorOf(refused).message).toBe("Unknown dataset 'cifar'. Available: fashion-mnist, mnist");
    expect(await rowCounts()).toEqual(before);
  });

  describe('refuses an invalid request with 400, an actionable message, and writes nothing', () => {
    const cases: [string, () => unknown, RegExp | string][] = [
      ['unknown dataset', () => body({ dataset: 'cifar-10' }), "Unknown dataset 'cifar-10'. Available: fashion-mnist, mnist"],
      [
        'unknown architecture',
        () => body({}, { architecture: ['resnet'] }),
        "Unknown architecture 'resnet'. Available: cnn-a, cnn-b, cnn-c, cnn-d, cnn-e, mlp",
      ],
      [
        'knn in a grid',
        () => body({}, { architecture: ['cnn-a', 'knn'] }),
        /^Architecture 'knn' is a k-nearest-neighbours baseline: .*cannot tune it/,
      ],
      [
        'empty grid',
        () => body({}, { optimizer: [] }),
        'Invalid request: space.optimizer: the values for optimizer are empty: give at least one value',
      ],
      [
        'zero learning rate',
        () => body({}, { learningRate: [0] }),
        'Invalid request: space.learningRate[0]: learning rate must be positive',
      ],
      ['negative batch size', () => body({}, { batchSize: [-8] }), 'Invalid request: space.batchSize[0]: batch size must be positive'],
      ['momentum of 1', () => body({}, { momentum: [1] }), 'Invalid request: space.momentum[0]: momentum must be in [0, 1)'],
      ['negative momentum', () => body({}, { momentum: [-0.1] }), 'Invalid request: space.momentum[0]: momentum must be in [0, 1)'],
      [
        'slice larger than the training set',
        () => body({ trainingSlice: 70_000 }),
        /^Training slice 70000 is larger than the training set of 'fashion-mnist' \(60000 images\)/,
      ],
      [
        'grid above MAX_TRIALS',
        () =>
          body(
            {},
            {
              architecture: ['cnn-a', 'mlp'],
              batchSize: [8, 16, 32, 64, 128, 256],
              epochs: [1, 2, 3, 4, 5],
              activation: ['relu', 'tanh'],
              optimizer: ['adam', 'sgd', 'rmsprop'],
              learningRate: [0.1, 0.01],
            },
          ),
        'The grid expands to 720 trials; the limit is 500 (MAX_TRIALS)',
      ],
      ['missing name', () => ({ ...body(), name: undefined }), /^Invalid request: name: /],
      ['not an object', () => [1, 2], /^Invalid request: /],
    ];
    it.each(cases)('%s', async (_label, make, message) => {
      const before = await rowCounts();
      for (const route of ['/experiments', '/experiments/plan']) {
        const response = await http()
          .post(route)
          .send(make() as object);
        expect(response.status).toBe(400);
        expect(response.body).toMatchObject({ statusCode: 400, error: 'validation_failed' });
        if (typeof message === 'string') expect(errorOf(response).message).toBe(message);
        else expect(errorOf(response).message).toMatch(message);
        expect(errorOf(response).issues!.length).toBeGreaterThan(0);
      }
      expect(await rowCounts()).toEqual(before);
    });

    it('malformed JSON', async () => {
      const before = await rowCounts();
      const response = await http().post('/experiments').set('content-type', 'application/json').send('{"name": "x",');
      expect(response.status).toBe(400);
      expect(response.body).toMatchObject({ statusCode: 400, error: 'invalid_json' });
      expect(errorOf(response).message).toMatch(/^The request body is not valid JSON: /);
      expect(await rowCounts()).toEqual(before);
    });
  });

  it('answers 503 and keeps nothing when the jobs cannot be queued', async () => {
    const queue = t.app.get<Queue>(TRAINING_QUEUE);
    const spy = jest.spyOn(queue, 'addBulk').mockRejectedValueOnce(new Error('Connection is closed.'));
    const before = await rowCounts();
    const response = await http().post('/experiments').send(body());
    spy.mockRestore();
    expect(response.status).toBe(503);
    expect(response.body).toMatchObject({ statusCode: 503, error: 'service_unavailable' });
    expect(errorOf(response).message).toContain('Connection is closed.');
    expect(errorOf(response).message).toContain('not created');
    expect(await rowCounts()).toEqual(before);
  });

  it('lists experiments newest first, pages, and filters by status', async () => {
    const a = await create({ name: 'list a' }, { architecture: ['cnn-a'], batchSize: [32], optimizer: ['adam'] });
    const b = await create({ name: 'list b' }, { architecture: ['cnn-a'], batchSize: [32], optimizer: ['adam'] });
    const all = ZExperimentList.parse((await http().get('/experiments').expect(200)).body);
    expect(all.total).toBe(await t.prisma.experiment.count());
    expect(all.items.slice(0, 2).map((e) => e.id)).toEqual([b.id, a.id]);
    const created = all.items.map((e) => e.createdAt);
    expect([...created].sort().reverse()).toEqual(created);

    const page = ZExperimentList.parse((await http().get('/experiments?limit=1&offset=1').expect(200)).body);
    expect(page.items.map((e) => e.id)).toEqual([a.id]);
    expect(page.total).toBe(all.total);

    await t.prisma.experiment.update({ where: { id: a.id }, data: { status: 'running' } });
    const running = ZExperimentList.parse((await http().get('/experiments?status=running').expect(200)).body);
    expect(running.items.map((e) => e.id)).toEqual([a.id]);
    expect(running.total).toBe(1);
    await t.prisma.experiment.update({ where: { id: a.id }, data: { status: 'queued' } });

    const bad = await http().get('/experiments?limit=0&status=sleeping').expect(400);
    expect(errorOf(bad).message).toMatch(/^Invalid query parameter: limit: .*; status\[0\]: status must be one of: /);
  });

  it('serves an experiment, its trials, progress and metrics', async () => {
    const created = await create(
      { name: 'metrics' },
      { architecture: ['cnn-a'], batchSize: [32], optimizer: ['adam', 'sgd'], epochs: [2] },
    );
    const [first, second] = created.trials;
    const fold0 = first!.folds[0]!;
    await t.prisma.foldRun.update({ where: { id: fold0.id }, data: { status: 'running', epochsCompleted: 2, valAccuracy: 0.5 } });
    await seedEpochs(t.prisma, first!.id, 0, [
      { loss: 0.7, accuracy: 0.7, valLoss: null, valAccuracy: null, seconds: 1.2 },
      { loss: 0.4, accuracy: 0.85, valLoss: 0.5, valAccuracy: 0.8, seconds: 1.5 },
    ]);
    await t.prisma.run.update({ where: { id: second!.id }, data: { status: 'completed', meanValAccuracy: 0.9, stdValAccuracy: 0.01 } });

    const detail = ZExperimentDetail.parse((await http().get(`/experiments/${created.id}`).expect(200)).body);
    expect(detail.trials.map((trial) => trial.progress)).toEqual([2 / 6, 0]);
    expect(detail.trials[0]!.folds[0]).toMatchObject({ status: 'running', epochsCompleted: 2, valAccuracy: 0.5 });
    expect(detail.bestTrial).toEqual({ id: second!.id, number: 2, meanValAccuracy: 0.9, stdValAccuracy: 0.01 });
    expect(detail.trialCounts).toMatchObject({ queued: 1, completed: 1 });

    const trial = ZTrial.parse((await http().get(`/trials/${first!.id}`).expect(200)).body);
    expect(trial).toEqual(detail.trials[0]);

    const foldMetrics = ZFoldMetrics.parse((await http().get(`/trials/${first!.id}/folds/0/metrics`).expect(200)).body);
    expect(foldMetrics).toEqual({
      trialId: first!.id,
      fold: 0,
      metrics: [
        { epoch: 1, loss: 0.7, accuracy: 0.7, valLoss: null, valAccuracy: null, seconds: 1.2 },
        { epoch: 2, loss: 0.4, accuracy: 0.85, valLoss: 0.5, valAccuracy: 0.8, seconds: 1.5 },
      ],
    });

    const metrics = ZExperimentMetrics.parse((await http().get(`/experiments/${created.id}/metrics`).expect(200)).body);
    expect(metrics.trials.map((x) => [x.trialId, x.number, x.folds.map((f) => [f.fold, f.metrics.length])])).toEqual([
      [
        first!.id,
        1,
        [
          [0, 2],
          [1, 0],
          [2, 0],
        ],
      ],
      [
        second!.id,
        2,
        [
          [0, 0],
          [1, 0],
          [2, 0],
        ],
      ],
    ]);
    expect(metrics.trials[0]!.folds[0]!.metrics).toEqual(foldMetrics.metrics);
  });

  it('stores and serves a diverged training: NaN and infinite values travel as "NaN" and "Infinity", live and stored', async () => {
    const created = await create({ name: 'diverged' }, { architecture: ['cnn-a'], batchSize: [32], optimizer: ['sgd'], epochs: [2] });
    const trial = created.trials[0]!;
    await seedEpochs(t.prisma, trial.id, 0, [
      { loss: 2.3, accuracy: 0.1, valLoss: 2.3, valAccuracy: 0.1, seconds: 1 },
      { loss: NaN, accuracy: 0.1, valLoss: Infinity, valAccuracy: 0.1, seconds: 1 },
    ]);
    await seedEpochs(t.prisma, trial.id, 1, [{ loss: -Infinity, accuracy: 0.1, valLoss: null, valAccuracy: null, seconds: 1 }]);
    const expected = [
      { epoch: 1, loss: 2.3, accuracy: 0.1, valLoss: 2.3, valAccuracy: 0.1, seconds: 1 },
      { epoch: 2, loss: NaN, accuracy: 0.1, valLoss: Infinity, valAccuracy: 0.1, seconds: 1 },
    ];

    // the wire: strings where JSON would have written null
    const raw = await http().get(`/trials/${trial.id}/folds/0/metrics`).expect(200);
    expect((raw.body as { metrics: unknown[] }).metrics[1]).toEqual({
      epoch: 2,
      loss: 'NaN',
      accuracy: 0.1,
      valLoss: 'Infinity',
      valAccuracy: 0.1,
      seconds: 1,
    });
    // what a client reads with the shared schema: the numbers as stored
    expect(ZFoldMetrics.parse(raw.body).metrics).toEqual(expected);
    const metrics = ZExperimentMetrics.parse((await http().get(`/experiments/${created.id}/metrics`).expect(200)).body);
    expect(metrics.trials[0]!.folds[0]!.metrics).toEqual(expected);
    expect(metrics.trials[0]!.folds[1]!.metrics[0]!.loss).toBe(-Infinity);

    // the comparison's mean curve: an epoch whose folds are all non-finite is NaN, not null
    const compared = await http().get(`/compare?trials=${trial.id}`).expect(200);
    expect((compared.body as TComparison).trials[0]!.curves.mean[1]).toMatchObject({ epoch: 2, loss: 'NaN' });
    expect(ZComparison.parse(compared.body).trials[0]!.curves.mean[1]!.loss).toBeNaN();

    // and live: an epoch event with a NaN loss is streamed, encoded the same way
    const abort = new AbortController();
    const response = await fetch(`${t.url}/experiments/${created.id}/events`, { headers: t.authHeaders, signal: abort.signal });
    const event = {
      type: 'epoch',
      experimentId: created.id,
      trialId: trial.id,
      fold: 0,
      epochs: 2,
      metric: { ...expected[1]!, loss: 'NaN', valLoss: 'Infinity' },
    };
    await publishProgress(t.redis, t.config.REDIS_PREFIX, ZProgressEvent.parse(event));
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    const decoder = new TextDecoder();
    let text = '';
    while (!text.includes('event: epoch')) {
      const { value, done } = await reader.read();
      if (done) break;
      text += decoder.decode(value, { stream: true });
    }
    abort.abort();
    await reader.cancel().catch(() => undefined);
    const data = JSON.parse(text.split('event: epoch\ndata: ')[1]!.split('\n')[0]!) as unknown;
    expect(data).toEqual(event);
    const live = ZProgressEvent.parse(data);
    expect(live.type === 'epoch' && live.metric.loss).toBeNaN();
  });

  it('answers 404 for unknown ids and routes, 400 for malformed ids', async () => {
    const missing = '00000000-0000-4000-8000-000000000000';
    for (const route of [
      `/experiments/${missing}`,
      `/experiments/${missing}/metrics`,
      `/experiments/${missing}/events`,
      `/trials/${missing}`,
      `/trials/${missing}/folds/0/metrics`,
    ]) {
      const response = await http().get(route);
      expect([route, response.status]).toEqual([route, 404]);
      expect(response.body).toMatchObject({ statusCode: 404, error: 'not_found' });
      expect(errorOf(response).message).toContain(missing);
    }
    await http().post(`/experiments/${missing}/cancel`).expect(404);
    const unknownRoute = await http().get('/nothing/here').expect(404);
    expect(unknownRoute.body).toEqual({ statusCode: 404, error: 'not_found', message: 'Cannot GET /nothing/here' });
    const badId = await http().get('/experiments/not-a-uuid').expect(400);
    expect(badId.body).toMatchObject({ error: 'validation_failed', issues: [{ path: 'id' }] });
    const created = await create({ name: 'fold 404' }, { architecture: ['cnn-a'], batchSize: [32], optimizer: ['adam'] });
    const noFold = await http().get(`/trials/${created.trials[0]!.id}/folds/7/metrics`).expect(404);
    expect(errorOf(noFold).message).toBe(`Trial '${created.trials[0]!.id}' has no fold 7`);
  });

  it('cancels: queued work cancelled, waiting jobs removed, flag set, event published; then 409', async () => {
    const created = await create({ name: 'to cancel' }, { architecture: ['cnn-a'], batchSize: [32, 64], optimizer: ['adam'] });
    const [running, queued] = created.trials;
    // a worker holds fold 0 of trial 1
    await t.prisma.run.update({ where: { id: running!.id }, data: { status: 'running' } });
    await t.prisma.foldRun.update({ where: { id: running!.folds[0]!.id }, data: { status: 'running' } });
    await t.prisma.experiment.update({ where: { id: created.id }, data: { status: 'running' } });

    const subscriber = t.redis.duplicate();
    const events: string[] = [];
    await subscriber.subscribe(progressChannel(t.config.REDIS_PREFIX, created.id));
    subscriber.on('message', (_channel: string, message: string) => events.push(message));

    const response = await http().post(`/experiments/${created.id}/cancel`).expect(200);
    const cancelled = ZExperimentDetail.parse(response.body);
    expect(cancelled.status).toBe('cancelled');
    expect(cancelled.finishedAt).not.toBeNull();
    expect(cancelled.trials.map((trial) => trial.status)).toEqual(['running', 'cancelled']);
    expect(cancelled.trials[0]!.folds.map((f) => f.status)).toEqual(['running', 'cancelled', 'cancelled']);
    expect(queued!.folds.length).toBe(3);

    for (const trial of cancelled.trials) {
      for (const fold of [0, 1, 2]) {
        const job = await t.queue.getJob(trainFoldJobId({ experimentId: created.id, trialNumber: trial.number, fold }));
        // the running fold's job is the worker's to finish (here nobody took it, so it waits)
        if (trial.number === 1 && fold === 0) expect(job).toBeDefined();
        else expect(job).toBeUndefined();
      }
    }
    expect(await t.redis.get(cancelKey(t.config.REDIS_PREFIX, created.id))).toBe('1');
    expect(await t.redis.ttl(cancelKey(t.config.REDIS_PREFIX, created.id))).toBeGreaterThan(24 * 3600);

    for (let i = 0; i < 50 && events.length === 0; i++) await new Promise((r) => setTimeout(r, 20));
    await subscriber.quit();
    expect(events.map((e) => (JSON.parse(e) as { event: unknown }).event)).toEqual([
      { type: 'experiment', experimentId: created.id, status: 'cancelled' },
    ]);

    const again = await http().post(`/experiments/${created.id}/cancel`).expect(409);
    expect(again.body).toMatchObject({ statusCode: 409, error: 'conflict' });
    expect(errorOf(again).message).toBe(
      "Experiment 'to cancel' is already cancelled: only a queued, running or paused experiment can be cancelled.",
    );

    await t.prisma.experiment.update({ where: { id: created.id }, data: { status: 'completed' } });
    const completed = await http().post(`/experiments/${created.id}/cancel`).expect(409);
    expect(errorOf(completed).message).toMatch(/already completed/);
  });

  it('pauses (queued work held, jobs removed, flag set) and resumes (jobs back, flag cleared); 409 otherwise', async () => {
    const created = await create({ name: 'to pause' }, { architecture: ['cnn-a'], batchSize: [32, 64], optimizer: ['adam'] });
    const [first] = created.trials;
    await t.prisma.experiment.update({ where: { id: created.id }, data: { status: 'running', startedAt: new Date() } });
    // fold 0 of trial 1 is done; fold 1 of trial 1 is held by a worker
    await t.prisma.run.update({ where: { id: first!.id }, data: { status: 'running', startedAt: new Date() } });
    await t.prisma.foldRun.update({ where: { id: first!.folds[0]!.id }, data: { status: 'completed', valAccuracy: 0.8 } });
    await t.prisma.foldRun.update({ where: { id: first!.folds[1]!.id }, data: { status: 'running' } });

    const paused = ZExperimentDetail.parse((await http().post(`/experiments/${created.id}/pause`).expect(200)).body);
    expect(paused.status).toBe('paused');
    expect(paused.trials.map((trial) => trial.status)).toEqual(['running', 'paused']);
    expect(paused.trials[0]!.folds.map((f) => f.status)).toEqual(['completed', 'running', 'paused']);
    expect(paused.trials[1]!.folds.map((f) => f.status)).toEqual(['paused', 'paused', 'paused']);
    expect(await t.redis.get(pauseKey(t.config.REDIS_PREFIX, created.id))).toBe('1');
    const jobIds = (trial: number, fold: number) => trainFoldJobId({ experimentId: created.id, trialNumber: trial, fold });
    expect(await t.queue.getJob(jobIds(2, 0))).toBeUndefined();
    expect(await t.queue.getJob(jobIds(1, 1))).toBeDefined(); // the worker's, which pauses it at its next batch
    const twice = await http().post(`/experiments/${created.id}/pause`).expect(409);
    expect(errorOf(twice).message).toBe("Experiment 'to pause' is paused: only a queued or running experiment can be paused.");

    // the worker stops fold 1 of trial 1 and records it paused
    await t.prisma.foldRun.update({ where: { id: first!.folds[1]!.id }, data: { status: 'paused' } });
    const resumed = ZExperimentDetail.parse((await http().post(`/experiments/${created.id}/resume`).expect(200)).body);
    expect(resumed.status).toBe('running');
    expect(resumed.trials.map((trial) => trial.status)).toEqual(['running', 'queued']);
    expect(resumed.trials[0]!.folds.map((f) => f.status)).toEqual(['completed', 'queued', 'queued']);
    expect(await t.redis.exists(pauseKey(t.config.REDIS_PREFIX, created.id))).toBe(0);
    for (const [trial, fold] of [
      [1, 1],
      [1, 2],
      [2, 0],
      [2, 1],
      [2, 2],
    ] as const) {
      expect(await (await t.queue.getJob(jobIds(trial, fold)))?.getState()).toBe('prioritized');
    }
    expect(await t.queue.getJob(jobIds(1, 0))).toBeDefined(); // never removed: its fold is done
    const notPaused = await http().post(`/experiments/${created.id}/resume`).expect(409);
    expect(errorOf(notPaused).message).toBe("Experiment 'to pause' is running: only a paused experiment can be resumed.");
    await http().post(`/experiments/00000000-0000-4000-8000-000000000000/pause`).expect(404);
  });

  /** Reads an SSE response until `needle` appears; the frames read, split, and a way to stop. */
  function sseReader(response: Response) {
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    const decoder = new TextDecoder();
    let text = '';
    return {
      async until(needle: string): Promise<string> {
        while (!text.includes(needle)) {
          const { value, done } = await reader.read();
          if (done) break;
          text += decoder.decode(value, { stream: true });
        }
        return text;
      },
      frames: () => text.split('\n\n').filter((frame) => frame.length > 0),
      cancel: () => reader.cancel().catch(() => undefined),
    };
  }
  const frameOf = (frame: string) => ({
    id: /^id: (.*)$/m.exec(frame)?.[1] ?? null,
    event: /^event: (.*)$/m.exec(frame)?.[1] ?? null,
    data: /^data: (.*)$/m.test(frame) ? (JSON.parse(/^data: (.*)$/m.exec(frame)![1]!) as Record<string, unknown>) : null,
  });

  it('streams progress as server-sent events with ids, starting with a snapshot of the state; unsubscribes on disconnect', async () => {
    const created: TExperimentDetail = await create({ name: 'live' }, { architecture: ['cnn-a'], batchSize: [32], optimizer: ['adam'] });
    const hub = t.app.get(ProgressHub);
    const before = await publishProgress(t.redis, t.config.REDIS_PREFIX, {
      type: 'experiment',
      experimentId: created.id,
      status: 'queued',
    });
    const abort = new AbortController();
    const response = await fetch(`${t.url}/experiments/${created.id}/events`, { headers: t.authHeaders, signal: abort.signal });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/event-stream');
    expect(hub.listenerCount(created.id)).toBe(1);
    const stream = sseReader(response);
    await stream.until('event: snapshot');

    const channel = progressChannel(t.config.REDIS_PREFIX, created.id);
    const epochEvent = ZProgressEvent.parse({
      type: 'epoch',
      experimentId: created.id,
      trialId: created.trials[0]!.id,
      fold: 0,
      epochs: 2,
      metric: { epoch: 1, loss: 0.5, accuracy: 0.8, valLoss: 0.6, valAccuracy: 0.75, seconds: 1 },
    });
    await t.redis.publish(channel, 'not json'); // dropped, the stream survives
    await publishProgress(t.redis, t.config.REDIS_PREFIX, { ...epochEvent, experimentId: '11111111-1111-4111-8111-111111111111' });
    const epochId = await publishProgress(t.redis, t.config.REDIS_PREFIX, epochEvent);
    const doneId = await publishProgress(t.redis, t.config.REDIS_PREFIX, {
      type: 'experiment',
      experimentId: created.id,
      status: 'completed',
    });
    await stream.until('event: experiment');
    const [retry, snapshot, ...events] = stream.frames();
    expect(retry).toBe('retry: 1000');
    // the snapshot: the overview as GET /overview answers it, and the id of the newest event to resume from
    const overview = (await http().get(`/experiments/${created.id}/overview`).expect(200)).body as Record<string, unknown>;
    expect(frameOf(snapshot!)).toEqual({
      id: before,
      event: 'snapshot',
      data: { type: 'snapshot', experimentId: created.id, resumed: false, replayed: 0, state: overview },
    });
    expect(events.map(frameOf)).toEqual([
      { id: epochId, event: 'epoch', data: epochEvent },
      { id: doneId, event: 'experiment', data: { type: 'experiment', experimentId: created.id, status: 'completed' } },
    ]);

    abort.abort();
    await stream.cancel();
    for (let i = 0; i < 100 && hub.listenerCount(created.id) > 0; i++) await new Promise((r) => setTimeout(r, 20));
    expect(hub.listenerCount(created.id)).toBe(0);
  });

  it('replays what a reconnecting client missed after its Last-Event-ID, in order and once; 400 for an id it never sent', async () => {
    const created: TExperimentDetail = await create({ name: 'resumed' }, { architecture: ['cnn-a'], batchSize: [32], optimizer: ['adam'] });
    const seen = await publishProgress(t.redis, t.config.REDIS_PREFIX, { type: 'experiment', experimentId: created.id, status: 'running' });
    // published while the client was away
    const missed = [
      {
        type: 'trial',
        experimentId: created.id,
        trialId: created.trials[0]!.id,
        status: 'running',
        meanValAccuracy: null,
        stdValAccuracy: null,
      },
      { type: 'experiment', experimentId: created.id, status: 'paused' },
    ].map((event) => ZProgressEvent.parse(event));
    const ids: string[] = [];
    for (const event of missed) ids.push(await publishProgress(t.redis, t.config.REDIS_PREFIX, event));

    for (const resume of [{ headers: { 'last-event-id': seen } }, { query: `?lastEventId=${seen}` }]) {
      const abort = new AbortController();
      const response = await fetch(`${t.url}/experiments/${created.id}/events${resume.query ?? ''}`, {
        signal: abort.signal,
        headers: { ...t.authHeaders, ...resume.headers },
      });
      const stream = sseReader(response);
      await stream.until('"status":"paused"');
      abort.abort();
      await stream.cancel();
      const [, snapshot, ...events] = stream.frames();
      expect(frameOf(snapshot!)).toEqual({
        id: null,
        event: 'snapshot',
        data: { type: 'snapshot', experimentId: created.id, resumed: true, replayed: 2, state: null },
      });
      expect(events.map(frameOf)).toEqual(missed.map((event, i) => ({ id: ids[i], event: event.type, data: event })));
    }

    const bad = await fetch(`${t.url}/experiments/${created.id}/events`, { headers: { ...t.authHeaders, 'last-event-id': 'yesterday' } });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { message: string }).message).toContain("Last-Event-ID 'yesterday' is not an event id");
    const badQuery = await http().get(`/experiments/${created.id}/events?lastEventId=7`).expect(400);
    expect(badQuery.body).toMatchObject({ error: 'validation_failed', issues: [{ path: 'lastEventId' }] });
  });

  it('serves the OpenAPI document generated from the shared schemas, and Swagger UI', async () => {
    const document = (await http().get('/docs/openapi.json').expect(200)).body as OpenApiDocument;
    expect(document.openapi).toBe('3.1.0');
    const operations = Object.entries(document.paths).flatMap(([path, methods]) =>
      Object.keys(methods).map((method) => `${method.toUpperCase()} ${path}`),
    );
    // Other features add their own routes; these are the experiments API's.
    expect(operations.sort()).toEqual(
      expect.arrayContaining([
        'GET /architectures',
        'GET /datasets',
        'GET /experiments',
        'GET /experiments/{id}',
        'GET /experiments/{id}/events',
        'GET /experiments/{id}/metrics',
        'GET /experiments/{id}/overview',
        'GET /health',
        'GET /trials/{id}',
        'GET /trials/{id}/folds/{fold}/metrics',
        'POST /experiments',
        'POST /experiments/plan',
        'POST /experiments/{id}/cancel',
        'POST /experiments/{id}/pause',
        'POST /experiments/{id}/resume',
      ]),
    );
    expect(document.paths['/experiments']!.post!.requestBody.content['application/json']!.schema).toEqual({
      $ref: '#/components/schemas/CreateExperimentRequestInput',
    });
    expect(document.components.schemas.ExperimentDetail!.properties.trials).toBeDefined();
    const ui = await http().get('/docs').redirects(1);
    expect(ui.status).toBe(200);
    expect(ui.text).toContain('swagger');
  });
});
