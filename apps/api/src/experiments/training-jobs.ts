import { Inject, Injectable, Logger } from '@nestjs/common';
import type { JobsOptions, Queue } from 'bullmq';
import { JOB_NAMES, trainFoldJobId, type TTrainFoldJob, ZTrainFoldJob } from '@atelier/domain';
import type { Redis } from 'ioredis';
import { REDIS, TRAINING_QUEUE } from '../infra/tokens';

/** How long enqueueing may take before the request gives up (Redis unreachable). */
const ENQUEUE_TIMEOUT_MS = 10_000;
const REMOVE_TIMEOUT_MS = 30_000;
const DAY = 24 * 3600;

/**
 * Options of every train-fold job. Deterministic ids (see trainFoldJobId: no ':' and not an
 * integer, as BullMQ requires of custom ids) make a second enqueue of a fold a no-op while the
 * first is kept; kept jobs are bounded by age and count.
 */
export function trainFoldJobOptions(job: TTrainFoldJob, priority: number): JobsOptions {
  return {
    jobId: trainFoldJobId(job),
    priority,
    attempts: 3,
    backoff: { type: 'exponential', delay: 5_000 },
    removeOnComplete: { age: 7 * DAY, count: 10_000 },
    removeOnFail: { age: 30 * DAY, count: 10_000 },
  };
}

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} timed out after ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** The API's side of the training queue: add fold jobs, take back the ones not started. */
@Injectable()
export class TrainingJobs {
  private readonly logger = new Logger('TrainingJobs');

  constructor(
    @Inject(TRAINING_QUEUE) private readonly queue: Queue,
    @Inject(REDIS) private readonly redis: Redis,
  ) {}

  /** Why jobs cannot be queued right now (the queue's connection is down), or null. */
  unavailableReason(): string | null {
    return this.redis.status === 'ready' ? null : `Redis is ${this.redis.status}`;
  }

  /** Adds one job per fold in one round trip (addBulk is atomic in BullMQ). */
  async enqueue(jobs: readonly TTrainFoldJob[], priority: number): Promise<void> {
    const bulk = jobs.map((job) => {
      const data = ZTrainFoldJob.parse(job);
      return { name: JOB_NAMES.trainFold, data, opts: trainFoldJobOptions(data, priority) };
    });
    await withTimeout(this.queue.addBulk(bulk), ENQUEUE_TIMEOUT_MS, 'adding the training jobs');
  }

  /**
   * Removes the jobs that no worker holds (waiting, prioritized, delayed). An active job is
   * locked and stays: its worker stops at the cancel flag. Returns how many were removed.
   */
  async removeWaiting(jobs: readonly Pick<TTrainFoldJob, 'experimentId' | 'trialNumber' | 'fold'>[], timeoutMs = REMOVE_TIMEOUT_MS): Promise<number> {
    return withTimeout(this.removeAll(jobs), timeoutMs, 'removing the waiting jobs');
  }

  private async removeAll(jobs: readonly Pick<TTrainFoldJob, 'experimentId' | 'trialNumber' | 'fold'>[]): Promise<number> {
    let removed = 0;
    const ids = jobs.map(trainFoldJobId);
    for (let start = 0; start < ids.length; start += 100) {
      const results = await Promise.all(
        ids.slice(start, start + 100).map((id) =>
          this.queue.remove(id).catch((error: Error) => {
            this.logger.warn(`could not remove job ${id}: ${error.message}`);
            return 0;
          }),
        ),
      );
      removed += results.reduce((sum, n) => sum + n, 0);
    }
    return removed;
  }
}
