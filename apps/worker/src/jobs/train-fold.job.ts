import {
  cancelKey,
  firstRungOf,
  isFoldSettled,
  rungEpochsOf,
  JOB_NAMES,
  pauseKey,
  hyperparametersOf,
  ZArchitectureSpec,
  ZTrainFoldJob,
  type TFoldTimings,
  type TProgressEvent,
  type TTrainFoldJob,
} from '@atelier/domain';
import type { EpochMetrics, LearningRateSchedule } from '@atelier/ml/training/types';
import { trainModel } from '@atelier/ml/training/train-model';
import * as tf from '@tensorflow/tfjs';
import { logMetricPoints, NotASearchError, searchExperimentOf } from '@atelier/db';
import {
  cancelFold,
  completeFold,
  failFold,
  LifecycleTransitionError,
  lockExperiment,
  pauseFold,
  recordFoldTimings,
  requeueFold,
  startFold,
} from '@atelier/db/run-transitions';
import { UnrecoverableError, WaitingError } from 'bullmq';
import { ZodError } from 'zod';
import type { WorkerContext } from '../infra/context';
import { createBackgroundCheck, createCachedCheck, createThrottle } from '../progress/throttle';
import { ensureBackend } from '../training/backend';
import { createFoldDataSource } from '../training/fold-data';
import { epochPoints } from '../training/epoch-points';
import { trainingSource } from '../training/base-model';
import { deriveFoldSeed } from '../training/seeds';
import { pendingJobs, settleAfterFold, type SettleOptions } from '../training/settlement';
import { defineJob, type JobHandle } from './job-definition';
import { isDeterministicFailure } from './deterministic-failure';
import { ArchitectureSpecError } from '@atelier/ml/models/summary';

/** Batch progress events per fold: at most two per second. */
export const BATCH_EVENT_INTERVAL_MS = 500;
/** The cancellation key is read from Redis at most this often. */
export const CANCEL_CHECK_INTERVAL_MS = 250;

const foldData = createFoldDataSource();
/** How trials' learning rates move during training: constant (the schedule is not a hyperparameter yet). */
const LEARNING_RATE_SCHEDULE: LearningRateSchedule = { kind: 'constant' };

/** What a fold's job reads of its fold, trial, architecture, experiment and dataset: one query. */
const FOLD_RUN_INCLUDE = { trial: { include: { architecture: true, experiment: { include: { dataset: true } } } } } as const;

/**
 * Runs the fold's first query once on a fold that does not exist, so that Prisma's query
 * compiler has its plan before the first job (a process's first query of each shape is slow).
 */
export async function warmUpFoldQueries(context: Pick<WorkerContext, 'prisma'>): Promise<void> {
  await context.prisma.foldRun.findUnique({
    where: { trialId_fold: { trialId: '00000000-0000-0000-0000-000000000000', fold: -1 } },
    include: FOLD_RUN_INCLUDE,
  });
}

export type TrainFoldResult =
  | { outcome: 'completed'; valAccuracy: number; valLoss: number | null; epochs: number }
  | { outcome: 'cancelled' | 'paused' | 'skipped'; reason: string };

/**
 * train-fold: trains one trial on one fold and records it. Safe to run twice (a completed fold
 * is skipped, a retried one starts over and overwrites its epochs); stops between batches when
 * the experiment is cancelled, and puts itself back in the queue when the worker shuts down.
 */
export const trainFoldJob = defineJob<TTrainFoldJob>({
  name: JOB_NAMES.trainFold,
  schema: ZTrainFoldJob,
  handle: (payload, job, context) => trainFold(payload, job, context),
});

