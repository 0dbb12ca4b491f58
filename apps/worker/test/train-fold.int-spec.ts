import { cancelKey, JOB_NAMES, populationStd, progressChannel, QUEUES, trainFoldJobId, ZFoldTimings } from '@atelier/domain';
import { logMetricPoints } from '@atelier/db';
import { cancelExperiment } from '@atelier/db/run-transitions';
import { Job, Queue } from 'bullmq';
import { loadBuiltinDataset } from '@atelier/ml/data/builtin-datasets';
import * as tf from '@tensorflow/tfjs';
import { closeWorkerContext, createWorkerContext, type WorkerContext } from '../src/infra/context';
import { createInProcessProcessor } from '../src/jobs/process-job';
import { buildJobRegistry, JOB_DEFINITIONS } from '../src/jobs/registry';
import { ensureBackend } from '../src/training/backend';
import { startTrainingWorker, type TrainingWorker } from '../src/worker';
import { createStalledJobRecorder, type LostFold } from '../src/infra/stalled-jobs';
import { collectEvents, createHarness, REDIS_URL, enqueueFolds, foldEpochs, seedExperiment, waitFor, type Harness } from './support';

const registry = buildJobRegistry(JOB_DEFINITIONS);

describe('train-fold worker (Postgres + Redis)', () => {
  let h: Harness;
  let context: WorkerContext;
  const workers: TrainingWorker[] = [];

  const startWorker = (concurrency = 1) => {
    const training = startTrainingWorker({
      config: { ...h.config, concurrency },
      logger: h.logger,
      processor: createInProcessProcessor(registry, context) as never,
    });
    workers.push(training);
    return training;
  };

  beforeAll(async () => {
    h = await createHarness('train');
    context = createWorkerContext(h.config, { logger: h.logger });
    await ensureBackend('wasm');
  });

  afterEach(async () => {
    await Promise.all(workers.splice(0).map((w) => w.close(5_000)));
  });

  afterAll(async () => {
    await closeWorkerContext(context);
    await h.teardown();
  });

  it('trains 2 trials × 2 folds, records every epoch, aggregates trials and picks the best', async () => {
    const seeded = await seedExperiment(h.prisma, {
      trials: [
        { learningRate: 0.01, epochs: 2 },
        { learningRate: 0.001, epochs: 2 },
      ],
      validation: { kind: 'kfold', folds: 2 },
      trainingSlice: 240,
    });
    const feed = await collectEvents(h.config.redisUrl, progressChannel(h.prefix, seeded.experimentId));
    const tensorsBefore = tf.memory().numTensors;
    await enqueueFolds(h.queue, seeded);
    startWorker();

    const experiment = await waitFor('the experiment to finish', async () => {
      const e = await h.prisma.experiment.findUnique({ where: { id: seeded.experimentId } });
      return e && e.finishedAt ? e : null;
    });
    await feed.close();

    expect(experiment.status).toBe('completed');
    expect(experiment.startedAt).not.toBeNull();

    const trials = await h.prisma.run.findMany({
      where: { experimentId: seeded.experimentId },
      include: { foldRuns: { orderBy: { fold: 'asc' } } },
      orderBy: { number: 'asc' },
    });
    for (const trial of trials) {
      expect(trial.status).toBe('completed');
      expect(trial.foldRuns).toHaveLength(2);
      for (const foldRun of trial.foldRuns) {
        const fold = { ...foldRun, epochMetrics: await foldEpochs(h.prisma, trial.id, foldRun.fold) };
        expect(fold.status).toBe('completed');
        expect(fold.attempts).toBe(1);
        expect(fold.workerId).toBe(h.config.workerId);
        expect(fold.backend).toMatch(/wasm/);
        expect(fold.trainSize).toBe(120);
        expect(fold.valSize).toBe(120);
        expect(fold.epochsCompleted).toBe(2);
        expect(fold.epochMetrics.map((m) => m.epoch)).toEqual([1, 2]);
        for (const m of fold.epochMetrics) {
          for (const value of [m.loss, m.accuracy, m.valLoss, m.valAccuracy, m.seconds]) expect(Number.isFinite(value)).toBe(true);
          expect(m.accuracy).toBeGreaterThanOrEqual(0);
          expect(m.accuracy).toBeLessThanOrEqual(1);
          expect(m.valAccuracy!).toBeGreaterThanOrEqual(0);
          expect(m.valAccuracy!).toBeLessThanOrEqual(1);
          expect(m.loss).toBeGreaterThan(0);
        }
        // the fold's result is its final epoch's
        expect(fold.valAccuracy).toBe(fold.epochMetrics[1]!.valAccuracy);
        expect(fold.valLoss).toBe(fold.epochMetrics[1]!.valLoss);
      }
      const accuracies = trial.foldRuns.map((f) => f.valAccuracy!);
      const losses = trial.foldRuns.map((f) => f.valLoss!);
      expect(trial.meanValAccuracy).toBeCloseTo((accuracies[0]! + accuracies[1]!) / 2, 12);
      expect(trial.stdValAccuracy).toBeCloseTo(populationStd(accuracies), 12);
      expect(trial.stdValAccuracy).toBeCloseTo(Math.abs(accuracies[0]! - accuracies[1]!) / 2, 12);
      expect(trial.meanValLoss).toBeCloseTo((losses[0]! + losses[1]!) / 2, 12);
      // flatten 784 → dense 16 → dense 10
      expect(trial.parameterCount).toBe(784 * 16 + 16 + 16 * 10 + 10);
      expect(trial.finishedAt).not.toBeNull();
    }
    const best = [...trials].sort((a, b) => b.meanValAccuracy! - a.meanValAccuracy!)[0]!;
    expect(experiment.bestTrialId).toBe(best.id);

    // live progress: running → epochs → trials → experiment completed. The last event is
    // published after the commit the poll above saw, so wait for it rather than race it.
    const types = (type: string) => feed.events.filter((e) => e.type === type);
    await waitFor(
      'the experiment-completed event',
      () => Promise.resolve(types('experiment').some((e) => e.status === 'completed')),
      10_000,
    );
    expect(types('epoch')).toHaveLength(8);
    expect(types('trial').filter((e) => e.status === 'completed')).toHaveLength(2);
    expect(types('experiment').map((e) => e.status)).toEqual(['running', 'completed']);
    expect(types('fold').filter((e) => e.status === 'completed')).toHaveLength(4);
    expect(types('batch').length).toBeGreaterThan(0);

    // one log line per fold start and end, with the backend
    expect(h.lines.filter((l) => l.includes('fold started') && l.includes('wasm'))).toHaveLength(4);
    expect(h.lines.filter((l) => l.includes('fold completed') && l.includes('wasm'))).toHaveLength(4);

    // every trial has an out-of-fold validation evaluation: each training image predicted once
    for (const trial of trials) {
      const validation = await h.prisma.evaluation.findFirstOrThrow({ where: { trialId: trial.id, split: 'validation' } });
      const matrix = validation.confusionMatrix as number[][];
      expect(matrix.flat().reduce((a, b) => a + b, 0)).toBe(240);
      const correct = matrix.reduce((sum, row, i) => sum + row[i]!, 0);
      expect(validation.accuracy).toBeCloseTo(correct / 240, 12);
      // the folds' accuracies are over equal halves, so their mean is the out-of-fold accuracy
      expect(validation.accuracy).toBeCloseTo(trial.meanValAccuracy!, 12);
    }

    // the completed search refits its best trial on all its images and tests it
    const refit = await waitFor('the refit', async () => {
      const e = await h.prisma.experiment.findUnique({ where: { id: seeded.experimentId } });
      return e?.refitStatus === 'completed' || e?.refitStatus === 'failed' ? e : null;
    });
    expect([refit.refitStatus, refit.refitError]).toEqual(['completed', null]);
    expect(refit.refitTrialId).toBe(best.id);
    const test = await h.prisma.evaluation.findFirstOrThrow({ where: { trialId: best.id, split: 'test' } });
    expect((test.confusionMatrix as number[][]).flat().reduce((a, b) => a + b, 0)).toBe(10_000); // the Fashion-MNIST test set
    const model = await h.prisma.artifact.findFirstOrThrow({ where: { trialId: best.id, kind: 'model' } });
    expect(test.artifactId).toBe(model.id);
    expect(Number(model.sizeBytes)).toBe(model.content!.byteLength);

    // each fold's breakdown: its phases add up to nearly all of its wall time, the batches in it
    for (const trial of trials) {
      for (const foldRun of await h.prisma.foldRun.findMany({ where: { trialId: trial.id } })) {
        const timings = ZFoldTimings.parse(foldRun.timings);
        expect(timings.trainImages).toBe(120 * 2);
        const { queued, ...attempt } = timings.phases;
        const spent = Object.values(attempt).reduce((sum, seconds) => sum + seconds, 0);
        expect(spent).toBeLessThanOrEqual(timings.wallSeconds + 0.002);
        expect(spent).toBeGreaterThan(timings.wallSeconds * 0.8);
        for (const phase of ['load', 'build', 'train', 'validate', 'epochWrites', 'record'] as const)
          expect(timings.phases[phase]).toBeGreaterThan(0);
        expect(queued).toBeGreaterThanOrEqual(0);
        expect(timings.phases.pickup).toBeGreaterThanOrEqual(0);
      }
    }

    // every model and tensor of the four folds and the refit was released
    expect(tf.memory().numTensors).toBe(tensorsBefore);

    // A duplicate job is harmless: the same id is deduplicated by BullMQ, another id is skipped.
    const data = { experimentId: seeded.experimentId, trialId: trials[0]!.id, trialNumber: 1, fold: 0 };
    const again = await h.queue.add(JOB_NAMES.trainFold, data, { jobId: trainFoldJobId(data), attempts: 3 });
    expect(await again.getState()).toBe('completed');
    const duplicate = await h.queue.add(JOB_NAMES.trainFold, data, { jobId: 'duplicate-of-fold-0', attempts: 3 });
    const result = await waitFor('the duplicate job to finish', async () => {
      const job = await h.queue.getJob(duplicate.id!);
      return job && (await job.getState()) === 'completed' ? (job.returnvalue as unknown) : null;
    });
    expect(result).toEqual({ outcome: 'skipped', reason: 'fold already completed' });
    const fold0 = await h.prisma.foldRun.findUniqueOrThrow({ where: { id: trials[0]!.foldRuns[0]!.id } });
    expect(fold0.attempts).toBe(1);
    expect(await foldEpochs(h.prisma, trials[0]!.id, 0)).toHaveLength(2);
    expect(fold0.valAccuracy).toBe(trials[0]!.foldRuns[0]!.valAccuracy);
  });

  it('stops at the cancel flag: the running fold and the queued ones end cancelled', async () => {
    const seeded = await seedExperiment(h.prisma, {
      trials: [
        { learningRate: 0.01, epochs: 200, batchSize: 8 },
        { learningRate: 0.001, epochs: 200, batchSize: 8 },
      ],
      validation: { kind: 'kfold', folds: 2 },
      trainingSlice: 240,
    });
    await enqueueFolds(h.queue, seeded);
    startWorker();
    const running = await waitFor('a fold to finish an epoch', () =>
      h.prisma.foldRun.findFirst({
        where: { trial: { experimentId: seeded.experimentId }, status: 'running', epochsCompleted: { gte: 1 } },
      }),
    );

    // what the API's cancel does: flag, queued rows (the same transition), waiting jobs
    await h.redis.set(cancelKey(h.prefix, seeded.experimentId), '1', 'EX', 3600);
    expect(await cancelExperiment(h.prisma, seeded.experimentId)).not.toBeNull();
    for (const trial of seeded.trials) {
      for (const { fold } of trial.folds) {
        await h.queue.remove(trainFoldJobId({ experimentId: seeded.experimentId, trialNumber: trial.number, fold }));
      }
    }

    const stopped = await waitFor(
      'the running fold to stop',
      async () => {
        const f = await h.prisma.foldRun.findUniqueOrThrow({ where: { id: running.id } });
        return f.status !== 'running' ? f : null;
      },
      30_000,
    );
    expect(stopped.status).toBe('cancelled');
    expect(stopped.epochsCompleted).toBeLessThan(200);

    const folds = await h.prisma.foldRun.findMany({ where: { trial: { experimentId: seeded.experimentId } } });
    expect(folds.every((f) => f.status === 'cancelled')).toBe(true);
    // the fold's worker settles its trial (and the experiment) right after the fold
    const trials = await waitFor('both trials to settle', async () => {
      const rows = await h.prisma.run.findMany({ where: { experimentId: seeded.experimentId } });
      return rows.every((t) => t.status !== 'running') ? rows : null;
    });
    expect(trials.map((t) => t.status)).toEqual(['cancelled', 'cancelled']);
    const experiment = await h.prisma.experiment.findUniqueOrThrow({ where: { id: seeded.experimentId } });
    expect(experiment.status).toBe('cancelled');
    expect(experiment.bestTrialId).toBeNull();
    expect(await h.queue.getWaitingCount()).toBe(0);
    // the job leaves BullMQ's active list once its handler returns, a moment after the rows settle
    await waitFor('the cancelled job to leave the active list', async () => ((await h.queue.getActiveCount()) === 0 ? true : null));
  });

  it('requeues a fold interrupted by a shutdown without spending an attempt, and another worker finishes it', async () => {
    const seeded = await seedExperiment(h.prisma, {
      trials: [{ learningRate: 0.01, epochs: 6, batchSize: 8 }],
      validation: { kind: 'holdout', fraction: 0.25 },
      trainingSlice: 240,
    });
    await enqueueFolds(h.queue, seeded);
    const first = startWorker();
    const foldId = seeded.trials[0]!.folds[0]!.id;
    await waitFor('the fold to finish an epoch', () => h.prisma.foldRun.findFirst({ where: { id: foldId, epochsCompleted: { gte: 1 } } }));
    await first.close(10_000);
    workers.splice(workers.indexOf(first), 1);

    const jobId = trainFoldJobId({ experimentId: seeded.experimentId, trialNumber: 1, fold: 0 });
    const job = (await h.queue.getJob(jobId))!;
    expect(['waiting', 'prioritized']).toContain(await job.getState());
    expect(job.attemptsMade).toBe(0);
    const interrupted = await h.prisma.foldRun.findUniqueOrThrow({ where: { id: foldId } });
    expect(interrupted.status).toBe('queued');
    expect(interrupted.epochsCompleted).toBeLessThan(6);

    startWorker();
    const done = await waitFor('the fold to complete on the second worker', async () => {
      const f = await h.prisma.foldRun.findUniqueOrThrow({ where: { id: foldId } });
      return f.status === 'completed' ? { ...f, epochMetrics: await foldEpochs(h.prisma, seeded.trials[0]!.id, 0) } : null;
    });
    expect(done.attempts).toBe(2);
    expect(done.trainSize).toBe(180);
    expect(done.valSize).toBe(60);
    // the retry started over at epoch 1 and overwrote: exactly one row per epoch
    expect(done.epochMetrics.map((m) => m.epoch)).toEqual([1, 2, 3, 4, 5, 6]);
    const experiment = await waitFor('the experiment to finish', () =>
      h.prisma.experiment.findFirst({ where: { id: seeded.experimentId, finishedAt: { not: null } } }),
    );
    expect(experiment.status).toBe('completed');
    expect(experiment.bestTrialId).toBe(seeded.trials[0]!.id);
  });

  it('fails a trial whose fold cannot train, and still completes the experiment with the others', async () => {
    const seeded = await seedExperiment(h.prisma, {
      trials: [
        { learningRate: 0.01, epochs: 1 },
        { learningRate: 0.01, epochs: 1, spec: { kind: 'knn', layers: [] } },
      ],
      validation: { kind: 'holdout', fraction: 0.25 },
      trainingSlice: 200,
    });
    await enqueueFolds(h.queue, seeded);
    startWorker();
    const experiment = await waitFor('the experiment to finish', async () => {
      const e = await h.prisma.experiment.findUnique({ where: { id: seeded.experimentId } });
      return e && e.finishedAt ? e : null;
    });
    const failed = await h.prisma.run.findUniqueOrThrow({ where: { id: seeded.trials[1]!.id }, include: { foldRuns: true } });
    expect(failed.status).toBe('failed');
    expect(failed.error).toContain('not trainable');
    expect(failed.foldRuns[0]!.status).toBe('failed');
    expect(experiment.status).toBe('completed');
    expect(experiment.bestTrialId).toBe(seeded.trials[0]!.id);
  });

  it('fails an architecture that cannot be built for the images at once: one run, no retry, the message on the trial', async () => {
    // 28 → 14 → 7 → 3 → 1 → 0: the fifth pooling has nothing left to pool
    const pools = Array.from({ length: 5 }, () => ({ type: 'maxPooling2d' as const, poolSize: 2 }));
    const seeded = await seedExperiment(h.prisma, {
      trials: [{ learningRate: 0.01, epochs: 1, spec: { kind: 'layers', layers: [...pools, { type: 'flatten' }] } }],
      validation: { kind: 'holdout', fraction: 0.25 },
      trainingSlice: 200,
    });
    await enqueueFolds(h.queue, seeded);
    startWorker();
    const jobId = trainFoldJobId({ experimentId: seeded.experimentId, trialNumber: 1, fold: 0 });
    await waitFor('the job to fail', async () => (await h.queue.getJob(jobId).then((job) => job?.getState())) === 'failed');
    const job = (await h.queue.getJob(jobId))!;
    // one attempt of the three the API allows: UnrecoverableError skips the retries
    expect(job.attemptsMade).toBe(1);
    expect(job.opts.attempts).toBe(3);
    expect(job.failedReason).toMatch(
      /^architecture 'tiny-[0-9a-f]+-0' cannot be built for the images of 'fashion-mnist': layer 5 \(maxPooling2d\)/,
    );
    const trial = await waitFor('the trial to fail', () =>
      h.prisma.run.findFirst({ where: { id: seeded.trials[0]!.id, status: 'failed' }, include: { foldRuns: true } }),
    );
    expect(trial.error).toBe(`fold 0: ${job.failedReason}`);
    expect(trial.foldRuns.map((f) => [f.status, f.attempts, f.error])).toEqual([['failed', 1, job.failedReason]]);
  });

  it('retries a fold whose attempt failed: the failure is recorded, the retry completes it', async () => {
    const seeded = await seedExperiment(h.prisma, {
      trials: [{ learningRate: 0.01, epochs: 2 }],
      validation: { kind: 'holdout', fraction: 0.25 },
      trainingSlice: 200,
    });
    // a context whose first dataset load fails, as a transient disk or network error would
    let loads = 0;
    const flaky = createWorkerContext(h.config, {
      logger: h.logger,
      loadDataset: (key) =>
        loads++ === 0
          ? Promise.reject(new Error('transient read error'))
          : loadBuiltinDataset(key as 'fashion-mnist', { directories: h.config.datasetDirs }),
    });
    try {
      await enqueueFolds(h.queue, seeded);
      workers.push(
        startTrainingWorker({ config: h.config, logger: h.logger, processor: createInProcessProcessor(registry, flaky) as never }),
      );
      const foldId = seeded.trials[0]!.folds[0]!.id;
      const retried = await waitFor('the failed attempt to be recorded', () =>
        h.prisma.foldRun.findFirst({ where: { id: foldId, error: { contains: 'transient read error' } } }),
      );
      expect(retried.error).toBe('attempt 1 failed, retrying: transient read error');
      const done = await waitFor('the retry to complete', () => h.prisma.foldRun.findFirst({ where: { id: foldId, status: 'completed' } }));
      expect(done.attempts).toBe(2);
      expect(done.error).toBeNull();
      expect((await foldEpochs(h.prisma, seeded.trials[0]!.id, 0)).map((m) => m.epoch)).toEqual([1, 2]);
      const job = (await h.queue.getJob(trainFoldJobId({ experimentId: seeded.experimentId, trialNumber: 1, fold: 0 })))!;
      // BullMQ counts the finished attempt too: one failed + one completed
      await waitFor('the job to complete', async () => (await job.getState()) === 'completed');
      expect((await h.queue.getJob(job.id!))!.attemptsMade).toBe(2);
      const trial = await waitFor('the trial to complete', () =>
        h.prisma.run.findFirst({ where: { id: seeded.trials[0]!.id, status: 'completed' } }),
      );
      expect(trial.meanValAccuracy).toBe(done.valAccuracy);
      expect(trial.stdValAccuracy).toBe(0);
    } finally {
      await Promise.all(workers.splice(0).map((w) => w.close(5_000)));
      await closeWorkerContext(flaky);
    }
  });

  it("recovers a crashed worker's fold through stalled-job detection and trains it from scratch", async () => {
    const seeded = await seedExperiment(h.prisma, {
      trials: [{ learningRate: 0.01, epochs: 2 }],
      validation: { kind: 'holdout', fraction: 0.25 },
      trainingSlice: 200,
    });
    const foldId = seeded.trials[0]!.folds[0]!.id;
    // Its own queue prefix: BullMQ throttles stalled checks queue-wide by the interval of the last
    // worker that ran one, and the earlier tests' workers use the production interval (30 s).
    const config = { ...h.config, redisPrefix: `${h.prefix}-stall` };
    const queue = new Queue(QUEUES.training, { connection: h.redis, prefix: config.redisPrefix });
    await enqueueFolds(queue, seeded);
    const stallContext = createWorkerContext(config, { logger: h.logger });
    // A worker that takes the job, leaves the fold half done, then dies (its lock is no longer renewed).
    let taken!: () => void;
    const tookJob = new Promise<void>((resolve) => (taken = resolve));
    const crashing = startTrainingWorker({
      config,
      logger: h.logger,
      // the stalled check is throttled queue-wide by the last checker's interval: keep it short here too
      settings: { lockDuration: 1_500, stalledInterval: 500 },
      processor: (async () => {
        await h.prisma.foldRun.update({
          where: { id: foldId },
          data: { status: 'running', attempts: 1, epochsCompleted: 1, startedAt: new Date(Date.now() - 10_000) },
        });
        await logMetricPoints(h.prisma, seeded.trials[0]!.id, [
          { key: 'loss', fold: 0, step: 7, value: 9, wallTime: new Date() },
          { key: 'accuracy', fold: 0, step: 7, value: 0, wallTime: new Date() },
          { key: 'epoch_seconds', fold: 0, step: 7, value: 1, wallTime: new Date() },
        ]);
        taken();
        return new Promise(() => undefined);
      }) as never,
    });
    await tookJob;
    await crashing.abandon();

    const listener = await collectEvents(REDIS_URL, progressChannel(config.redisPrefix, seeded.experimentId));
    const marked: Promise<LostFold | null>[] = [];
    const recovering = startTrainingWorker({
      config,
      logger: h.logger,
      settings: { stalledInterval: 500 },
      processor: createInProcessProcessor(registry, stallContext) as never,
      onStalled: (jobId) => marked.push(recorder.record(jobId)),
    });
    const recorder = createStalledJobRecorder({
      prisma: h.prisma,
      progress: stallContext.progress,
      logger: h.logger,
      loadJob: (jobId) => Job.fromId(recovering.worker, jobId),
      marginMs: 1_000,
    });
    workers.push(recovering);
    const done = await waitFor('the recovered fold to complete', () =>
      h.prisma.foldRun.findFirst({ where: { id: foldId, status: 'completed' } }),
    );
    // the stall was recorded on the fold: queued again, "worker lost, retrying", and the live view told so
    expect(await Promise.all(marked)).toEqual([{ experimentId: seeded.experimentId, trialId: seeded.trials[0]!.id, fold: 0 }]);
    expect(listener.events).toContainEqual(
      expect.objectContaining({ type: 'fold', trialId: seeded.trials[0]!.id, fold: 0, status: 'queued', backend: null }),
    );
    await listener.close();
    expect(h.lines.some((l) => l.includes('worker lost under a fold'))).toBe(true);
    expect(done.attempts).toBe(2);
    // the crashed run's leftovers are gone: one row per epoch of the new run
    expect((await foldEpochs(h.prisma, seeded.trials[0]!.id, 0)).map((m) => m.epoch)).toEqual([1, 2]);
    if (process.env.DEBUG_WORKER_LOGS) console.log(h.lines.join('\n'));
    expect(h.lines.some((l) => l.includes('job stalled'))).toBe(true);
    await Promise.all(workers.splice(0).map((w) => w.close(5_000)));
    await queue.close();
    await closeWorkerContext(stallContext);
  });
});
