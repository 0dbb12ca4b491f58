import {
  assertTransition,
  CANCELLABLE_EXPERIMENT_STATUSES,
  checkTransition,
  FOLD_STATUSES,
  LifecycleTransitionError,
  PAUSABLE_EXPERIMENT_STATUSES,
  PAUSABLE_WORK_STATUSES,
  RESUMABLE_EXPERIMENT_STATUSES,
  TRIAL_STATUSES,
  type TFoldStatus,
  type TFoldTimings,
  type TLifecycleEntity,
  type TTrialStatus,
} from '@atelier/domain';
import { dropFoldPointsAfter } from './metric-log';
import { Prisma, type PrismaClient } from './generated/prisma/client';

/**
 * The one home of a search's status changes in the database: a fold starting, completing,
 * failing, being cancelled, requeued or paused (the worker), and a whole search paused, resumed
 * or cancelled (the API). Which moves are allowed is the lifecycle's (run-lifecycle.ts in
 * @atelier/domain); here they are written, each in one transaction, each guarded by the statuses
 * it may come from, so a row another process moved meanwhile is left alone rather than overwritten.
 *
 * Locks: every transaction here that writes a search's folds or trials takes the experiment row
 * first, then run rows (settlement.ts and the worker's epoch writes do so too). Besides making a
 * fold pausing itself and the API pausing or resuming its search serialize, this orders the
 * writes to the search's maintained summary rows (experiment_trial_summary, kept by triggers
 * on run and fold_run): two transactions that each touch two of those rows in a different order
 * deadlocked, and PostgreSQL aborted one of them (a fold failed with "write conflict or deadlock").
 */

type Db = Prisma.TransactionClient | PrismaClient;

/** The search's lock, taken first by every transaction that writes its folds or trials (see above). */
export async function lockExperiment(tx: Prisma.TransactionClient, experimentId: string): Promise<void> {
  await tx.$queryRaw`SELECT id FROM experiment WHERE id = ${experimentId}::uuid FOR UPDATE`;
}

/** One fold of one trial (at one rung): what a training job names. */
export interface FoldRef {
  trialId: string;
  trialNumber: number;
  fold: number;
  rung: number;
}

/** The fold statuses (or run statuses) allowed to become `to`, `to` itself included (writing it again is no move). */
function from(entity: 'fold', to: TFoldStatus): TFoldStatus[];
function from(entity: 'run', to: TTrialStatus): TTrialStatus[];
function from(entity: Exclude<TLifecycleEntity, 'experiment'>, to: string): string[] {
  const statuses: readonly string[] = entity === 'fold' ? FOLD_STATUSES : TRIAL_STATUSES;
  return statuses.filter((status) => checkTransition(entity, status, to).ok);
}

const only = <T extends string>(statuses: readonly T[], among: readonly T[]) => statuses.filter((status) => among.includes(status));

/** Fails with the lifecycle's message when a single-row move found the row in a status it cannot leave that way. */
async function moved(db: Db, entity: 'fold', id: string, to: TFoldStatus, count: number): Promise<void> {
  if (count > 0) return;
  const row = await db.foldRun.findUnique({ where: { id }, select: { status: true } });
  if (!row) throw new Error(`fold run ${id} is gone (its experiment was deleted?)`);
  assertTransition(entity, row.status, to);
  // allowed after all: it moved between the update and this read
}

const foldRefOf = (f: { fold: number; rung: number; trial: { id: string; number: number } }): FoldRef => ({
  trialId: f.trial.id,
  trialNumber: f.trial.number,
  fold: f.fold,
  rung: f.rung,
});
const FOLD_REF_SELECT = { id: true, fold: true, rung: true, trial: { select: { id: true, number: true } } } as const;

// ---------------------------------------------------------------------------------------------
// A fold, as a worker trains it

export interface FoldIds {
  experimentId: string;
  trialId: string;
  foldRunId: string;
  fold: number;
}

/**
 * A worker starts (or restarts) a fold at `fromEpoch`: the fold runs under this worker and
 * backend with its earlier result cleared, the points an earlier attempt wrote past `fromEpoch`
 * dropped, and its trial and experiment started if they were queued. Says which of those two
 * started, for the progress events.
 */
