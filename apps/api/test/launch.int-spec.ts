import { Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { QUEUES, refitJobId, workerQueueName, ZExperimentPlan, ZRefitQueued, type TCreateExperimentRequest } from '@atelier/domain';
import { FALLBACK_SECONDS_PER_IMAGE } from '../src/experiments/search-estimate';
import { seedEpochs, seedExperiment } from './seed-trials';
import { startTestApp, type TestApp, errorOf } from './test-app';

function body(space: Partial<TCreateExperimentRequest['space']> = {}): TCreateExperimentRequest {
  return {
    name: 'estimate me',
    dataset: 'fashion-mnist',
    strategy: { kind: 'grid' },
    space: {
      architecture: ['cnn-a'],
      batchSize: [32, 64],
      epochs: [2],
      activation: ['relu'],
      optimizer: ['adam'],
      learningRate: [0.01],
      momentum: [0],
      ...space,
    },
    validation: { kind: 'kfold', folds: 3 },
    trainingSlice: 1500,
    seed: 7,
  };
}

describe('launch: the time estimate and refitting the best trial so far (PostgreSQL + Redis)', () => {
  let t: TestApp;
  const http = () => t.api;
  const workers: Worker<unknown, unknown>[] = [];
  const connections: Redis[] = [];

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await disconnectWorkers();
    await (t as TestApp | undefined)?.close(); // undefined when the setup failed
  });

  async function disconnectWorkers() {
    for (const worker of workers.splice(0)) await worker.close(true);
    for (const connection of connections.splice(0)) connection.disconnect();
  }

  /** A worker that takes nothing (autorun off would not connect): it blocks on the queue like a real one. */
  async function connectWorker(id: string, concurrency: number) {
    const connection = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', { maxRetriesPerRequest: null });
    connections.push(connection);
    const worker = new Worker<unknown, unknown>(
      QUEUES.training,
      () => {
        return Promise.reject(new Error('this test worker trains nothing'));
      },
      {
        connection,
        prefix: t.config.REDIS_PREFIX,
        concurrency,
        name: workerQueueName(id, concurrency),
      },
    );
    workers.push(worker);
    await worker.waitUntilReady();
  }

  it('estimates from the fallback with no measurements and no worker connected', async () => {
    const response = await http()
      .post('/experiments/plan')
      .send(body({ architecture: ['cnn-b'] }))
      .expect(200);
    const { estimate } = ZExperimentPlan.parse(response.body);
    expect(estimate.workers).toBe(0);
    expect(estimate.slots).toBe(0);
    expect(estimate.parallel).toBe(1);
    expect(estimate.imagesPerFold).toBe(1000);
    expect(estimate.basis.map((b) => [b.architecture, b.batchSize, b.source])).toEqual([
      ['cnn-b', 32, 'fallback'],
      ['cnn-b', 64, 'fallback'],
    ]);
    // 2 trials × 3 folds × 2 epochs of 1,000 images on one slot
    expect(estimate.seconds).toBeCloseTo(12 * 1000 * FALLBACK_SECONDS_PER_IMAGE);
  });

  it('estimates from the epochs measured for the same architecture, dataset and batch size, on the connected slots', async () => {
    // measured: cnn-a at batch 32 on fashion-mnist, 2 s per epoch of 1,000 images (2 ms per image);
    // the same pair on mnist is 10× slower and must not count
    for (const [dataset, seconds] of [
      ['fashion-mnist', 2],
      ['mnist', 20],
    ] as const) {
      const seeded = await seedExperiment(t.prisma, {
        name: `measured ${dataset}`,
        dataset,
        status: 'completed',
        trials: [{ number: 1, batchSize: 32, epochs: 3 }],
        folds: 2,
      });
      const runs = await t.prisma.foldRun.findMany({ where: { trialId: seeded.trialIds[0]! } });
      for (const run of runs) {
        await t.prisma.foldRun.update({ where: { id: run.id }, data: { trainSize: 1000, startedAt: new Date() } });
        await seedEpochs(
          t.prisma,
          run.trialId,
          run.fold,
          [1, 2, 3].map((epoch) => ({
            loss: 1,
            accuracy: 0.5,
            valLoss: 1,
            valAccuracy: 0.5,
            seconds: epoch === 1 ? seconds * 3 : seconds,
          })),
        );
      }
    }
    await connectWorker('host-a', 3);
    await connectWorker('host-b', 2);

    const response = await http().post('/experiments/plan').send(body()).expect(200);
    const { estimate } = ZExperimentPlan.parse(response.body);
    expect(estimate.workers).toBe(2);
    expect(estimate.slots).toBe(5);
    expect(estimate.parallel).toBe(5);
    expect(estimate.basis).toEqual([
      {
        architecture: 'cnn-a',
        batchSize: 32,
        source: 'measured',
        secondsPerImage: 0.002,
        measuredEpochs: 6,
        measuredBatchSize: null,
        share: 0.5,
      },
      {
        architecture: 'cnn-a',
        batchSize: 64,
        source: 'nearest-batch',
        secondsPerImage: 0.002,
        measuredEpochs: 6,
        measuredBatchSize: 32,
        share: 0.5,
      },
    ]);
    // 12 epochs × 1,000 images × 2 ms = 24 s of training over 5 slots
    expect(estimate.trainingSeconds).toBeCloseTo(24);
    expect(estimate.seconds).toBeCloseTo(4.8);
    // before the refit tests queue jobs that these would take and never finish
    await disconnectWorkers();
  });

  describe('POST /experiments/:id/refit', () => {
    const scored = [
      { number: 1, meanValAccuracy: 0.8, stdValAccuracy: 0.01 },
      { number: 2, meanValAccuracy: 0.9, stdValAccuracy: 0.02 },
      { number: 3, status: 'queued' },
    ];

    it('refits the best trial so far of a paused search, which stays paused; a second request is refused', async () => {
      const seeded = await seedExperiment(t.prisma, { name: 'paused search', status: 'paused', trials: scored });
      const response = await http().post(`/experiments/${seeded.id}/refit`).expect(202);
      const queued = ZRefitQueued.parse(response.body);
      expect(queued).toEqual({
        experimentId: seeded.id,
        trialId: seeded.trialIds[1],
        generation: 0,
        jobId: refitJobId({ trialId: seeded.trialIds[1]!, generation: 0 }),
        status: 'queued',
      });
      const job = await t.queue.getJob(queued.jobId);
      expect(job?.data).toEqual({
        experimentId: seeded.id,
        trialId: seeded.trialIds[1],
        generation: 0,
        requestId: expect.any(String) as unknown,
      });
      const row = await t.prisma.experiment.findUniqueOrThrow({ where: { id: seeded.id } });
      expect([row.status, row.refitStatus, row.refitTrialId]).toEqual(['paused', 'queued', seeded.trialIds[1]]);

      const again = await http().post(`/experiments/${seeded.id}/refit`).expect(409);
      expect(errorOf(again).message).toBe(
        "A refit of experiment 'paused search' is already queued; its result appears on the experiment page.",
      );
    });

    it('refits a cancelled search, with the generation after the models the trial already has', async () => {
      const seeded = await seedExperiment(t.prisma, { name: 'cancelled search', status: 'cancelled', trials: scored });
      await t.prisma.artifact.create({
        data: {
          experimentId: seeded.id,
          trialId: seeded.trialIds[1]!,
          kind: 'model',
          content: new Uint8Array([1]),
          sizeBytes: BigInt(1),
          sha256: 'x',
          metadata: {},
        },
      });
      const response = await http().post(`/experiments/${seeded.id}/refit`).expect(202);
      expect(response.body).toMatchObject({ trialId: seeded.trialIds[1], generation: 1 });
    });

    it('refuses a running search, one without a scored trial, and a completed one already refit, with 409 and a message', async () => {
      const running = await seedExperiment(t.prisma, { name: 'running search', status: 'running', trials: scored });
      const refused = await http().post(`/experiments/${running.id}/refit`).expect(409);
      expect(errorOf(refused).message).toBe(
        "Experiment 'running search' is running: its best trial is refit when it completes. Pause or cancel it to refit its best trial so far.",
      );

      const unscored = await seedExperiment(t.prisma, {
        name: 'nothing yet',
        status: 'cancelled',
        trials: [{ number: 1, status: 'cancelled' }],
      });
      const none = await http().post(`/experiments/${unscored.id}/refit`).expect(409);
      expect(errorOf(none).message).toBe(
        "Experiment 'nothing yet' has no scored trial yet: nothing to refit until a trial finishes all its folds.",
      );

      const done = await seedExperiment(t.prisma, { name: 'done search', status: 'completed', trials: scored });
      await t.prisma.experiment.update({ where: { id: done.id }, data: { refitStatus: 'completed', refitTrialId: done.trialIds[1]! } });
      const already = await http().post(`/experiments/${done.id}/refit`).expect(409);
      expect(errorOf(already).message).toBe(
        "Experiment 'done search' already has its best trial (trial 2) refit and tested; to train it again, use Refit on the trial's page.",
      );
      for (const id of [running.id, unscored.id, done.id]) {
        expect(
          await t.queue.getJob(
            refitJobId({ trialId: (await t.prisma.run.findFirstOrThrow({ where: { experimentId: id } })).id, generation: 0 }),
          ),
        ).toBeUndefined();
      }
      expect((await t.prisma.experiment.findUniqueOrThrow({ where: { id: running.id } })).refitStatus).toBeNull();

      await http().post('/experiments/00000000-0000-4000-8000-000000000000/refit').expect(404);
    });
  });
});
