import { z } from 'zod';

/** Every BullMQ queue Atelier uses. */
export const QUEUES = { training: 'training' } as const;

/**
 * A training worker's BullMQ name carries its concurrency, so the API can count the training
 * slots from the queue's connected workers (CLIENT LIST) with nothing else to keep alive.
 */
export function workerQueueName(workerId: string, concurrency: number): string {
  return `${workerId.replace(/\s+/g, '-')};slots=${concurrency}`;
}

/** The slots a connected worker declared in its name; 1 for a worker that did not say (older or foreign). */
export function workerSlots(queueName: string | undefined): number {
  const match = /;slots=(\d+)$/.exec(queueName ?? '');
  const slots = match ? Number(match[1]) : 1;
  return slots > 0 ? slots : 1;
}

/** Every job kind; the worker refuses to start unless each has exactly one handler. */
export const JOB_NAMES = { trainFold: 'train-fold', refit: 'refit' } as const;
export type TJobName = (typeof JOB_NAMES)[keyof typeof JOB_NAMES];

const ZJobRequestId = z.string().min(1).max(128).optional();

export const ZTrainFoldJob = z.object({
  experimentId: z.string(),
  trialId: z.string(),
  trialNumber: z.number().int().min(1),
  fold: z.number().int().min(0),
  /** ASHA rung this job trains up to; 0 for grid and random search (their only rung). */
  rung: z.number().int().min(0).default(0),
  /** The API request that queued the job (x-request-id), so its log lines can be found together. */
  requestId: ZJobRequestId,
});
export type TTrainFoldJob = z.infer<typeof ZTrainFoldJob>;
export type TTrainFoldJobInput = z.input<typeof ZTrainFoldJob>;

/**
 * Deterministic, so a retry or a second enqueue of the same fold (and rung) is a no-op in
 * BullMQ. Rung 0 keeps the plain form, so grid and random searches have one id per fold.
 */
export function trainFoldJobId(job: Pick<TTrainFoldJobInput, 'experimentId' | 'trialNumber' | 'fold' | 'rung'>): string {
  const base = `exp-${job.experimentId}-trial-${job.trialNumber}-fold-${job.fold}`;
  return job.rung ? `${base}-rung-${job.rung}` : base;
}

/** Retrains a trial's hyperparameters on all of its experiment's training images, then scores it on the test set. */
export const ZRefitJob = z.object({
  experimentId: z.string(),
  trialId: z.string(),
  /** Distinguishes a requested re-run from the first refit; part of the job id. */
  generation: z.number().int().min(0).default(0),
  requestId: ZJobRequestId,
});
export type TRefitJob = z.infer<typeof ZRefitJob>;
export type TRefitJobInput = z.input<typeof ZRefitJob>;

export function refitJobId(job: Pick<TRefitJobInput, 'trialId' | 'generation'>): string {
  return `refit-${job.trialId}-${job.generation ?? 0}`;
}

/**
 * Job priorities (BullMQ: lower runs first). An experiment's priority (1..100) sets the band;
 * within it an ASHA promotion runs before new first-rung work, so good trials finish early,
 * and a refit runs before any training of the same band.
 */
export function trainFoldPriority(experimentPriority: number, rung: number): number {
  return experimentPriority * 100 - Math.min(rung, 50) - 1;
}
export function refitPriority(experimentPriority: number): number {
  return experimentPriority * 100 - 99;
}

/** Redis key set while an experiment is paused; running folds stop at their next batch. */
export function pauseKey(prefix: string, experimentId: string): string {
  return `${prefix}:pause:${experimentId}`;
}

/** Redis key set when an experiment is cancelled; workers check it between batches. */
export function cancelKey(prefix: string, experimentId: string): string {
  return `${prefix}:cancel:${experimentId}`;
}

const DAY_SECONDS = 24 * 3600;

/**
 * BullMQ options of every train-fold job, shared by the API (first rung) and the workers
 * (promotions, requeues). Deterministic ids make a second enqueue of a fold a no-op while the
 * first is kept; kept jobs are bounded by age and count.
 */
export function trainFoldJobOptions(
  job: Pick<TTrainFoldJobInput, 'experimentId' | 'trialNumber' | 'fold' | 'rung'>,
  experimentPriority: number,
) {
  return {
    jobId: trainFoldJobId(job),
    priority: trainFoldPriority(experimentPriority, job.rung ?? 0),
    attempts: 3,
    backoff: { type: 'exponential' as const, delay: 5_000 },
    removeOnComplete: { age: 7 * DAY_SECONDS, count: 10_000 },
    removeOnFail: { age: 30 * DAY_SECONDS, count: 10_000 },
  };
}

export function refitJobOptions(job: Pick<TRefitJobInput, 'trialId' | 'generation'>, experimentPriority: number) {
  return {
    ...trainFoldJobOptions({ experimentId: '', trialNumber: 0, fold: 0 }, experimentPriority),
    jobId: refitJobId(job),
    priority: refitPriority(experimentPriority),
  };
}
