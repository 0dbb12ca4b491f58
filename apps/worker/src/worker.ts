import { JOB_NAMES, QUEUES, workerQueueName } from '@atelier/domain';
import { Worker, type Job, type WorkerOptions } from 'bullmq';
import { Redis } from 'ioredis';
import type { WorkerConfig } from './config';
import type { Logger } from './infra/logger';
import { failureKind, type WorkerMetrics } from './infra/metrics';

/**
 * Lock and stall settings of the training queue, chosen so a killed worker's fold is retried
 * within 15 s (issue 18; BullMQ's 30 s / 30 s defaults with our old 60 s lock took about 65 s).
 *
 * A killed worker's lock expires at most lockDuration after its last renewal; the next stalled
 * check (every stalledInterval, shared by all workers) then moves the job back to the wait list:
 * at most lockDuration + stalledInterval = 9 s, then the next free slot takes it (stalled-jobs.ts
 * moves it to the front of the queue).
 *
 * A live job must never look stalled (its fold would train twice). With sandboxed processors the
 * lock is renewed by the parent process, whose event loop never trains: a long synchronous
 * TF.js step blocks only its child. The parent renews every lockRenewTime (1.5 s), so a renewal
 * may be late by up to 4.5 s (GC, a slow Redis, a starved CPU) before the lock lapses. The
 * in-process processor (tests, debugging) shares its event loop with training, which yields
 * every 50 ms between batches (train-fold.job.ts), not inside one batch: keep its batches short.
 * maxStalledCount 2 lets a fold survive two crashed workers (OOM kill, lost host) before it
 * fails for good; the job's own `attempts: 3` (set by the API) covers errors thrown by training.
 * WORKER_LOCK_DURATION_MS and WORKER_STALLED_INTERVAL_MS override the first two; the renewal
 * interval stays a quarter of the lock.
 */
export const TRAINING_WORKER_SETTINGS = {
  lockDuration: 6_000,
  stalledInterval: 3_000,
  maxStalledCount: 2,
} as const satisfies Partial<WorkerOptions>;

/** The renewal interval for a lock lifetime: a quarter, so three renewals in a row may be late. */
export function lockRenewTimeFor(lockDuration: number): number {
  return Math.floor(lockDuration / 4);
}

/** What warmTrainingChildren needs of BullMQ's ChildPool (internal to bullmq 6: Worker.childPool). */
interface ChildPoolInternals {
  retain(processFile: string): Promise<unknown>;
  release(child: unknown): void;
}

/**
 * Forks the sandboxed children of every slot before the worker takes a job. BullMQ forks a
 * child at a slot's first job and keeps it; that child then loads its modules, TF.js and its
 * data (sandbox.processor.ts): about 3 s on the 2-core machine, paid by the first folds of the
 * first search, the one whose first point a user waits for. Reaches into BullMQ's child pool
 * (not a public API): if its shape changes, warms nothing and says so rather than failing.
 */
export async function warmTrainingChildren(worker: Worker, processFile: string, count: number): Promise<number> {
  const pool = (worker as unknown as { childPool?: Partial<ChildPoolInternals> }).childPool;
  if (typeof pool?.retain !== 'function' || typeof pool.release !== 'function') return 0;
  const children = await Promise.all(Array.from({ length: count }, () => (pool as ChildPoolInternals).retain(processFile)));
  for (const child of children) (pool as ChildPoolInternals).release(child);
  return children.length;
}

export type InProcessProcessor = (job: Job, token?: string, signal?: AbortSignal) => Promise<unknown>;

export interface TrainingWorker {
  worker: Worker;
  /** The lock lifetime and renewal interval in force (ms). */
  lock: { duration: number; renewEvery: number };
  /**
   * Stops taking jobs, asks running folds to stop at their next batch (they requeue
   * themselves), and waits up to `graceMs`: a fold still running after that keeps its lock
   * until it expires and is picked up again through stalled-job recovery.
   */
  close(graceMs: number): Promise<void>;
  /**
   * Drops everything at once, leaving running jobs active with locks nobody renews: what a
   * crashed process does. For tests of stalled-job recovery.
   */
  abandon(): Promise<void>;
}

