import { hostname, availableParallelism } from 'node:os';
import { z } from 'zod';

const LOG_LEVELS = ['debug', 'info', 'warn', 'error'] as const;
export type TLogLevel = (typeof LOG_LEVELS)[number];

const positiveInt = (name: string) =>
  z.coerce
    .number({ error: `${name} must be a number` })
    .int(`${name} must be a whole number`)
    .positive(`${name} must be positive`);

const milliseconds = (name: string, min: number) =>
  z.coerce
    .number({ error: `${name} must be a number of milliseconds` })
    .int(`${name} must be a whole number of milliseconds`)
    .min(min, `${name} must be at least ${min} (milliseconds)`)
    .max(3_600_000, `${name} must be at most 3600000 (one hour)`);

/**
 * The worker's whole configuration, parsed once from the environment. This is the only
 * module that reads process.env (sandboxed children parse it again from the same variables).
 */
export const ZWorkerEnv = z.object({
  DATABASE_URL: z
    .string({ error: 'DATABASE_URL is required, e.g. postgresql://postgres@127.0.0.1:5432/atelier' })
    .regex(/^postgres(ql)?:\/\//, 'DATABASE_URL must start with postgresql://'),
  REDIS_URL: z
    .string({ error: 'REDIS_URL is required, e.g. redis://127.0.0.1:6379' })
    .regex(/^rediss?:\/\//, 'REDIS_URL must start with redis:// or rediss://'),
  REDIS_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9_.-]+$/, 'REDIS_PREFIX may only hold letters, digits, dots, dashes and underscores')
    .default('atelier'),
  // One training per core: the wasm backend is single-threaded, so more would only time-slice.
  WORKER_CONCURRENCY: positiveInt('WORKER_CONCURRENCY').max(256, 'WORKER_CONCURRENCY must be at most 256').optional(),
  ATELIER_DATASET_DIR: z.string().optional(),
  // Loaded by each training child as it starts, before its first fold asks: the first point of a
  // search comes sooner. A comma-separated list of dataset keys; "none" loads nothing up front.
  WORKER_PRELOAD_DATASETS: z
    .string()
    .regex(
      /^(none|[a-z0-9][a-z0-9-]*(,[a-z0-9][a-z0-9-]*)*)$/,
      'WORKER_PRELOAD_DATASETS is a comma-separated list of dataset keys, or none',
    )
    .default('fashion-mnist'),
  ATELIER_DATA_DIR: z.string().min(1).default('./data'),
  ATELIER_TF_BACKEND: z
    .enum(['tensorflow', 'wasm', 'cpu'], { error: "ATELIER_TF_BACKEND must be 'tensorflow', 'wasm' or 'cpu'" })
    .optional(),
  WORKER_ID: z.string().min(1).optional(),
  LOG_LEVEL: z.enum(LOG_LEVELS, { error: `LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}` }).default('info'),
  WORKER_SHUTDOWN_GRACE_MS: z.coerce.number().int().min(0).default(30_000),
  // How long a starting worker waits for Redis before it says so and exits 1 (instead of
  // logging "started" and then retrying forever).
  WORKER_STARTUP_TIMEOUT_MS: milliseconds('WORKER_STARTUP_TIMEOUT_MS', 1_000).default(30_000),
  // Unset: TRAINING_WORKER_SETTINGS in worker.ts (6 s and 3 s). Tests shorten them so a killed
  // worker's fold is recovered in seconds; under a second a busy parent could lose live locks.
  WORKER_LOCK_DURATION_MS: milliseconds('WORKER_LOCK_DURATION_MS', 1_000).optional(),
  WORKER_STALLED_INTERVAL_MS: milliseconds('WORKER_STALLED_INTERVAL_MS', 1_000).optional(),
  // Unset: no endpoint (several workers on one host would fight over a port); images and the
  // cluster recipe set 9464. 0 picks a free port (logged).
  WORKER_METRICS_PORT: z.coerce
    .number({ error: 'WORKER_METRICS_PORT must be a port number' })
    .int('WORKER_METRICS_PORT must be a whole number')
    .min(0, 'WORKER_METRICS_PORT must be between 0 and 65535')
    .max(65535, 'WORKER_METRICS_PORT must be between 0 and 65535')
    .optional(),
  WORKER_METRICS_HOST: z.string().min(1).default('0.0.0.0'),
});