export async function startFold(
  db: PrismaClient,
  ids: FoldIds,
  attempt: { workerId: string; backend: string; startedAt: Date; fromEpoch: number },
): Promise<{ trialStarted: boolean; experimentStarted: boolean }> {
  return db.$transaction(async (tx) => {
    await lockExperiment(tx, ids.experimentId);
    const fold = await tx.foldRun.updateMany({
      where: { id: ids.foldRunId, status: { in: from('fold', 'running') } },
      data: {
        status: 'running',
        attempts: { increment: 1 },
        workerId: attempt.workerId,
        backend: attempt.backend,
        startedAt: attempt.startedAt,
        finishedAt: null,
        error: null,
        epochsCompleted: attempt.fromEpoch,
        valAccuracy: null,
        valLoss: null,
        confusionMatrix: Prisma.DbNull,
      },
    });
    await moved(tx, 'fold', ids.foldRunId, 'running', fold.count);
    // A retry restarts its rung: what an earlier attempt wrote past the rung's start goes.
    await dropFoldPointsAfter(tx, ids.trialId, ids.fold, attempt.fromEpoch);
    const trial = await tx.run.updateMany({
      where: { id: ids.trialId, status: 'queued' },
      data: { status: 'running', startedAt: attempt.startedAt },
    });
    const experiment = await tx.experiment.updateMany({
      where: { id: ids.experimentId, status: 'queued' },
      data: { status: 'running', startedAt: attempt.startedAt },
    });
    return { trialStarted: trial.count > 0, experimentStarted: experiment.count > 0 };
  });
}

/** A fold's result at the end of its rung, and what its trial learns from it. */
export interface FoldResult {
  valAccuracy: number;
  valLoss: number | null;
  epochsCompleted: number;
  /** Validation predictions of the fold's model, counts[true][predicted]. */
  confusionMatrix: number[][];
  /** The trial's model size: the same from every fold. */
  parameterCount: number;
  /** Weights and optimizer state to continue from at the next rung; none at the last rung. */
  checkpoint: { epoch: number; content: Uint8Array<ArrayBuffer> } | null;
  /** Where the attempt's time went so far (its recording is added once it has settled: recordFoldTimings). */
  timings?: TFoldTimings;
}

/** Records a fold completed (its rung's epochs done), with its checkpoint, in one transaction. */
export async function completeFold(db: PrismaClient, ids: FoldIds, result: FoldResult): Promise<void> {
  await db.$transaction(async (tx) => {
    await lockExperiment(tx, ids.experimentId);
    const { checkpoint } = result;
    if (checkpoint) {
      const bytes = { epoch: checkpoint.epoch, content: checkpoint.content, sizeBytes: checkpoint.content.byteLength };
      await tx.checkpoint.upsert({
        where: { foldRunId: ids.foldRunId },
        create: { foldRunId: ids.foldRunId, ...bytes },
        update: { ...bytes, createdAt: new Date() },
      });
    }
    const fold = await tx.foldRun.updateMany({
      where: { id: ids.foldRunId, status: { in: from('fold', 'completed') } },
      data: {
        status: 'completed',
        valAccuracy: result.valAccuracy,
        valLoss: result.valLoss,
        epochsCompleted: result.epochsCompleted,
        confusionMatrix: result.confusionMatrix,
        finishedAt: new Date(),
        error: null,
        ...(result.timings ? { timings: result.timings } : {}),
      },
    });
    await moved(tx, 'fold', ids.foldRunId, 'completed', fold.count);
    await tx.run.update({ where: { id: ids.trialId }, data: { parameterCount: result.parameterCount } });
  });
}

/**
 * The fold's timings once its completion has settled (the trial, the search, the next jobs), so
 * that recording counts in them. Under the search's lock: fold_run's triggers write its summaries.
 */
export async function recordFoldTimings(db: PrismaClient, ids: FoldIds, timings: TFoldTimings): Promise<void> {
  await db.$transaction(async (tx) => {
    await lockExperiment(tx, ids.experimentId);
    await tx.foldRun.update({ where: { id: ids.foldRunId }, data: { timings } });
  });
}

/** A fold that will not train again: failed for good (its trial fails when it settles). */
export async function failFold(db: Db, foldRunId: string, error: string): Promise<void> {
  const fold = await db.foldRun.updateMany({
    where: { id: foldRunId, status: { in: from('fold', 'failed') } },
    data: { status: 'failed', error, finishedAt: new Date() },
  });
  await moved(db, 'fold', foldRunId, 'failed', fold.count);
}

/** A fold stopped by its search's cancellation (or its trial's end): `reason` says which. */
export async function cancelFold(db: Db, foldRunId: string, reason: string): Promise<void> {
  const fold = await db.foldRun.updateMany({
    where: { id: foldRunId, status: { in: from('fold', 'cancelled') } },
    data: { status: 'cancelled', finishedAt: new Date(), error: reason },
  });
  await moved(db, 'fold', foldRunId, 'cancelled', fold.count);
}

