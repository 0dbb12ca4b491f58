import { createPrismaClient, type PrismaClient } from '../src/client';
import { logMetricPoints } from '../src/metric-log';
import {
  cancelExperiment,
  cancelFold,
  completeFold,
  failFold,
  failRun,
  LifecycleTransitionError,
  markFoldWorkerLost,
  pauseExperiment,
  pauseFold,
  requeueFold,
  resumeExperiment,
  startFold,
  WORKER_LOST_DETAIL,
} from '../src/run-transitions';
import { createTestDatabase, type TestDatabase } from '../src/testing';

/** The database transitions of a search's folds, trials and experiment (run-transitions.ts). */
describe('run transitions (PostgreSQL)', () => {
  let database: TestDatabase;
  let prisma: PrismaClient;

  beforeAll(async () => {
    database = await createTestDatabase('atelier_db_transitions');
    prisma = createPrismaClient(database.url);
  });
  afterAll(async () => {
    await prisma.$disconnect();
    await database.drop();
  });

  /** A search with trials of the given fold statuses (trial status given too), experiment status `status`. */
  async function search(status: string, trials: { status: string; started?: boolean; folds: string[] }[], started = true) {
    const project = await prisma.project.upsert({ where: { slug: 't' }, create: { slug: 't', name: 'T' }, update: {} });
    const experiment = await prisma.experiment.create({
      data: {
        projectId: project.id,
        name: 'e',
        status,
        strategy: { kind: 'grid' },
        space: {},
        validation: { kind: 'kfold', folds: 2 },
        seed: 1,
        startedAt: started ? new Date() : null,
      },
    });
    const runs = [];
    for (const [index, trial] of trials.entries()) {
      runs.push(
        await prisma.run.create({
          data: {
            experimentId: experiment.id,
            number: index + 1,
            status: trial.status,
            startedAt: trial.started ? new Date() : null,
            foldRuns: { create: trial.folds.map((foldStatus, fold) => ({ fold, status: foldStatus })) },
          },
          include: { foldRuns: { orderBy: { fold: 'asc' } } },
        }),
      );
    }
    return { experiment, runs };
  }
  const statuses = async (experimentId: string) => {
    const runs = await prisma.run.findMany({
      where: { experimentId },
      include: { foldRuns: { orderBy: { fold: 'asc' } } },
      orderBy: { number: 'asc' },
    });
    const experiment = await prisma.experiment.findUniqueOrThrow({ where: { id: experimentId } });
    return { experiment: experiment.status, runs: runs.map((r) => [r.status, ...r.foldRuns.map((f) => f.status)]) };
  };

  it('pauses a search: queued work held, a trial still training left running, the idle ones paused; then refuses to pause again', async () => {
    const { experiment, runs } = await search('running', [
      { status: 'running', started: true, folds: ['running', 'queued'] },
      { status: 'queued', folds: ['queued', 'queued'] },
      { status: 'completed', started: true, folds: ['completed', 'completed'] },
    ]);
    const paused = await pauseExperiment(prisma, experiment.id);
    expect(paused!.folds.map((f) => [f.trialNumber, f.fold]).sort()).toEqual([
      [1, 1],
      [2, 0],
      [2, 1],
    ]);
    expect(await statuses(experiment.id)).toEqual({
      experiment: 'paused',
      runs: [
        ['running', 'running', 'paused'],
        ['paused', 'paused', 'paused'],
        ['completed', 'completed', 'completed'],
      ],
    });
    expect(await pauseExperiment(prisma, experiment.id)).toBeNull();

    // the running fold notices at its next batch: paused at its rung's start, and its trial with it
    const ids = { experimentId: experiment.id, trialId: runs[0]!.id, foldRunId: runs[0]!.foldRuns[0]!.id, fold: 0 };
    await prisma.foldRun.update({ where: { id: ids.foldRunId }, data: { epochsCompleted: 3 } });
    expect(await pauseFold(prisma, ids, { fromEpoch: 1 })).toBe(true);
    expect((await statuses(experiment.id)).runs[0]).toEqual(['paused', 'paused', 'paused']);
    expect((await prisma.foldRun.findUniqueOrThrow({ where: { id: ids.foldRunId } })).epochsCompleted).toBe(1);

    // resume: running again (it had started), paused folds queued, trials running or queued as they had started
    const resumed = await resumeExperiment(prisma, experiment.id);
    expect(resumed!.folds).toHaveLength(4);
    expect(await statuses(experiment.id)).toEqual({
      experiment: 'running',
      runs: [
        ['running', 'queued', 'queued'],
        ['queued', 'queued', 'queued'],
        ['completed', 'completed', 'completed'],
      ],
    });
    expect(await resumeExperiment(prisma, experiment.id)).toBeNull();
    // a fold does not pause itself under a search that is not paused
    expect(await pauseFold(prisma, ids, null)).toBe(false);
  });

  it('resumes a search that never started as queued', async () => {
    const { experiment } = await search('paused', [{ status: 'paused', folds: ['paused'] }], false);
    await resumeExperiment(prisma, experiment.id);
    expect(await statuses(experiment.id)).toEqual({ experiment: 'queued', runs: [['queued', 'queued']] });
  });

  it('cancels a search: queued and paused work cancelled, running folds left to their workers; only queued folds have jobs to remove', async () => {
    const { experiment, runs } = await search('paused', [
      { status: 'running', started: true, folds: ['running', 'queued'] },
      { status: 'paused', folds: ['paused', 'paused'] },
      { status: 'completed', started: true, folds: ['completed', 'completed'] },
    ]);
    const cancelled = await cancelExperiment(prisma, experiment.id);
    expect(cancelled!.folds.map((f) => [f.trialId, f.fold])).toEqual([[runs[0]!.id, 1]]);
    expect(await statuses(experiment.id)).toEqual({
      experiment: 'cancelled',
      runs: [
        ['running', 'running', 'cancelled'],
        ['cancelled', 'cancelled', 'cancelled'],
        ['completed', 'completed', 'completed'],
      ],
    });
    expect(await cancelExperiment(prisma, experiment.id)).toBeNull();
    // the running fold's worker sees the flag and records it
    await cancelFold(prisma, runs[0]!.foldRuns[0]!.id, 'experiment cancelled');
    expect((await prisma.foldRun.findUniqueOrThrow({ where: { id: runs[0]!.foldRuns[0]!.id } })).error).toBe('experiment cancelled');
  });

  it('cancels a started trial whose fold waits for a retry (no worker would end it), and leaves one whose folds completed to its settlement', async () => {
    const { experiment } = await search('running', [
      { status: 'running', started: true, folds: ['queued'] },
      { status: 'running', started: true, folds: ['completed', 'queued'] },
      { status: 'running', started: true, folds: ['completed', 'completed'] },
      { status: 'running', started: true, folds: ['running', 'completed'] },
    ]);
    await cancelExperiment(prisma, experiment.id);
    expect(await statuses(experiment.id)).toEqual({
      experiment: 'cancelled',
      runs: [
        ['cancelled', 'cancelled'],
        ['cancelled', 'completed', 'cancelled'],
        ['running', 'completed', 'completed'],
        ['running', 'running', 'completed'],
      ],
    });
  });

  it("starts a fold: its trial and search with it, the attempt counted, an earlier attempt's points past the rung's start dropped", async () => {
    const { experiment, runs } = await search('queued', [{ status: 'queued', folds: ['queued', 'queued'] }], false);
    const run = runs[0]!;
    const wallTime = new Date();
    await logMetricPoints(
      prisma,
      run.id,
      [1, 2, 3].flatMap((step) => [0, 1].map((fold) => ({ key: 'loss', fold, step, value: 1 / step, wallTime }))),
    );
    const ids = { experimentId: experiment.id, trialId: run.id, foldRunId: run.foldRuns[0]!.id, fold: 0 };
    const startedAt = new Date();
    expect(await startFold(prisma, ids, { workerId: 'w/1', backend: 'wasm', startedAt, fromEpoch: 1 })).toEqual({
      trialStarted: true,
      experimentStarted: true,
    });
    const fold = await prisma.foldRun.findUniqueOrThrow({ where: { id: ids.foldRunId } });
    expect(fold).toMatchObject({
      status: 'running',
      attempts: 1,
      workerId: 'w/1',
      backend: 'wasm',
      epochsCompleted: 1,
      valAccuracy: null,
      confusionMatrix: null,
    });
    const points = await prisma.metric.findMany({ where: { runId: run.id }, orderBy: [{ fold: 'asc' }, { step: 'asc' }] });
    expect(points.map((p) => [p.fold, p.step])).toEqual([
      [0, 1],
      [1, 1],
      [1, 2],
      [1, 3],
    ]);
    // the summary follows: fold means at steps 1..3, step 2 and 3 from fold 1 alone
    expect(await prisma.metricSummary.findUniqueOrThrow({ where: { runId_key: { runId: run.id, key: 'loss' } } })).toMatchObject({
      lastStep: 3,
      count: 3,
    });
    expect(await statuses(experiment.id)).toEqual({ experiment: 'running', runs: [['running', 'running', 'queued']] });
    // started again (a retry): no second start of the trial or the search
    expect(await startFold(prisma, ids, { workerId: 'w/2', backend: 'wasm', startedAt, fromEpoch: 0 })).toEqual({
      trialStarted: false,
      experimentStarted: false,
    });
    expect((await prisma.foldRun.findUniqueOrThrow({ where: { id: ids.foldRunId } })).attempts).toBe(2);

    // completes with its result, checkpoint and the trial's size, and completing twice is no move
    const result = {
      valAccuracy: 0.8,
      valLoss: NaN,
      epochsCompleted: 2,
      confusionMatrix: [[1]],
      parameterCount: 123,
      checkpoint: { epoch: 2, content: new Uint8Array([9, 8]) },
    };
    await completeFold(prisma, ids, result);
    await completeFold(prisma, ids, result);
    expect(await prisma.foldRun.findUniqueOrThrow({ where: { id: ids.foldRunId }, include: { checkpoint: true } })).toMatchObject({
      status: 'completed',
      valAccuracy: 0.8,
      valLoss: NaN,
      epochsCompleted: 2,
      checkpoint: { epoch: 2, sizeBytes: 2 },
    });
    expect((await prisma.run.findUniqueOrThrow({ where: { id: run.id } })).parameterCount).toBe(123);
    // a completed fold cannot fail: the lifecycle's message says what it can become
    await expect(failFold(prisma, ids.foldRunId, 'late')).rejects.toThrow(
      new LifecycleTransitionError(
        'fold',
        'completed',
        'failed',
        'A fold cannot go from completed to failed: from completed it can only become queued or paused.',
      ),
    );
  });

  it('marks a fold whose worker was lost as queued, "worker lost, retrying", but not a retry that started since', async () => {
    const { runs } = await search('running', [{ status: 'running', started: true, folds: ['running', 'running'] }]);
    const [lost, retried] = runs[0]!.foldRuns;
    const minuteAgo = new Date(Date.now() - 60_000);
    await prisma.foldRun.update({ where: { id: lost!.id }, data: { startedAt: minuteAgo } });
    // the retry of fold 1 started after the check's cut-off (a slot took the job before the mark)
    await prisma.foldRun.update({ where: { id: retried!.id }, data: { startedAt: new Date() } });
    const cutOff = new Date(Date.now() - 5_000);
    const trialId = runs[0]!.id;
    expect(await markFoldWorkerLost(prisma, { trialId, fold: 0 }, cutOff)).toEqual({
      experimentId: runs[0]!.experimentId,
      trialId,
      fold: 0,
    });
    expect(await markFoldWorkerLost(prisma, { trialId, fold: 1 }, cutOff)).toBeNull();
    const folds = await prisma.foldRun.findMany({ where: { trialId }, orderBy: { fold: 'asc' } });
    expect(folds.map((f) => [f.status, f.error])).toEqual([
      ['queued', WORKER_LOST_DETAIL],
      ['running', null],
    ]);
    // marked once: the check finding it again changes nothing
    expect(await markFoldWorkerLost(prisma, { trialId, fold: 0 }, cutOff)).toBeNull();
  });

  it('requeues a fold for a retry and fails it for good; a final fold refuses to move, and a paused trial is not failed', async () => {
    const { experiment, runs } = await search('running', [
      { status: 'running', started: true, folds: ['running'] },
      { status: 'paused', folds: ['paused'] },
    ]);
    const foldId = runs[0]!.foldRuns[0]!.id;
    await requeueFold(prisma, foldId, 'attempt 1 failed, retrying: boom');
    expect(await prisma.foldRun.findUniqueOrThrow({ where: { id: foldId } })).toMatchObject({
      status: 'queued',
      error: 'attempt 1 failed, retrying: boom',
    });
    await failFold(prisma, foldId, 'boom');
    expect(await prisma.foldRun.findUniqueOrThrow({ where: { id: foldId } })).toMatchObject({ status: 'failed', error: 'boom' });
    await expect(requeueFold(prisma, foldId, 'again')).rejects.toThrow('A fold cannot go from failed to queued: failed is final.');
    await expect(cancelFold(prisma, foldId, 'late')).rejects.toThrow(LifecycleTransitionError);

    expect(await prisma.$transaction((tx) => failRun(tx, runs[0]!.id, 'fold 0: boom'))).toBe(true);
    expect(await prisma.$transaction((tx) => failRun(tx, runs[1]!.id, 'fold 0: boom'))).toBe(false);
    expect((await statuses(experiment.id)).runs).toEqual([
      ['failed', 'failed'],
      ['paused', 'paused'],
    ]);
    expect((await prisma.run.findUniqueOrThrow({ where: { id: runs[0]!.id } })).error).toBe('fold 0: boom');
  });
});
