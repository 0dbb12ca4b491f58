// Entry point of each sandboxed child process (BullMQ forks it; see worker.ts). One child runs
// one fold at a time, keeps TensorFlow.js, the datasets and its connections between jobs.
import type { SandboxedJob } from 'bullmq';
import { loadConfigOrExit } from './config';
import { createWorkerContext, type WorkerContext } from './infra/context';
import { processJob, toJobHandle } from './jobs/process-job';
import { buildJobRegistry, JOB_DEFINITIONS } from './jobs/registry';
import { warmUpFoldQueries } from './jobs/train-fold.job';
import { ensureBackend } from './training/backend';
import { warmUpTraining } from '@atelier/ml/training/warm-up';

const registry = buildJobRegistry(JOB_DEFINITIONS);

/**
 * Started when BullMQ loads this file into a new child, which the worker does for every slot at
 * start (warmTrainingChildren in worker.ts): the connections, TF.js's backend and the preloaded
 * datasets are ready before the first fold, not paid by it. A failure here is only logged: the
 * fold that needs the piece tries again and fails with the message.
 */
const ready: Promise<WorkerContext> = (async () => {
  const context = createWorkerContext(loadConfigOrExit({ child: true }));
  const started = Date.now();
  // The first query also loads Prisma's query compiler and opens the pool: half a second otherwise.
  await Promise.all([context.prisma.$queryRaw`SELECT 1`, context.redis.ping()]).catch((error: unknown) =>
    context.logger.warn('database or Redis not reached at start', { error: (error as Error).message }),
  );
  await ensureBackend(context.config.tfBackend).catch((error: unknown) =>
    context.logger.warn('backend not ready at start', { error: (error as Error).message }),
  );
  for (const key of context.config.preloadDatasets) {
    await context.datasets
      .get(key)
      .catch((error: unknown) => context.logger.warn('dataset not preloaded', { dataset: key, error: (error as Error).message }));
  }
  // The first fold's first epoch is the first point a user waits for: not on cold code (warm-up.ts).
  const warmStarted = Date.now();
  // the preloaded dataset's image shape (already in memory), else the zoo's 28×28 grey
  const preloaded = context.config.preloadDatasets[0];
  const shape = preloaded
    ? await context.datasets
        .get(preloaded)
        .then((dataset) => ({ ...dataset.train, numClasses: dataset.classNames.length }))
        .catch(() => null)
    : null;
  // seconds of the warm-up training, null when it failed (logged; the first fold then runs cold)
  const trainingWarmUp = await Promise.all([
    warmUpFoldQueries(context),
    warmUpTraining(shape ? { height: shape.height, width: shape.width, channels: shape.channels, numClasses: shape.numClasses } : {}),
  ]).then(
    ([, seconds]) => seconds,
    (error: unknown) => {
      context.logger.warn('training not warmed up', { error: (error as Error).message });
      return null;
    },
  );
  context.logger.info('training child ready', {
    pid: process.pid,
    startupMs: Math.round(process.uptime() * 1000),
    warmUpMs: Date.now() - started,
    trainingWarmUpMs: trainingWarmUp === null ? null : Date.now() - warmStarted,
    preloaded: context.config.preloadDatasets,
  });
  return context;
})();

// Ctrl-C reaches the whole process group, children included. BullMQ's child wrapper then waits
// for the running job before exiting; abort it so the fold stops at its next batch and is
// requeued (the parent sends the same abort through the job's signal when it shuts down).
let shutdown: AbortController | null = null;
const onSignal = () => shutdown?.abort('shutdown');
process.on('SIGTERM', onSignal);
process.on('SIGINT', onSignal);
// The parent is gone (crashed, or gave up after its grace period): nobody renews this job's lock
// any more, so training on would only duplicate the work of the worker that recovers the job.
process.on('disconnect', () => process.exit(0));

export default async function sandboxedProcessor(job: SandboxedJob, token?: string, signal?: AbortSignal): Promise<unknown> {
  const context = await ready;
  shutdown = new AbortController();
  const combined = signal ? AbortSignal.any([signal, shutdown.signal]) : shutdown.signal;
  try {
    return await processJob(registry, context, job.name, job.data, toJobHandle(job as never, token, combined));
  } finally {
    shutdown = null;
  }
}