export function startTrainingWorker(options: {
  config: Pick<WorkerConfig, 'redisUrl' | 'redisPrefix' | 'concurrency' | 'workerId' | 'lockDurationMs' | 'stalledIntervalMs'>;
  logger: Logger;
  /** Counts the jobs this worker runs, completes and fails (its /metrics). */
  metrics?: WorkerMetrics;
  /** A processor file (runs in BullMQ's sandboxed child processes) or an in-process function. */
  processor: string | InProcessProcessor;
  autorun?: boolean;
  /** Called when a stalled check (this worker's) moved a job whose worker was lost back to the wait list. */
  onStalled?: (jobId: string) => void;
  /** Tests shorten the lock and stall timings to see a crashed worker's job recovered. */
  settings?: Partial<Pick<WorkerOptions, 'lockDuration' | 'lockRenewTime' | 'stalledInterval' | 'maxStalledCount'>>;
}): TrainingWorker {
  const { config, logger } = options;
  const connection = new Redis(config.redisUrl, { maxRetriesPerRequest: null });
  const lockDuration = options.settings?.lockDuration ?? config.lockDurationMs ?? TRAINING_WORKER_SETTINGS.lockDuration;
  const lockRenewTime = options.settings?.lockRenewTime ?? lockRenewTimeFor(lockDuration);
  const worker = new Worker(QUEUES.training, options.processor as never, {
    connection,
    prefix: config.redisPrefix,
    concurrency: config.concurrency,
    // the API counts training slots from the connected workers' names
    name: workerQueueName(config.workerId, config.concurrency),
    autorun: options.autorun ?? true,
    ...TRAINING_WORKER_SETTINGS,
    lockDuration,
    lockRenewTime,
    stalledInterval: config.stalledIntervalMs ?? TRAINING_WORKER_SETTINGS.stalledInterval,
    ...options.settings,
    // Child processes, not worker threads: each training gets its own heap and wasm instance,
    // and a crash (OOM in a big model) kills one child, not the worker.
    useWorkerThreads: false,
  });
  worker.on('error', (error) => logger.error('worker error', { error: error.message }));
  const { metrics } = options;
  worker.on('active', (job) => metrics?.jobStarted(job.name));
  worker.on('completed', (job) => metrics?.jobCompleted(job.name));
  worker.on('stalled', (jobId) => {
    logger.warn('job stalled; moved back to wait', { job: jobId });
    options.onStalled?.(jobId);
    // Only the id is known here; the id's shape names the kind (see trainFoldJobId, refitJobId).
    metrics?.jobFailed(jobId.startsWith('refit-') ? JOB_NAMES.refit : JOB_NAMES.trainFold, 'stalled', false);
  });
  worker.on('failed', (job, error) => {
    // A fold that requeued itself (shutdown, pause) did not fail.
    if (error.name === 'WaitingError') {
      if (job) metrics?.jobReleased(job.name);
      return;
    }
    if (job) metrics?.jobFailed(job.name, failureKind(error), job.attemptsMade >= Math.max(1, job.opts.attempts ?? 1));
    logger.warn('job failed', { job: job?.id, attemptsMade: job?.attemptsMade, error: error.message });
  });

  let closing: Promise<void> | null = null;
  return {
    worker,
    lock: { duration: lockDuration, renewEvery: lockRenewTime },
    close(graceMs) {
      closing ??= (async () => {
        const graceful = worker.close();
        worker.cancelAllJobs('shutdown');
        let timer: NodeJS.Timeout | undefined;
        const timedOut = await Promise.race([
          graceful.then(() => false),
          new Promise<boolean>((resolve) => {
            timer = setTimeout(() => resolve(true), graceMs);
          }),
        ]);
        clearTimeout(timer);
        if (timedOut) {
          // worker.close() is memoized, so it cannot be upgraded to a forced close: give up
          // waiting instead. The caller exits; sandboxed children exit when their IPC channel
          // closes, and the fold's lock expires so another worker recovers it as stalled.
          logger.warn('grace period over; leaving running folds to stalled-job recovery', { graceMs });
          connection.disconnect();
          return;
        }
        await connection.quit().catch(() => undefined);
      })();
      return closing;
    },
    async abandon() {
      await worker.close(true);
      connection.disconnect();
    },
  };
}
