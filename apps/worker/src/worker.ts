import { JOB_NAMES, QUEUES } from '@atelier/domain';
import { Worker, type Job, type WorkerOptions } from 'bullmq';
import { Redis } from 'ioredis';
import type { WorkerConfig } from './config';
import type { Logger } from './infra/logger';
import { failureKind, type WorkerMetrics } from './infra/metrics';

/**
 * Lock and stall settings of the training queue.
 *
 * With sandboxed processors the lock is renewed by the parent process, whose event loop never
 * trains, so a long epoch cannot make a job look stalled; the lock only has to outlive a busy
 * parent (GC, a slow Redis). An expired lock means the worker process died: after at most
 * lockDuration + stalledInterval another worker moves the job back to the wait list.
 * maxStalledCount 2 lets a fold survive two crashed workers (OOM kill, lost host) before it
 * fails for good; the job's own `attempts: 3` (set by the API) covers errors thrown by training.
 * WORKER_LOCK_DURATION_MS and WORKER_STALLED_INTERVAL_MS override the first two (tests shorten them).
 */
export const TRAINING_WORKER_SETTINGS = {
  lockDuration: 60_000,
  // renewed every lockDuration / 2 (BullMQ's default lockRenewTime)
  stalledInterval: 30_000,
  maxStalledCount: 2,
} as const satisfies Partial<WorkerOptions>;

export type InProcessProcessor = (job: Job, token?: string, signal?: AbortSignal) => Promise<unknown>;

export interface TrainingWorker {
  worker: Worker;
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
  /** Tests shorten the lock and stall timings to see a crashed worker's job recovered. */
  settings?: Partial<Pick<WorkerOptions, 'lockDuration' | 'stalledInterval' | 'maxStalledCount'>>;
}): TrainingWorker {
  const { config, logger } = options;
  const connection = new Redis(config.redisUrl, { maxRetriesPerRequest: null });
  const worker = new Worker(QUEUES.training, options.processor as never, {
    connection,
    prefix: config.redisPrefix,
    concurrency: config.concurrency,
    name: config.workerId,
    autorun: options.autorun ?? true,
    ...TRAINING_WORKER_SETTINGS,
    lockDuration: config.lockDurationMs ?? TRAINING_WORKER_SETTINGS.lockDuration,
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