/** What a fold whose worker was lost says until it trains again (the trial page shows it under the status). */
export const WORKER_LOST_DETAIL = 'worker lost, retrying';

/**
 * A fold whose worker stopped renewing its job's lock (killed, out of memory, host lost): BullMQ
 * moved the job back to the wait list, so the fold is queued again with WORKER_LOST_DETAIL.
 * Only a run that started before `startedBefore`: the stalled check and the retry race, and the
 * retry's own start (later than that) must not be undone. Returns whether a fold was moved.
 */
export async function markFoldWorkerLost(
  db: Db,
  fold: { trialId: string; fold: number },
  startedBefore: Date,
): Promise<{ experimentId: string; trialId: string; fold: number } | null> {
  const lost = await db.foldRun.updateMany({
    where: { trialId: fold.trialId, fold: fold.fold, status: 'running', startedAt: { lt: startedBefore } },
    data: { status: 'queued', error: WORKER_LOST_DETAIL },
  });
  if (lost.count === 0) return null;
  const trial = await db.run.findUnique({ where: { id: fold.trialId }, select: { experimentId: true } });
  return trial?.experimentId ? { experimentId: trial.experimentId, trialId: fold.trialId, fold: fold.fold } : null;
}

/**
 * A fold back in the queue: an attempt failed and will be retried, or a worker shut down under
 * it. `error` says why; `fromEpoch` (a shutdown) is where its rung restarts.
 */
export async function requeueFold(db: Db, foldRunId: string, error: string, fromEpoch?: number): Promise<void> {
  const fold = await db.foldRun.updateMany({
    where: { id: foldRunId, status: { in: from('fold', 'queued') } },
    data: { status: 'queued', error, finishedAt: null, ...(fromEpoch !== undefined ? { epochsCompleted: fromEpoch } : {}) },
  });
  await moved(db, 'fold', foldRunId, 'queued', fold.count);
}

/**
 * A trial is paused once none of its folds is training any more; `where` picks the trials (one,
 * or every one of an experiment). The rule both a pausing search and a fold pausing itself use.
 */
async function pauseIdleTrials(tx: Prisma.TransactionClient, where: Prisma.RunWhereInput): Promise<number> {
  const paused = await tx.run.updateMany({
    where: {
      ...where,
      status: { in: only(from('run', 'paused'), PAUSABLE_WORK_STATUSES as readonly TTrialStatus[]) },
      foldRuns: { none: { status: 'running' } },
    },
    data: { status: 'paused' },
  });
  return paused.count;
}

/**
 * A trial of a paused search whose last running fold has just ended (it completed, or failed
 * with a retry left) while its other folds wait paused: it is paused too, as pauseFold would
 * have left it. Under the search's lock. Returns whether it moved.
 */
export async function pauseTrialIfIdle(tx: Prisma.TransactionClient, trialId: string): Promise<boolean> {
  return (await pauseIdleTrials(tx, { id: trialId })) > 0;
}

/**
 * A fold pauses itself, under its experiment's row lock, but only while the experiment is still
 * paused. `running`: the fold had started (it restarts its rung at `fromEpoch` on resume). False
 * when the experiment was resumed (or never paused): the caller trains on.
 */
export async function pauseFold(db: PrismaClient, ids: FoldIds, running: { fromEpoch: number } | null): Promise<boolean> {
  return db.$transaction(async (tx) => {
    await lockExperiment(tx, ids.experimentId);
    const experiment = await tx.experiment.findUnique({ where: { id: ids.experimentId }, select: { status: true } });
    if (experiment?.status !== 'paused') return false;
    const updated = await tx.foldRun.updateMany({
      where: { id: ids.foldRunId, status: running ? 'running' : { in: only(from('fold', 'paused'), PAUSABLE_WORK_STATUSES) } },
      data: { status: 'paused', error: null, ...(running ? { epochsCompleted: running.fromEpoch } : {}) },
    });
    await pauseIdleTrials(tx, { id: ids.trialId });
    return updated.count > 0;
  });
}

// ---------------------------------------------------------------------------------------------
// A whole search, as the API pauses, resumes and cancels it

/**
 * Pauses a queued or running search: its queued folds and trials are held (the caller removes
 * their jobs); running folds pause themselves at their next batch (pauseFold). Null when the
 * search was not pausable by then.
 */
