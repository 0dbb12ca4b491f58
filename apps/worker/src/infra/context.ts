import { createPrismaClient, type PrismaClient } from '@atelier/db/client';
import type { LabeledDataset } from '@atelier/ml/data/types';
import { Redis } from 'ioredis';
import type { WorkerConfig } from '../config';
import { createDatasetCache, type DatasetCache } from '../training/dataset-cache';
import { createLogger, type Logger } from './logger';
import { createEpochReporter, epochChannel, type EpochReporter } from './metrics';
import { createTrainingQueue, type TrainingQueue } from './training-queue';
import { createProgressPublisher, type ProgressPublisher } from '../progress/progress-publisher';

/**
 * Everything a job handler needs, created once per process: in a sandboxed child the first
 * job creates it and later jobs reuse it (and its dataset cache).
 */
export interface WorkerContext {
  config: WorkerConfig;
  prisma: PrismaClient;
  /** Plain command connection: publishes progress and reads cancellation keys. */
  redis: Redis;
  logger: Logger;
  datasets: DatasetCache;
  progress: ProgressPublisher;
  /** Adds the jobs finishing work creates: ASHA promotions and refits. */
  queue: TrainingQueue;
  /** Reports each trained epoch to the worker process that serves /metrics. */
  trainingMetrics: EpochReporter;
}

export interface WorkerContextOverrides {
  logger?: Logger;
  loadDataset?: (key: string) => Promise<LabeledDataset>;
  trainingMetrics?: EpochReporter;
}

export function createWorkerContext(config: WorkerConfig, overrides: WorkerContextOverrides = {}): WorkerContext {
  const logger = overrides.logger ?? createLogger({ level: config.logLevel, workerId: config.workerId });
  // A training job holds at most a couple of connections at once; keep each child's pool small
  // so N children × pool size stays well under Postgres' max_connections.
  const prisma = createPrismaClient(config.databaseUrl, { maxConnections: 3 });
  const redis = new Redis(config.redisUrl, { maxRetriesPerRequest: 3, lazyConnect: false });
  redis.on('error', (error: Error) => logger.warn('redis connection error', { error: error.message }));
  return {
    config,
    prisma,
    redis,
    logger,
    datasets: createDatasetCache({ directories: config.datasetDirs, dataDir: config.dataDir, logger, load: overrides.loadDataset }),
    progress: createProgressPublisher(redis, config.redisPrefix, logger),
    queue: createTrainingQueue(redis, config.redisPrefix),
    trainingMetrics:
      overrides.trainingMetrics ??
      createEpochReporter(redis, config.parentWorkerId ? epochChannel(config.redisPrefix, config.parentWorkerId) : null, logger),
  };
}

export async function closeWorkerContext(context: WorkerContext): Promise<void> {
  await context.queue.close().catch(() => undefined);
  await Promise.allSettled([context.prisma.$disconnect(), context.redis.quit()]);
}
