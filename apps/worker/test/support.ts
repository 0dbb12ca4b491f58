import { epochCurvesOf, foldCurvePoints } from '@atelier/db';
import { createPrismaClient, type PrismaClient } from '@atelier/db/client';
import { createTestDatabase, dropRedisPrefix, uniqueRedisPrefix, type TestDatabase } from '@atelier/db/testing';
import {
  hyperparametersOf,
  JOB_NAMES,
  paramsOf,
  QUEUES,
  trainFoldJobId,
  type TArchitectureSpec,
  type TEpochMetric,
  type TValidationPlan,
} from '@atelier/domain';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { WorkerConfig } from '../src/config';
import { createLogger, type Logger } from '../src/infra/logger';

export const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
/** The shared datasets beside the repository (ENVIRONMENT.md), unless the run points elsewhere. */
export const DATASET_DIRS = (process.env.ATELIER_DATASET_DIR ?? resolve(__dirname, '../../../../shared/datasets')).split(':');

/** Dense only: trains on the wasm backend in well under a second per epoch on a few hundred images. */
export const TINY_DENSE: TArchitectureSpec = { kind: 'layers', layers: [{ type: 'flatten' }, { type: 'dense', units: 16 }] };

export interface Harness {
  db: TestDatabase;
  prisma: PrismaClient;
  prefix: string;
  redis: Redis;
  queue: Queue;
  config: WorkerConfig;
  logger: Logger;
  lines: string[];
  teardown(): Promise<void>;
}

/** One database and one Redis prefix per test file, both removed afterwards. */
export async function createHarness(label: string): Promise<Harness> {
  const db = await createTestDatabase(`atelier_worker_${label}`);
  const prisma = createPrismaClient(db.url);
  const prefix = uniqueRedisPrefix(`worker-${label}`);
  const redis = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
  const queue = new Queue(QUEUES.training, { connection: redis, prefix });
  const lines: string[] = [];
  const config: WorkerConfig = {
    databaseUrl: db.url,
    redisUrl: REDIS_URL,
    redisPrefix: prefix,
    concurrency: 1,
    preloadDatasets: [],
    datasetDirs: DATASET_DIRS,
    dataDir: join(tmpdir(), 'atelier-worker-test-data'),
    tfBackend: 'wasm',
    workerId: `test-${label}`,
    logLevel: 'debug',
    shutdownGraceMs: 10_000,
    startupTimeoutMs: 10_000,
  };
  const logger = createLogger({ level: 'debug', workerId: config.workerId, write: (line) => lines.push(line) });
  return {
    db,
    prisma,
    prefix,
    redis,
    queue,
    config,
    logger,
    lines,
    async teardown() {
      await queue.close();
      await redis.quit();
      await prisma.$disconnect();
      await dropRedisPrefix(REDIS_URL, prefix);
      await db.drop();
    },
  };
}

export interface SeededExperiment {
  experimentId: string;
  trials: { id: string; number: number; folds: { id: string; fold: number }[] }[];
}

