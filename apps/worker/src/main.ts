// Worker entry point: prepares the database, then trains folds from the training queue with
// WORKER_CONCURRENCY sandboxed child processes (one training per core) until SIGTERM/SIGINT.
import { ensureDatabase } from '@atelier/db/create-database';
import { migrate } from '@atelier/db/migrate';
import { Redis } from 'ioredis';
import { join } from 'node:path';
import { loadConfigOrExit } from './config';
import { startWorkerHttpServer, type WorkerHttpServer } from './infra/http-server';
import { waitForPostgres } from './infra/wait-for-postgres';
import { waitForRedis } from './infra/wait-for-redis';
import { ServiceUnreachableError } from './infra/wait-for-service';
import { createStalledJobRecorder } from './infra/stalled-jobs';
import { createPrismaClient } from '@atelier/db/client';
import { Job } from 'bullmq';
import { createProgressPublisher } from './progress/progress-publisher';
import { createLogger } from './infra/logger';
import { collectEpochReports, createWorkerMetrics, epochChannel } from './infra/metrics';
import { buildJobRegistry, JOB_DEFINITIONS } from './jobs/registry';
import { startTrainingWorker, warmTrainingChildren } from './worker';

async function main(): Promise<void> {
  const config = loadConfigOrExit();
  const logger = createLogger({ level: config.logLevel, workerId: config.workerId });
  // Refuse to start with a job kind that has no handler or two (the children check it again).
  buildJobRegistry(JOB_DEFINITIONS);

  // Without Redis the worker can take no job, without PostgreSQL it can record none: it waits for
  // both (side by side, the same bounded wait), and says which is missing and exits (status 1).
  await Promise.all([waitForRedis(config.redisUrl, config.startupTimeoutMs), waitForPostgres(config.databaseUrl, config.startupTimeoutMs)]);
  // Both the API and the worker may start first; the db package serializes migrations with
  // an advisory lock, so running them here too is safe.
  await ensureDatabase(config.databaseUrl);
  const applied = await migrate(config.databaseUrl, { log: (line) => logger.info(line) });
  if (applied.length > 0) logger.info('migrations applied', { count: applied.length });

  const metrics = createWorkerMetrics({ workerId: config.workerId, concurrency: config.concurrency });
  // The training children report their epochs on this worker's channel (see infra/metrics.ts).
  const subscriber = new Redis(config.redisUrl, {
    maxRetriesPerRequest: null,
    connectionName: `atelier-worker-metrics-${config.workerId}`,
  });
  subscriber.on('error', () => undefined); // the worker's own connection logs Redis trouble
  const stopCollecting = await collectEpochReports(subscriber, epochChannel(config.redisPrefix, config.workerId), metrics, logger);

  // The parent's own connections, for the note on a fold whose worker was lost (see infra/stalled-jobs.ts).
  const prisma = createPrismaClient(config.databaseUrl, { maxConnections: 1 });
  const events = new Redis(config.redisUrl, { maxRetriesPerRequest: 3, connectionName: `atelier-worker-events-${config.workerId}` });
  events.on('error', () => undefined); // the worker's own connection logs Redis trouble
  let recordStall: (jobId: string) => void = () => undefined;
  const processor = join(__dirname, 'sandbox.processor.js');
  const training = startTrainingWorker({
    config,
    logger,
    metrics,
    processor,
    // run() once every slot's child is up (below)
    autorun: false,
    onStalled: (jobId) => recordStall(jobId),
  });
  const stalls = createStalledJobRecorder({
    prisma,
    progress: createProgressPublisher(events, config.redisPrefix, logger),
    logger,
    loadJob: (jobId) => Job.fromId(training.worker, jobId),
    marginMs: (training.lock.duration - training.lock.renewEvery) / 2,
  });
  recordStall = (jobId) => void stalls.record(jobId);
  let stopping = false;
  let http: WorkerHttpServer | null = null;
  // Readiness pings on its own connection, failing fast (no offline queue) while Redis is away.
  const probe = new Redis(config.redisUrl, {
    maxRetriesPerRequest: 1,
    enableOfflineQueue: false,
    lazyConnect: config.metricsPort === undefined,
  });
  probe.on('error', () => undefined);
  if (config.metricsPort !== undefined) {
    http = await startWorkerHttpServer({
      host: config.metricsHost ?? '0.0.0.0',
      port: config.metricsPort,
      metrics,
      logger,
      readiness: async () => {
        const redis = await probe.ping().then(
          () => ({ ok: true }),
          (error: unknown) => ({ ok: false, error: (error as Error).message }),
        );
        const taking = training.worker.isRunning() && !stopping;
        return { ok: redis.ok && taking, redis, taking };
      },
    });
    logger.info('metrics and health endpoint listening', { url: `http://${config.metricsHost}:${http.port}/metrics` });
  }
  const warmStarted = Date.now();
  const warmed = await warmTrainingChildren(training.worker, processor, config.concurrency).catch((error: unknown) => {
    logger.warn('training children not started ahead; the first jobs start them', { error: (error as Error).message });
    return 0;
  });
  logger.info('training children started', { children: warmed, ms: Date.now() - warmStarted });
  training.worker.run().catch((error: unknown) => logger.error('worker stopped taking jobs', { error: (error as Error).message }));
  logger.info('worker started', {
    queue: training.worker.name,
    prefix: config.redisPrefix,
    concurrency: config.concurrency,
    backend: config.tfBackend ?? 'auto',
    datasetDirs: config.datasetDirs.join(':') || '(none)',
  });

  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info('shutting down: no new jobs; running folds stop at their next batch and are requeued', {
      signal,
      graceMs: config.shutdownGraceMs,
    });
    await training.close(config.shutdownGraceMs);
    await stopCollecting();
    subscriber.disconnect();
    probe.disconnect();
    events.disconnect();
    await prisma.$disconnect().catch(() => undefined);
    await http?.close();
    logger.info('worker stopped');
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

main().catch((error: unknown) => {
  // an unreachable dependency is the operator's to fix: its message says how, a stack would not help
  const detail = error instanceof ServiceUnreachableError ? error.message : ((error as Error).stack ?? String(error));
  console.error(`worker failed to start: ${detail}`);
  process.exit(1);
});