export async function pauseExperiment(db: PrismaClient, experimentId: string): Promise<{ folds: FoldRef[] } | null> {
  return db.$transaction(async (tx) => {
    await lockExperiment(tx, experimentId);
    const updated = await tx.experiment.updateMany({
      where: { id: experimentId, status: { in: [...PAUSABLE_EXPERIMENT_STATUSES] } },
      data: { status: 'paused' },
    });
    if (updated.count === 0) return null;
    const queued = await tx.foldRun.findMany({ where: { status: 'queued', trial: { experimentId } }, select: FOLD_REF_SELECT });
    await tx.foldRun.updateMany({ where: { id: { in: queued.map((f) => f.id) } }, data: { status: 'paused' } });
    await pauseIdleTrials(tx, { experimentId });
    return { folds: queued.map(foldRefOf) };
  });
}

/**
 * Resumes a paused search: it is running again if any fold had started (else queued), its
 * paused folds are queued (the caller enqueues their jobs), and its paused trials queued or,
 * when they had started, running. Null when the search was not paused.
 */
export async function resumeExperiment(db: PrismaClient, experimentId: string): Promise<{ folds: FoldRef[]; priority: number } | null> {
  return db.$transaction(async (tx) => {
    await lockExperiment(tx, experimentId);
    const experiment = await tx.experiment.findUnique({
      where: { id: experimentId },
      select: { status: true, startedAt: true, priority: true },
    });
    if (!experiment || !(RESUMABLE_EXPERIMENT_STATUSES as readonly string[]).includes(experiment.status)) return null;
    const status = experiment.startedAt ? 'running' : 'queued';
    assertTransition('experiment', experiment.status, status);
    await tx.experiment.update({ where: { id: experimentId }, data: { status } });
    const paused = await tx.foldRun.findMany({ where: { status: 'paused', trial: { experimentId } }, select: FOLD_REF_SELECT });
    await tx.foldRun.updateMany({ where: { id: { in: paused.map((f) => f.id) } }, data: { status: 'queued' } });
    await tx.run.updateMany({ where: { experimentId, status: 'paused', startedAt: null }, data: { status: 'queued' } });
    await tx.run.updateMany({ where: { experimentId, status: 'paused' }, data: { status: 'running' } });
    return { priority: experiment.priority, folds: paused.map(foldRefOf) };
  });
}

/**
 * Cancels a queued, running or paused search: the experiment, and its queued and paused folds
 * and trials, in one transaction. Running folds are left to their workers, which see the cancel
 * flag and record themselves cancelled (cancelFold). A started trial with no fold training any
 * more (its fold waited for a retry, say) has no worker left to end it, so it is cancelled here
 * too; one whose folds all completed is left to its settlement. Returns the folds whose jobs the
 * caller removes; null when the search was no longer cancellable (someone else finished it).
 */
export async function cancelExperiment(db: PrismaClient, experimentId: string): Promise<{ folds: FoldRef[] } | null> {
  return db.$transaction(async (tx) => {
    await lockExperiment(tx, experimentId);
    const now = new Date();
    const updated = await tx.experiment.updateMany({
      where: { id: experimentId, status: { in: [...CANCELLABLE_EXPERIMENT_STATUSES] } },
      data: { status: 'cancelled', finishedAt: now },
    });
    if (updated.count === 0) return null;
    const held: TFoldStatus[] = ['queued', 'paused'];
    const folds = await tx.foldRun.findMany({
      where: { status: { in: only(from('fold', 'cancelled'), held) }, trial: { experimentId } },
      select: { ...FOLD_REF_SELECT, status: true },
    });
    await tx.foldRun.updateMany({ where: { id: { in: folds.map((f) => f.id) } }, data: { status: 'cancelled', finishedAt: now } });
    await tx.run.updateMany({
      where: { experimentId, status: { in: only(from('run', 'cancelled'), held) } },
      data: { status: 'cancelled', finishedAt: now },
    });
    await tx.run.updateMany({
      where: {
        experimentId,
        status: { in: only(from('run', 'cancelled'), ['running']) },
        AND: [{ foldRuns: { none: { status: 'running' } } }, { foldRuns: { some: { status: 'cancelled' } } }],
      },
      data: { status: 'cancelled', finishedAt: now },
    });
    // only the queued folds have jobs waiting; a paused fold's job finished when it paused
    return { folds: folds.filter((f) => f.status === 'queued').map(foldRefOf) };
  });
}

// ---------------------------------------------------------------------------------------------
// A trial

/** Fails a trial for good (a fold of it failed for good), unless it already ended. */
export async function failRun(tx: Prisma.TransactionClient, runId: string, error: string): Promise<boolean> {
  const failed = await tx.run.updateMany({
    where: { id: runId, status: { in: from('run', 'failed') } },
    data: { status: 'failed', error, finishedAt: new Date() },
  });
  return failed.count > 0;
}

export { LifecycleTransitionError };
