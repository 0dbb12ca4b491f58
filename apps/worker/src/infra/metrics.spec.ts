import { EventEmitter } from 'node:events';
import type { Redis } from 'ioredis';
import { collectEpochReports, createWorkerMetrics, failureKind } from './metrics';
import type { Logger } from './logger';

const warn = jest.fn();
const quiet: Logger = { debug: () => undefined, info: () => undefined, warn, error: () => undefined };

async function value(
  metrics: ReturnType<typeof createWorkerMetrics>,
  name: string,
  labels: Record<string, string> = {},
): Promise<number | undefined> {
  const metric = (await metrics.registry.getMetricsAsJSON()).find((m) => m.name === name || name.startsWith(`${m.name}_`));
  return (metric?.values as { labels: Record<string, string>; value: number; metricName?: string }[] | undefined)?.find(
    (v) => (v.metricName ?? name) === name && Object.entries(labels).every(([k, l]) => String(v.labels[k]) === l),
  )?.value;
}

describe('worker metrics', () => {
  it('counts running, completed and failed jobs by kind, never below zero', async () => {
    const metrics = createWorkerMetrics({ workerId: 'w1', concurrency: 2 });
    metrics.jobStarted('train-fold');
    metrics.jobStarted('train-fold');
    metrics.jobStarted('refit');
    expect(await value(metrics, 'atelier_worker_jobs_running', { job: 'train-fold' })).toBe(2);
    metrics.jobCompleted('train-fold');
    metrics.jobFailed('train-fold', 'crash', false);
    metrics.jobReleased('train-fold'); // one event too many
    expect(await value(metrics, 'atelier_worker_jobs_running', { job: 'train-fold' })).toBe(0);
    expect(await value(metrics, 'atelier_worker_jobs_running', { job: 'refit' })).toBe(1);
    expect(await value(metrics, 'atelier_worker_jobs_completed_total', { job: 'train-fold' })).toBe(1);
    expect(await value(metrics, 'atelier_training_failures_total', { job: 'train-fold', kind: 'crash', final: 'false' })).toBe(1);
    expect(await value(metrics, 'atelier_worker_concurrency')).toBe(2);
    const text = await metrics.registry.metrics();
    expect(text).toContain('worker="w1"');
    expect(text).toContain('process_cpu_seconds_total');
  });

  it('adds up epochs and images, and an epoch-duration histogram', async () => {
    const metrics = createWorkerMetrics({ workerId: 'w1', concurrency: 1 });
    metrics.epochTrained({ job: 'train-fold', images: 800, seconds: 1.5 });
    metrics.epochTrained({ job: 'train-fold', images: 800, seconds: 0.5 });
    expect(await value(metrics, 'atelier_training_epochs_total', { job: 'train-fold' })).toBe(2);
    expect(await value(metrics, 'atelier_training_images_total', { job: 'train-fold' })).toBe(1600);
    expect(await value(metrics, 'atelier_training_epoch_duration_seconds_sum', { job: 'train-fold' })).toBe(2);
    expect(await value(metrics, 'atelier_training_epoch_duration_seconds_count', { job: 'train-fold' })).toBe(2);
  });

  it('sorts failures into kinds', () => {
    expect(failureKind({ message: 'Unexpected exit code: null signal: SIGKILL' })).toBe('crash');
    expect(failureKind({ name: 'UnrecoverableError', message: 'invalid payload' })).toBe('unrecoverable');
    expect(failureKind({ name: 'Error', message: 'dataset missing' })).toBe('error');
  });

  it('counts the epochs its children report on its channel, and only valid ones', async () => {
    const metrics = createWorkerMetrics({ workerId: 'w1', concurrency: 1 });
    const subscriber = Object.assign(new EventEmitter(), {
      subscribe: jest.fn(() => Promise.resolve(1)),
      unsubscribe: jest.fn(() => Promise.resolve(0)),
    });
    const stop = await collectEpochReports(subscriber as unknown as Redis, 'p:worker-metrics:w1', metrics, quiet);
    expect(subscriber.subscribe).toHaveBeenCalledWith('p:worker-metrics:w1');
    subscriber.emit('message', 'p:worker-metrics:w1', JSON.stringify({ job: 'train-fold', images: 100, seconds: 0.2 }));
    subscriber.emit('message', 'p:worker-metrics:w2', JSON.stringify({ job: 'train-fold', images: 999, seconds: 0.2 }));
    subscriber.emit('message', 'p:worker-metrics:w1', JSON.stringify({ job: 'train-fold', images: -1 }));
    expect(await value(metrics, 'atelier_training_images_total', { job: 'train-fold' })).toBe(100);
    expect(warn).toHaveBeenCalledWith('dropped a malformed epoch report', expect.anything());
    await stop();
    expect(subscriber.unsubscribe).toHaveBeenCalled();
  });
});
