import { JOB_NAMES, ZTrainFoldJob } from '@atelier/domain';
import type { PrismaClient } from '@atelier/db/client';
import { markFoldWorkerLost } from '@atelier/db/run-transitions';
import type { ProgressPublisher } from '../progress/progress-publisher';
import type { Logger } from './logger';

/** What the recorder needs of a stalled job: BullMQ's `Job.fromId` gives it (undefined once removed). */
export type LoadJob = (
  jobId: string,
) => Promise<
  | { name: string; data: unknown; priority: number; changePriority(options: { priority: number; lifo: boolean }): Promise<void> }
  | null
  | undefined
>;

export interface LostFold {
  experimentId: string;
  trialId: string;
  fold: number;
}

export interface StalledJobRecorder {
  /**
   * Called with the id BullMQ's 'stalled' event names, when a check moved the job back to the
   * wait list. Resolves with the fold it marked, or null (not a fold's job, or already retried).
   */
  record(jobId: string): Promise<LostFold | null>;
}

/**
 * Tells the user that a fold's worker was lost: BullMQ's stalled check (any worker's) found the
 * fold's job without a lock and put it back in the wait list, so the fold is queued again with
 * "worker lost, retrying" until a worker starts it (that start clears the detail), and its job
 * goes to the front of the queue.
 *
 * `lostRunStartedBefore`: a lost run's lock lived at least `lockDuration - lockRenewTime`
 * after the run started (see worker.ts), so a run that started later than `now - margin` is the
 * retry, which may already have started: it is left alone.
 */
export function createStalledJobRecorder(options: {
  prisma: PrismaClient;
  progress: ProgressPublisher;
  logger: Logger;
  loadJob: LoadJob;
  /** How long before the stalled event a lost run must have started (half the lock's slack). */
  marginMs: number;
  now?: () => number;
}): StalledJobRecorder {
  const { prisma, progress, logger, loadJob, marginMs } = options;
  const now = options.now ?? Date.now;
  return {
    async record(jobId) {
      const detectedAt = now();
      try {
        const job = await loadJob(jobId);
        if (!job || job.name !== JOB_NAMES.trainFold) return null;
        // BullMQ puts a stalled job back at the end of its priority band, behind every fold of its
        // search not yet started: to the front instead, so the next free slot retries it.
        await job.changePriority({ priority: job.priority, lifo: true });
        const payload = ZTrainFoldJob.safeParse(job.data);
        // the retry fails the job without retries on an invalid payload (process-job.ts); nothing to show here
        if (!payload.success) return null;
        const lost = await markFoldWorkerLost(
          prisma,
          { trialId: payload.data.trialId, fold: payload.data.fold },
          new Date(detectedAt - marginMs),
        );
        if (!lost) return null;
        logger.warn('worker lost under a fold; it is queued again', { job: jobId, ...lost });
        await progress.publish({ type: 'fold', ...lost, status: 'queued', valAccuracy: null, backend: null });
        return lost;
      } catch (error) {
        // A missed note is cosmetic: the job itself is already back in the queue.
        logger.warn('could not record a stalled job', { job: jobId, error: (error as Error).message });
        return null;
      }
    },
  };
}