async function trainFold(payload: TTrainFoldJob, job: JobHandle, context: WorkerContext): Promise<TrainFoldResult> {
  const attemptStarted = Date.now();
  const { prisma, logger, config } = context;
  const foldRun = await prisma.foldRun.findUnique({
    where: { trialId_fold: { trialId: payload.trialId, fold: payload.fold } },
    include: FOLD_RUN_INCLUDE,
  });
  if (!foldRun) return { outcome: 'skipped', reason: 'fold run not found (experiment deleted?)' };
  const { trial } = foldRun;
  const { experiment } = trial;
  if (trial.experimentId !== payload.experimentId || trial.number !== payload.trialNumber) {
    throw new UnrecoverableError(
      `job payload does not match the database: trial ${payload.trialId} is number ${trial.number} of experiment ${trial.experimentId}`,
    );
  }
  const ids = { experimentId: experiment.id, trialId: trial.id, fold: foldRun.fold };
  const foldIds = { ...ids, foldRunId: foldRun.id };
  const isCancelRequested = async () => (await context.redis.exists(cancelKey(config.redisPrefix, experiment.id))) === 1;
  const isPauseRequested = async () => (await context.redis.exists(pauseKey(config.redisPrefix, experiment.id))) === 1;

  // A job for another rung than the fold's: left over from before a promotion or a retry of an
  // older attempt. The fold's own job trains it.
  if (payload.rung !== foldRun.rung)
    return { outcome: 'skipped', reason: `job is for rung ${payload.rung}, the fold is at rung ${foldRun.rung}` };
  // Paused: the resume queues the fold again.
  if (foldRun.status === 'paused') return { outcome: 'skipped', reason: 'experiment paused' };

  // A duplicate or late job: nothing to train. Settling again is idempotent, and finishes the
  // job of an attempt that recorded its fold but failed before settling the trial.
  if (isFoldSettled(foldRun.status)) {
    await settle(context, ids);
    return { outcome: 'skipped', reason: `fold already ${foldRun.status}` };
  }
  if (experiment.status === 'paused' || (await isPauseRequested())) {
    const paused = await pauseFold(prisma, foldIds, null);
    if (paused) {
      await publishAll(context, [{ type: 'fold', ...ids, status: 'paused', valAccuracy: null, backend: null }]);
      return { outcome: 'paused', reason: 'experiment paused' };
    }
  }
  const cancelledAtStart = experiment.status === 'cancelled' || (await isCancelRequested());
  if (cancelledAtStart || trial.status === 'failed' || trial.status === 'cancelled') {
    const reason = cancelledAtStart ? 'experiment cancelled' : `trial ${trial.status}`;
    await cancelFold(prisma, foldRun.id, reason);
    await publishAll(context, [{ type: 'fold', ...ids, status: 'cancelled', valAccuracy: null, backend: null }]);
    await settle(context, { ...ids, cancelRequested: cancelledAtStart });
    return { outcome: 'skipped', reason };
  }

  let backendLabel: string | null = null;
  let foldRecorded = false;
  let model: { dispose(): void; countParams(): number } | null = null;
  const t0 = Date.now();
  try {
    // Columns and JSON read back from the database go through the shared schemas, like payloads.
    const search = searchExperimentOf(experiment);
    const { strategy, validation, augmentation } = search;
    // A fine-tune's trials train the experiment's base model instead of an architecture's layers.
    const fineTune = experiment.parentModelId !== null;
    if (!trial.architecture && !fineTune)
      throw new UnrecoverableError(`trial ${trial.number} has no architecture: it is not a search trial`);
    const spec = trial.architecture ? ZArchitectureSpec.parse(trial.architecture.spec) : null;
    // Rungs: rung k continues from the end of rung k-1 (its checkpoint) up to the trial's
    // epochs, except at the trial's first rung (Hyperband's later brackets start above rung 0).
    const rungEpochs = rungEpochsOf(strategy);
    const startEpoch = rungEpochs && foldRun.rung > firstRungOf(strategy, trial.number) ? rungEpochs[foldRun.rung - 1] : 0;
    if (startEpoch === undefined)
      throw new UnrecoverableError(
        `fold run ${foldRun.id} is at rung ${foldRun.rung}, past the strategy's ${rungEpochs?.length ?? 0} rungs`,
      );
    const keepCheckpoint = rungEpochs !== null && foldRun.rung < rungEpochs.length - 1;
    const checkpoint = startEpoch > 0 ? await prisma.checkpoint.findUnique({ where: { foldRunId: foldRun.id } }) : null;
    if (startEpoch > 0 && (!checkpoint || checkpoint.epoch !== startEpoch)) {
      throw new UnrecoverableError(
        `fold ${foldRun.fold} of trial ${trial.number} was promoted to rung ${foldRun.rung} but its checkpoint at epoch ${startEpoch} is missing`,
      );
    }
    const { architecture: _architecture, ...hyperparameters } = hyperparametersOf(trial.params);
    if (!fineTune && spec?.kind !== 'layers')
      throw new UnrecoverableError(`architecture "${trial.architecture?.key}" is not trainable (kind ${spec?.kind})`);

    const marks: Record<string, number> = { read: Date.now() - attemptStarted };
    const backend = await ensureBackend(config.tfBackend);
    backendLabel = backend.label;
    const startedAt = new Date();
    const events: TProgressEvent[] = [{ type: 'fold', ...ids, status: 'running', valAccuracy: null, backend: backendLabel }];
    const started = await startFold(prisma, foldIds, {
      workerId: config.workerId,
      backend: backendLabel,
      startedAt,
      fromEpoch: startEpoch,
    });
    if (started.trialStarted) {
      events.push({
        type: 'trial',
        experimentId: experiment.id,
        trialId: trial.id,
        status: 'running',
        meanValAccuracy: null,
        stdValAccuracy: null,
      });
    }
    if (started.experimentStarted) events.push({ type: 'experiment', experimentId: experiment.id, status: 'running' });
    await publishAll(context, events);
    marks.started = Date.now() - attemptStarted;

    const dataset = await context.datasets.get(search.dataset.key);
    const data = foldData({
      datasetKey: search.dataset.key,
      train: dataset.train,
      trainingSlice: search.trainingSlice,
      validation,
      seed: search.seed,
      fold: foldRun.fold,
    });
    marks.data = Date.now() - attemptStarted;
    await prisma.foldRun.update({ where: { id: foldRun.id }, data: { trainSize: data.train.count, valSize: data.validation.count } });
    marks.sizes = Date.now() - attemptStarted;
    const seed = deriveFoldSeed(search.seed, trial.number, foldRun.fold);
    logger.info('fold started', {
      experiment: experiment.id,
      trial: trial.number,
      fold: foldRun.fold,
      run: foldRun.attempts + 1,
      backend: backendLabel,
      train: data.train.count,
      val: data.validation.count,
      epochs: hyperparameters.epochs,
      fromEpoch: startEpoch,
      rung: rungEpochs ? foldRun.rung : undefined,
      seed,
    });

    const cancelled = createCachedCheck(isCancelRequested, CANCEL_CHECK_INTERVAL_MS);
    // Between batches nothing waits on Redis: the keys are read in the background (see createBackgroundCheck).
    const onCheckError = (error: unknown) => logger.debug('stop check failed; asking again', { error: (error as Error).message });
    const stopRequested = {
      cancel: createBackgroundCheck(isCancelRequested, CANCEL_CHECK_INTERVAL_MS, { onError: onCheckError }),
      pause: createBackgroundCheck(isPauseRequested, CANCEL_CHECK_INTERVAL_MS, { onError: onCheckError }),
    };
    const batchEvents = createThrottle(BATCH_EVENT_INTERVAL_MS);
    let lastEpoch: EpochMetrics | null = null;
    let lastYield = Date.now();
    const source = await trainingSource(prisma, experiment, spec);
    const loadSeconds = (Date.now() - attemptStarted) / 1000;
    logger.debug('fold loaded', { fold: foldRun.fold, msSinceStart: { ...marks, source: Date.now() - attemptStarted } });
    const result = await trainModel({
      ...source,
      hyperparameters,
      numClasses: dataset.classNames.length,
      train: data.train,
      validation: data.validation,
      seed,
      initialEpoch: startEpoch,
      resumeFrom: checkpoint ? new Uint8Array(checkpoint.content) : undefined,
      checkpoint: keepCheckpoint,
      augmentation: augmentation?.randomErasing ?? undefined,
      learningRateSchedule: LEARNING_RATE_SCHEDULE,
      onEpochEnd: async (metrics) => {
        lastEpoch = metrics;
        const values = {
          loss: metrics.loss,
          accuracy: metrics.accuracy,
          valLoss: metrics.valLoss,
          valAccuracy: metrics.valAccuracy,
          seconds: metrics.seconds,
        };
        const wallTime = new Date();
        const points = epochPoints({
          metrics,
          fold: foldRun.fold,
          trainImages: data.train.count,
          batchSize: hyperparameters.batchSize,
          epochs: hyperparameters.epochs,
          baseLearningRate: hyperparameters.learningRate,
          learningRateSchedule: LEARNING_RATE_SCHEDULE,
          wallTime,
        });
        await prisma.$transaction(async (tx) => {
          // the search's lock order (run-transitions.ts): its folds' epochs feed its summary rows
          await lockExperiment(tx, ids.experimentId);
          // Keyed by (run, key, fold, step): a retried fold overwrites rather than duplicates.
          await logMetricPoints(tx, trial.id, points);
          await tx.foldRun.update({ where: { id: foldRun.id }, data: { epochsCompleted: metrics.epoch } });
          await tx.run.update({ where: { id: trial.id }, data: { lastSeenAt: wallTime } });
        });
        await publishAll(context, [{ type: 'epoch', ...ids, epochs: hyperparameters.epochs, metric: { epoch: metrics.epoch, ...values } }]);
        await job.updateProgress(roundPercent(metrics.epoch / hyperparameters.epochs));
        context.trainingMetrics.epochTrained({ job: JOB_NAMES.trainFold, images: data.train.count, seconds: metrics.seconds });
      },
      onBatchEnd: async ({ epoch, batch, batches }) => {
        // Training may never leave the microtask queue on its own; yield now and then so
        // IPC (cancel on shutdown), Redis replies and timers get their turn.
        if (Date.now() - lastYield >= 50) {
          await new Promise((resolve) => setImmediate(resolve));
          lastYield = Date.now();
        }
        if (batchEvents()) {
          // Not awaited: a progress bar's tick is not worth a round trip of the fold's time. The
          // publisher logs its own failures; later events go out after it on the same connection.
          void publishAll(context, [{ type: 'batch', ...ids, epoch, epochs: hyperparameters.epochs, batch, batches }]);
          job
            .updateProgress(roundPercent((epoch - 1 + batch / batches) / hyperparameters.epochs))
            .catch((error: unknown) => logger.debug('batch progress not sent', { error: (error as Error).message }));
        }
      },
      shouldStop: () => job.signal.aborted || stopRequested.cancel() || stopRequested.pause(),
    });
    model = result.model;
    const parameterCount = result.model.countParams();
    const seconds = (Date.now() - t0) / 1000;

    if (result.cancelled && !(await cancelled()) && !job.signal.aborted && (await isPauseRequested())) {
      // Paused mid-rung: the fold restarts this rung on resume (from its checkpoint, if any).
      const paused = await pauseFold(prisma, foldIds, { fromEpoch: startEpoch });
      if (paused) {
        await publishAll(context, [{ type: 'fold', ...ids, status: 'paused', valAccuracy: null, backend: backendLabel }]);
        logger.info('fold paused', { experiment: experiment.id, trial: trial.number, fold: foldRun.fold });
        return { outcome: 'paused', reason: 'experiment paused' };
      }
      // Resumed before this fold noticed: it goes back to the queue and trains its rung again.
      await job.moveToWait();
      throw new WaitingError();
    }

    if (result.cancelled && !(await cancelled()) && job.signal.aborted) {
      // Worker shutdown, not a user's cancellation: requeue without spending an attempt so
      // another worker (or this one after a restart) trains the fold from epoch 1.
      await requeueFold(prisma, foldRun.id, 'interrupted by a worker shutdown; requeued');
      await publishAll(context, [{ type: 'fold', ...ids, status: 'queued', valAccuracy: null, backend: backendLabel }]);
      logger.info('fold interrupted by shutdown, requeued', {
        experiment: experiment.id,
        trial: trial.number,
        fold: foldRun.fold,
        seconds,
      });
      await job.moveToWait();
      throw new WaitingError();
    }

    if (result.cancelled) {
      await cancelFold(prisma, foldRun.id, 'experiment cancelled');
      foldRecorded = true;
      await publishAll(context, [{ type: 'fold', ...ids, status: 'cancelled', valAccuracy: null, backend: backendLabel }]);
      await settle(context, { ...ids, cancelRequested: true });
      logger.info('fold cancelled', { experiment: experiment.id, trial: trial.number, fold: foldRun.fold, backend: backendLabel, seconds });
      return { outcome: 'cancelled', reason: 'experiment cancelled' };
    }

    const final = lastEpoch as EpochMetrics | null;
    if (!final || final.valAccuracy === null) throw new Error('training finished without a validation epoch');
    // The fold model's validation predictions, summed over folds into the trial's out-of-fold
    // confusion matrix when the trial settles: counted by the last epoch's validation pass.
    const confusionMatrix = result.validationConfusionMatrix;
    if (!confusionMatrix) throw new Error('training finished without a validation confusion matrix');
    const recordStarted = Date.now();
    // Prisma's Bytes columns take ArrayBuffer-backed arrays.
    const checkpointBytes = keepCheckpoint && result.checkpoint ? new Uint8Array(result.checkpoint) : null;
    // The job reached this process after its pick-up: spawning or waking a sandbox, loading modules.
    const pickedUp = job.pickedUpAt !== null && job.pickedUpAt <= attemptStarted ? job.pickedUpAt : attemptStarted;
    const timings = (recording: number): TFoldTimings => ({
      wallSeconds: (Date.now() - pickedUp) / 1000,
      phases: {
        queued: job.queuedSeconds,
        pickup: (attemptStarted - pickedUp) / 1000,
        load: loadSeconds,
        build: result.timings.buildSeconds,
        train: result.timings.trainSeconds,
        validate: result.timings.validationSeconds,
        epochWrites: result.timings.epochEndSeconds,
        batchEvents: result.timings.batchEndSeconds,
        checkpoint: result.timings.checkpointSeconds,
        record: recording,
      },
      trainImages: data.train.count * (final.epoch - startEpoch),
    });
    await completeFold(prisma, foldIds, {
      valAccuracy: final.valAccuracy,
      valLoss: final.valLoss,
      epochsCompleted: final.epoch,
      confusionMatrix,
      // Same value from every fold: the trial's size, shown beside its score and used for ties.
      parameterCount,
      checkpoint: checkpointBytes ? { epoch: final.epoch, content: checkpointBytes } : null,
      timings: timings((Date.now() - recordStarted) / 1000),
    });
    foldRecorded = true;
    await publishAll(context, [{ type: 'fold', ...ids, status: 'completed', valAccuracy: final.valAccuracy, backend: backendLabel }]);
    await settle(context, ids);
    // Now with the time settling took; a lost write only leaves the recording's time out.
    await recordFoldTimings(prisma, foldIds, timings((Date.now() - recordStarted) / 1000)).catch((error: unknown) =>
      logger.warn('fold timings not updated', { fold: foldRun.fold, error: (error as Error).message }),
    );
    logger.info('fold completed', {
      experiment: experiment.id,
      trial: trial.number,
      fold: foldRun.fold,
      backend: backendLabel,
      epochs: final.epoch,
      stoppedEarly: result.stoppedEarly,
      valAccuracy: round(final.valAccuracy),
      valLoss: final.valLoss === null ? null : round(final.valLoss),
      seconds: round(seconds, 1),
    });
    return { outcome: 'completed', valAccuracy: final.valAccuracy, valLoss: final.valLoss, epochs: final.epoch };
  } catch (error) {
    // The fold's result is stored; only settling failed: the retry skips training and settles.
    if (error instanceof WaitingError || foldRecorded) throw error;
    // Another process moved the fold meanwhile (its search was cancelled as it started): its
    // status is theirs to keep; settling again is harmless.
    if (error instanceof LifecycleTransitionError && error.entity === 'fold') {
      logger.info('fold moved on meanwhile', { experiment: experiment.id, trial: trial.number, fold: foldRun.fold, error: error.message });
      await settle(context, ids);
      return { outcome: 'skipped', reason: error.message };
    }
    const message =
      error instanceof ArchitectureSpecError
        ? `architecture '${trial.architecture?.key ?? '?'}' cannot be built for the images of '${experiment.dataset?.key ?? 'its dataset'}': ${error.message}`
        : ((error as Partial<Error>).message ?? String(error));
    // A row that fails its schema, an architecture that cannot be built, invalid training
    // options: the same failure on every attempt, so the fold fails at once with its message.
    const invalidRow = error instanceof ZodError || (error as Error).cause instanceof ZodError || error instanceof NotASearchError;
    const deterministic = isDeterministicFailure(error);
    const lastAttempt = deterministic || job.attemptsMade + 1 >= job.maxAttempts;
    logger.error('fold failed', {
      experiment: experiment.id,
      trial: trial.number,
      fold: foldRun.fold,
      backend: backendLabel,
      attempt: job.attemptsMade + 1,
      of: job.maxAttempts,
      willRetry: !lastAttempt,
      seconds: round((Date.now() - t0) / 1000, 1),
      error: message,
    });
    if (lastAttempt) {
      await failFold(prisma, foldRun.id, message);
      await publishAll(context, [{ type: 'fold', ...ids, status: 'failed', valAccuracy: null, backend: backendLabel }]);
      await settle(context, { ...ids, failTrial: `fold ${foldRun.fold}: ${message}` });
      // BullMQ retries anything but an UnrecoverableError (matched by name across the sandbox's IPC)
      if (deterministic && !(error instanceof UnrecoverableError))
        throw new UnrecoverableError(invalidRow ? `invalid data in the database: ${message}` : message);
    } else {
      await requeueFold(prisma, foldRun.id, `attempt ${job.attemptsMade + 1} failed, retrying: ${message}`);
      await publishAll(context, [{ type: 'fold', ...ids, status: 'queued', valAccuracy: null, backend: backendLabel }]);
    }
    throw error;
  } finally {
    model?.dispose();
    logger.debug('tf memory after fold', { fold: foldRun.fold, ...tf.memory() });
  }
}

/**
 * Enqueues the work the rows say is due (promoted folds, a refit). Idempotent: job ids are
 * deterministic, so enqueueing again after a crash or from two workers adds nothing twice.
 */
export async function dispatchPendingJobs(context: WorkerContext, experimentId: string): Promise<void> {
  const pending = await pendingJobs(context.prisma, experimentId);
  await context.queue.addFolds(pending.folds, pending.priority);
  if (pending.refitTrialId) await context.queue.addRefit({ experimentId, trialId: pending.refitTrialId }, pending.priority);
}

/** Settles after a fold reached a terminal state, publishes what changed and queues what is due. */
async function settle(context: WorkerContext, options: SettleOptions): Promise<void> {
  await publishAll(context, await settleAfterFold(context.prisma, options));
  await dispatchPendingJobs(context, options.experimentId);
}

async function publishAll(context: WorkerContext, events: readonly TProgressEvent[]): Promise<void> {
  for (const event of events) await context.progress.publish(event);
}

function roundPercent(fraction: number): number {
  return Math.round(Math.min(1, Math.max(0, fraction)) * 1000) / 10;
}

function round(value: number, digits = 4): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}
