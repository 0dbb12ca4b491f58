import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { JOB_NAMES, trainFoldJobId, workerSlots, trainFoldJobOptions, type TTrainFoldJob, ZTrainFoldJob } from '@atelier/domain';
import type { Redis } from 'ioredis';
import { currentRequestId } from '../infra/request-context';
import { REDIS, TRAINING_QUEUE } from '../infra/tokens';

/** How long enqueueing may take before the request gives up (Redis unreachable). */
const ENQUEUE_TIMEOUT_MS = 10_000;
const REMOVE_TIMEOUT_MS = 30_000;

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} timed out after ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

type FoldJobRef = Pick<TTrainFoldJob, 'experimentId' | 'trialNumber' | 'fold' | 'rung'>;

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

  /**
   * The worker processes connected to the training queue now and the trainings they run at
   * once (each declares its concurrency in its name); null when Redis cannot be asked in time.
   */
  async capacity(timeoutMs = 1_000): Promise<{ workers: number; slots: number } | null> {
    if (this.unavailableReason()) return null;
    try {
      const workers = await withTimeout(this.queue.getWorkers(), timeoutMs, 'listing the workers');
      // rawname is "<prefix>:<queue>:w:<worker name>"; name is the queue's
      const names = workers.map((w) => /:w:(.*)$/.exec(w.rawname ?? '')?.[1]);
      return { workers: workers.length, slots: names.reduce((sum, name) => sum + workerSlots(name), 0) };
    } catch (error) {
      this.logger.warn(`could not list the workers: ${(error as Error).message}`);
      return null;
    }
  }

  /** Adds one job per fold in one round trip (addBulk is atomic in BullMQ). */
  async enqueue(jobs: readonly TTrainFoldJob[], priority: number): Promise<void> {
    const bulk = jobs.map((job) => {
      // The worker logs the request id with every line of the job (README, Deploy: logs).
      const data = ZTrainFoldJob.parse({ ...job, requestId: job.requestId ?? currentRequestId() });
      return { name: JOB_NAMES.trainFold, data, opts: trainFoldJobOptions(data, priority) };
    });
    await withTimeout(this.queue.addBulk(bulk), ENQUEUE_TIMEOUT_MS, 'adding the training jobs');
  }

  /**
   * Removes the jobs that no worker holds (waiting, prioritized, delayed). An active job is
   * locked and stays: its worker stops at the cancel flag. Returns how many were removed.
   */
  async removeWaiting(jobs: readonly FoldJobRef[], timeoutMs = REMOVE_TIMEOUT_MS): Promise<number> {
    return withTimeout(this.removeAll(jobs), timeoutMs, 'removing the waiting jobs');
  }

  /**
   * Removes the finished jobs of folds about to be queued again (a paused fold completed its
   * job). A job still active is being released by its worker: retry it for up to `retryMs`.
   */
  async removeFinished(jobs: readonly FoldJobRef[], retryMs: number): Promise<void> {
    const deadline = Date.now() + retryMs;
    for (const job of jobs) {
      const id = trainFoldJobId(job);
      for (;;) {
        const existing = await this.queue.getJob(id);
        if (!existing) break;
        const state = await existing.getState();
        if (state !== 'active') {
          await this.queue.remove(id);
          break;
        }
        if (Date.now() > deadline) {
          this.logger.warn(`job ${id} is still active after ${retryMs} ms; its worker will requeue the fold`);
          break;
        }
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
  }

  private async removeAll(jobs: readonly FoldJobRef[]): Promise<number> {
    let removed = 0;
    const ids = jobs.map(trainFoldJobId);
    for (let start = 0; start < ids.length; start += 100) {
      const results = await Promise.all(
        ids.slice(start, start + 100).map((id) =>
          this.queue.remove(id).catch((error: unknown) => {
            this.logger.warn(`could not remove job ${id}: ${(error as Error).message}`);
            return 0;
          }),
        ),
      );
      removed += results.reduce((sum, n) => sum + n, 0);
    }
    return removed;
  }
}
