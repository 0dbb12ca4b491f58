// Worker entry point: prepares the database, then trains folds from the training queue with
// WORKER_CONCURRENCY sandboxed child processes (one training per core) until SIGTERM/SIGINT.
import { ensureDatabase } from '@atelier/db/create-database';
import { migrate } from '@atelier/db/migrate';
import { join } from 'node:path';
import { loadConfigOrExit } from './config';
import { createLogger } from './infra/logger';
import { buildJobRegistry, JOB_DEFINITIONS } from './jobs/registry';
import { startTrainingWorker } from './worker';

async function main(): Promise<void> {
  const config = loadConfigOrExit();
  const logger = createLogger({ level: config.logLevel, workerId: config.workerId });
  // Refuse to start with a job kind that has no handler or two (the children check it again).
  buildJobRegistry(JOB_DEFINITIONS);

  // Both the API and the worker may start first; the db package serializes migrations with
  // an advisory lock, so running them here too is safe.
  await ensureDatabase(config.databaseUrl);
  const applied = await migrate(config.databaseUrl, { log: (line) => logger.info(line) });
  if (applied.length > 0) logger.info('migrations applied', { count: applied.length });

  const training = startTrainingWorker({ config, logger, processor: join(__dirname, 'sandbox.processor.js') });
  logger.info('worker started', {
    queue: training.worker.name,
    prefix: config.redisPrefix,
    concurrency: config.concurrency,
    backend: config.tfBackend ?? 'auto',
    datasetDirs: config.datasetDirs.join(':') || '(none)',
  });

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info('shutting down: no new jobs; running folds stop at their next batch and are requeued', {
      signal,
      graceMs: config.shutdownGraceMs,
    });
    await training.close(config.shutdownGraceMs);
    logger.info('worker stopped');
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

main().catch((error: unknown) => {
  console.error(`worker failed to start: ${(error as Error).stack ?? String(error)}`);
  process.exit(1);
});