export interface WorkerConfig {
  databaseUrl: string;
  redisUrl: string;
  redisPrefix: string;
  concurrency: number;
  /** Directories searched for builtin datasets' files, in order. */
  datasetDirs: string[];
  /** Dataset keys each training child loads as it starts (WORKER_PRELOAD_DATASETS). */
  preloadDatasets: string[];
  dataDir: string;
  tfBackend: 'tensorflow' | 'wasm' | 'cpu' | undefined;
  workerId: string;
  logLevel: TLogLevel;
  /** How long a shutdown waits for running folds to reach a batch boundary before forcing. */
  shutdownGraceMs: number;
  startupTimeoutMs: number;
  /** Job lock lifetime without renewal (the parent renews every quarter of it); undefined: the default. */
  lockDurationMs?: number;
  /** How often the worker looks for expired locks (a dead worker's folds); undefined: the default. */
  stalledIntervalMs?: number;
  /** Port of GET /metrics, /health and /health/live; undefined: not served. */
  metricsPort?: number;
  metricsHost?: string;
  /** In a sandboxed child: the id of the worker process that forked it (it counts the child's epochs). */
  parentWorkerId?: string;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/**
 * `child`: parsing in a sandboxed child process, whose folds should name the process that
 * trained them: `<worker id>/<child pid>`, the worker id defaulting to the parent's host-pid.
 */
export function parseConfig(env: Record<string, string | undefined>, options: { child?: boolean } = {}): WorkerConfig {
  // Empty strings come from `VAR=` in env files: treat them as unset so defaults apply.
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''));
  const parsed = ZWorkerEnv.safeParse(cleaned);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  - ${issue.path.join('.') || 'environment'}: ${issue.message}`);
    throw new ConfigError(`Invalid worker configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const parentWorkerId = e.WORKER_ID ?? `${hostname()}-${process.ppid}`;
  return {
    databaseUrl: e.DATABASE_URL,
    redisUrl: e.REDIS_URL,
    redisPrefix: e.REDIS_PREFIX,
    concurrency: e.WORKER_CONCURRENCY ?? availableParallelism(),
    datasetDirs: (e.ATELIER_DATASET_DIR ?? '').split(':').filter((dir) => dir.length > 0),
    preloadDatasets: e.WORKER_PRELOAD_DATASETS === 'none' ? [] : e.WORKER_PRELOAD_DATASETS.split(','),
    dataDir: e.ATELIER_DATA_DIR,
    tfBackend: e.ATELIER_TF_BACKEND,
    workerId: options.child ? `${parentWorkerId}/${process.pid}` : (e.WORKER_ID ?? `${hostname()}-${process.pid}`),
    logLevel: e.LOG_LEVEL,
    shutdownGraceMs: e.WORKER_SHUTDOWN_GRACE_MS,
    startupTimeoutMs: e.WORKER_STARTUP_TIMEOUT_MS,
    lockDurationMs: e.WORKER_LOCK_DURATION_MS,
    stalledIntervalMs: e.WORKER_STALLED_INTERVAL_MS,
    metricsPort: e.WORKER_METRICS_PORT,
    metricsHost: e.WORKER_METRICS_HOST,
    parentWorkerId: options.child ? parentWorkerId : undefined,
  };
}

/** Parses process.env; on invalid input prints what to fix and exits with status 1. */
export function loadConfigOrExit(options: { child?: boolean } = {}): WorkerConfig {
  try {
    return parseConfig(process.env, options);
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
}