/** An experiment with its trials and fold runs, as the API creates them (all 'queued'). */
export async function seedExperiment(
  prisma: PrismaClient,
  options: {
    trials: { learningRate: number; epochs: number; batchSize?: number; spec?: TArchitectureSpec }[];
    validation: TValidationPlan;
    trainingSlice: number;
    seed?: number;
  },
): Promise<SeededExperiment> {
  const project = await prisma.project.upsert({ where: { slug: 'test' }, create: { slug: 'test', name: 'Test' }, update: {} });
  const dataset = await prisma.dataset.upsert({
    where: { key: 'fashion-mnist' },
    create: {
      key: 'fashion-mnist',
      name: 'Fashion-MNIST',
      kind: 'builtin',
      format: 'idx',
      classNames: ['T-shirt/top', 'Trouser', 'Pullover', 'Dress', 'Coat', 'Sandal', 'Shirt', 'Sneaker', 'Bag', 'Ankle boot'],
      trainSize: 60_000,
      testSize: 10_000,
      imageShape: [28, 28, 1],
    },
    update: {},
  });
  const foldCount = options.validation.kind === 'kfold' ? options.validation.folds : 1;
  const seed = options.seed ?? 7;
  // one architecture per trial, under keys no other seeded experiment uses
  const suffix = randomUUID().slice(0, 8);
  const architectureKey = (index: number) => `tiny-${suffix}-${index}`;
  return prisma.$transaction(async (tx) => {
    const experiment = await tx.experiment.create({
      data: {
        projectId: project.id,
        datasetId: dataset.id,
        name: `worker test ${Date.now()}`,
        strategy: { kind: 'grid' },
        // the grid the trials are points of (architectures are made per trial below)
        space: {
          architecture: options.trials.map((_, index) => architectureKey(index)),
          batchSize: [...new Set(options.trials.map((trial) => trial.batchSize ?? 32))],
          epochs: [...new Set(options.trials.map((trial) => trial.epochs))],
          activation: ['relu'],
          optimizer: ['adam'],
          learningRate: [...new Set(options.trials.map((trial) => trial.learningRate))],
          momentum: [0],
        },
        validation: options.validation,
        trainingSlice: options.trainingSlice,
        seed,
        trialCount: options.trials.length,
      },
    });
    const trials: SeededExperiment['trials'] = [];
    for (const [index, trial] of options.trials.entries()) {
      const architecture = await tx.architecture.create({
        data: { projectId: project.id, key: architectureKey(index), name: 'Tiny', spec: trial.spec ?? TINY_DENSE },
      });
      const hyperparameters = hyperparametersOf({
        architecture: architecture.key,
        batchSize: trial.batchSize ?? 32,
        epochs: trial.epochs,
        activation: 'relu',
        optimizer: 'adam',
        learningRate: trial.learningRate,
        momentum: 0,
      });
      const created = await tx.run.create({
        data: {
          experimentId: experiment.id,
          architectureId: architecture.id,
          number: index + 1,
          params: paramsOf(hyperparameters),
          foldRuns: { create: Array.from({ length: foldCount }, (_, fold) => ({ fold })) },
        },
        include: { foldRuns: true },
      });
      trials.push({ id: created.id, number: created.number, folds: created.foldRuns.map((f) => ({ id: f.id, fold: f.fold })) });
    }
    return { experimentId: experiment.id, trials };
  });
}

/** Enqueues one job per trial × fold exactly like the API (ids, attempts, priority). */
export async function enqueueFolds(queue: Queue, seeded: SeededExperiment, priority = 10): Promise<void> {
  await queue.addBulk(
    seeded.trials.flatMap((trial) =>
      trial.folds.map(({ fold }) => {
        const data = { experimentId: seeded.experimentId, trialId: trial.id, trialNumber: trial.number, fold };
        return {
          name: JOB_NAMES.trainFold,
          data,
          opts: { jobId: trainFoldJobId(data), priority, attempts: 3, backoff: { type: 'exponential', delay: 1_000 } },
        };
      }),
    ),
  );
}

export async function waitFor<T>(what: string, probe: () => Promise<T | null | undefined | false>, timeoutMs = 120_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Collects the progress events published for one experiment. */
export async function collectEvents(
  redisUrl: string,
  channel: string,
): Promise<{ events: Record<string, unknown>[]; close(): Promise<void> }> {
  const subscriber = new Redis(redisUrl);
  const events: Record<string, unknown>[] = [];
  // each message is a TProgressEnvelope: the event, with its id in the replay stream
  subscriber.on('message', (_channel: string, message: string) =>
    events.push((JSON.parse(message) as { event: Record<string, unknown> }).event),
  );
  await subscriber.subscribe(channel);
  return {
    events,
    close: async () => {
      await subscriber.quit();
    },
  };
}

/** A fold's epoch records as the API shows them, read back from the metric series. */
export async function foldEpochs(prisma: PrismaClient, runId: string, fold: number): Promise<TEpochMetric[]> {
  return (
    epochCurvesOf(await foldCurvePoints(prisma, [runId]))
      .get(runId)
      ?.get(fold) ?? []
  );
}
