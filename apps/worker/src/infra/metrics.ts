import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { Redis } from 'ioredis';
import { z } from 'zod';
import type { Logger } from './logger';

/** One epoch trained by a job, as a training child reports it to its worker. */
export const ZEpochSample = z.object({
  job: z.string().min(1).max(64),
  images: z.number().int().min(0),
  seconds: z.number().min(0),
});
export type TEpochSample = z.infer<typeof ZEpochSample>;

/** How a training job failed, for `atelier_training_failures_total{kind}`. */
export type TFailureKind = 'crash' | 'stalled' | 'unrecoverable' | 'error';

/** A failed job's error, sorted into the kinds an operator acts on differently. */
export function failureKind(error: { name?: string; message?: string }): TFailureKind {
  // BullMQ's sandbox rejects with this when the training child dies (OOM kill, segfault).
  if (error.message?.startsWith('Unexpected exit code')) return 'crash';
  if (error.name === 'UnrecoverableError') return 'unrecoverable';
  return 'error';
}

/**
 * The worker's Prometheus metrics. Training runs in BullMQ's sandboxed children, each with its
 * own heap, so the children report epochs over Redis (see epochChannel) and the parent process,
 * which serves /metrics, counts them: one registry per worker, however many children it has.
 */
export interface WorkerMetrics {
  registry: Registry;
  jobStarted(job: string): void;
  jobCompleted(job: string): void;
  jobFailed(job: string, kind: TFailureKind, final: boolean): void;
  /** A job left the worker without finishing: requeued on shutdown or pause. */
  jobReleased(job: string): void;
  epochTrained(sample: TEpochSample): void;
}

export function createWorkerMetrics(options: { workerId: string; concurrency: number }): WorkerMetrics {
  const registry = new Registry();
  registry.setDefaultLabels({ worker: options.workerId });
  collectDefaultMetrics({ register: registry });
  const running = new Gauge({
    name: 'atelier_worker_jobs_running',
    help: 'Training jobs (folds and refits) this worker is running now',
    labelNames: ['job'],
    registers: [registry],
  });
  new Gauge({ name: 'atelier_worker_concurrency', help: 'Trainings this worker runs at once at most', registers: [registry] }).set(
    options.concurrency,
  );
  const completed = new Counter({
    name: 'atelier_worker_jobs_completed_total',
    help: 'Training jobs finished',
    labelNames: ['job'],
    registers: [registry],
  });
  const failures = new Counter({
    name: 'atelier_training_failures_total',
    help: 'Training jobs that failed, by kind (crash: the training process died; stalled: a worker lost the lock; unrecoverable: bad payload; error: training threw) and whether it was the last attempt',
    labelNames: ['job', 'kind', 'final'],
    registers: [registry],
  });
  const epochs = new Counter({ name: 'atelier_training_epochs_total', help: 'Epochs trained', labelNames: ['job'], registers: [registry] });
  const images = new Counter({
    name: 'atelier_training_images_total',
    help: 'Training images processed (images × epochs)',
    labelNames: ['job'],
    registers: [registry],
  });
  const epochSeconds = new Histogram({
    name: 'atelier_training_epoch_duration_seconds',
    help: 'Wall time of one training epoch',
    labelNames: ['job'],
    buckets: [0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600, 1800],
    registers: [registry],
  });
  // Counted here rather than with inc/dec so an event seen twice cannot drive the gauge below 0.
  const runningCounts = new Map<string, number>();
  const addRunning = (job: string, delta: number) => {
    const count = Math.max(0, (runningCounts.get(job) ?? 0) + delta);
    runningCounts.set(job, count);
    running.set({ job }, count);
  };
  const decrement = (job: string) => addRunning(job, -1);
  return {
    registry,
    jobStarted: (job) => addRunning(job, 1),
    jobCompleted: (job) => {
      decrement(job);
      completed.inc({ job });
    },
    jobFailed: (job, kind, final) => {
      if (kind !== 'stalled') decrement(job);
      failures.inc({ job, kind, final: String(final) });
    },
    jobReleased: (job) => decrement(job),
    epochTrained: ({ job, images: count, seconds }) => {
      epochs.inc({ job });
      images.inc({ job }, count);
      epochSeconds.observe({ job }, seconds);
    },
  };
}

/** The Redis channel on which a worker's training children report the epochs they train. */
export function epochChannel(prefix: string, workerId: string): string {
  return `${prefix}:worker-metrics:${workerId}`;
}

/** The children's side: one PUBLISH per epoch; a lost report costs a sample, never the training. */
export interface EpochReporter {
  epochTrained(sample: TEpochSample): void;
}

export function createEpochReporter(redis: Redis, channel: string | null, logger: Logger): EpochReporter {
  let warned = false;
  return {
    epochTrained(sample) {
      if (!channel) return;
      redis.publish(channel, JSON.stringify(sample)).catch((error: unknown) => {
        if (!warned) logger.warn('epoch metrics not reported', { error: (error as Error).message });
        warned = true;
      });
    },
  };
}

/** The parent's side: counts what its children report. Returns a function that unsubscribes. */
export async function collectEpochReports(
  subscriber: Redis,
  channel: string,
  metrics: WorkerMetrics,
  logger: Logger,
): Promise<() => Promise<void>> {
  subscriber.on('message', (from: string, message: string) => {
    if (from !== channel) return;
    try {
      metrics.epochTrained(ZEpochSample.parse(JSON.parse(message)));
    } catch (error) {
      logger.warn('dropped a malformed epoch report', { error: (error as Error).message.slice(0, 200) });
    }
  });
  await subscriber.subscribe(channel);
  return async () => {
    await subscriber.unsubscribe(channel).catch(() => undefined);
  };
}
