import { z } from 'zod';

/** Every BullMQ queue Atelier uses. */
export const QUEUES = { training: 'training' } as const;

/** Every job kind; the worker refuses to start unless each has exactly one handler. */
export const JOB_NAMES = { trainFold: 'train-fold' } as const;
export type TJobName = (typeof JOB_NAMES)[keyof typeof JOB_NAMES];

export const ZTrainFoldJob = z.object({
  experimentId: z.string(),
  trialId: z.string(),
  trialNumber: z.number().int().min(1),
  fold: z.number().int().min(0),
});
export type TTrainFoldJob = z.infer<typeof ZTrainFoldJob>;

/** Deterministic, so a retry or a second enqueue of the same fold is a no-op in BullMQ. */
export function trainFoldJobId(job: Pick<TTrainFoldJob, 'experimentId' | 'trialNumber' | 'fold'>): string {
  return `exp-${job.experimentId}-trial-${job.trialNumber}-fold-${job.fold}`;
}

/** Redis key set when an experiment is cancelled; workers check it between batches. */
export function cancelKey(prefix: string, experimentId: string): string {
  return `${prefix}:cancel:${experimentId}`;
}
