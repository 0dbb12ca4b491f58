import path from 'node:path';
import { z } from 'zod';

/** Environment variables are strings; an empty one counts as unset. */
const optionalString = z.preprocess((value) => (value === '' ? undefined : value), z.string().optional());

const ZUrl = (protocols: string[], what: string) =>
  z.string().refine(
    (value) => {
      try {
        return protocols.includes(new URL(value).protocol);
      } catch {
        return false;
      }
    },
    `must be a ${what} URL (${protocols.map((p) => `${p}//…`).join(' or ')})`,
  );

/** One origin as a browser sends it in `Origin`: scheme, host and port, nothing after. */
function originError(entry: string): string | null {
  let url: URL;
  try {
    url = new URL(entry);
  } catch {
    return `'${entry}' is not an origin (write it as http://host:port)`;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return `'${entry}' is not an http:// or https:// origin`;
  if (url.origin !== entry.replace(/\/$/, ''))
    return `'${entry}' has a path, query or user: an origin is scheme://host[:port] only (${url.origin})`;
  return null;
}

/** A comma-separated list of origins, spaces and empty entries ignored; unset or empty: none. */
const ZOriginList = z
  .string()
  .optional()
  .transform((value, ctx) => {
    const entries = (value ?? '')
      .split(',')
      .map((entry) => entry.trim())
      .filter(Boolean);
    for (const entry of entries) {
      const problem = originError(entry);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    }
    return [...new Set(entries.map((entry) => entry.replace(/\/$/, '')))];
  });

/** Every setting the API reads, parsed once at start-up; nothing else touches process.env. */
export const ZApiConfig = z.object({
  DATABASE_URL: ZUrl(['postgresql:', 'postgres:'], 'PostgreSQL').default('postgresql://postgres@127.0.0.1:5432/atelier'),
  REDIS_URL: ZUrl(['redis:', 'rediss:'], 'Redis').default('redis://127.0.0.1:6379'),
  REDIS_PREFIX: z
    .string()
    .min(1)
    .regex(/^[A-Za-z0-9:_.-]+$/, 'may hold only letters, digits and : _ . -')
    .default('atelier')
    .describe('BullMQ key prefix and prefix of the pub/sub channels and cancel flags'),
  API_PORT: z.coerce.number().int().min(0).max(65535).default(3001),
  API_HOST: z.string().min(1).default('0.0.0.0'),
  ATELIER_DATA_DIR: z.string().min(1).default('./data'),
  ATELIER_DATASET_DIR: optionalString.describe('`:`-separated directories holding fashion-mnist/ and mnist/'),
  MAX_TRIALS: z.coerce.number().int().min(1).max(100_000).default(500),
  MAX_TOTAL_EPOCHS: z.coerce
    .number()
    .int()
    .min(1)
    .default(100_000)
    .describe('Largest number of epochs (summed over every trial and fold) one search may plan'),
  ATELIER_MAX_MODEL_PARAMS: z.coerce
    .number()
    .int()
    .min(1)
    // architecture.parameter_count is a 32-bit column: a cap above it could not be stored
    .max(2_147_483_647)
    .default(50_000_000)
    .describe('Most parameters an architecture may have for the images it trains on (POST /architectures, POST /experiments)'),
  ATELIER_MAX_TRAINING_MEMORY_MB: z.coerce
    .number()
    .int()
    .min(1)
    .max(1_048_576)
    .default(4_096)
    .describe('Most memory (MiB) one training may need by estimate: weights, gradients, optimizer state and a batch of activations'),
  ATELIER_RUN_LOST_AFTER_SECONDS: z.coerce
    .number()
    .int()
    .min(1)
    .max(30 * 24 * 3600)
    .default(300)
    .describe('A running run logged from code that sends nothing for this long is shown as lost'),
  ATELIER_RUN_LIST_COUNT_LIMIT: z.coerce
    .number()
    .int()
    .min(1)
    .max(100_000_000)
    .default(10_000)
    .describe(
      'GET /runs counts the matching runs up to this many; beyond it the total is this number and totalIsLowerBound is true (a count of a million runs would cost seconds)',
    ),
  ATELIER_RUN_LIST_COUNT_MS: z.coerce
    .number()
    .int()
    .min(1)
    .max(600_000)
    .default(50)
    .describe(
      'Longest GET /runs spends counting (beside reading the page): a count that takes longer is stopped, and the total is then the runs listed up to this page, totalIsLowerBound true',
    ),
  ATELIER_RUN_LIST_WALK_MS: z.coerce
    .number()
    .int()
    .min(0)
    .max(600_000)
    .default(150)
    .describe(
      'Longest GET /runs walks one phase of its sort in index order; a walk that takes longer (its matches sit late in that order) is stopped and the phase read by its filter and sorted instead. 0: always the latter',
    ),
  DATASET_UPLOAD_MAX_MB: z.coerce
    .number()
    .int()
    .min(1)
    .max(10_000)
    .default(300)
    .describe('Largest file POST /datasets/import accepts, in MiB'),
  ATELIER_MAX_IMPORT_INFLATED_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .default(512 * 1024 ** 2)
    .describe(
      'Largest content one imported file may have once decompressed, in bytes (a 400 above it: gzip bombs). CSV is parsed as it streams; an IDX file is held whole, up to this',
    ),
  ATELIER_MAX_CONCURRENT_IMPORTS: z.coerce
    .number()
    .int()
    .min(1)
    .max(64)
    .default(2)
    .describe('Dataset imports one API process runs at once; beyond it POST /datasets/import answers 429 with Retry-After'),
  ATELIER_ARTIFACT_DIR: optionalString.describe(
    'Where files logged to runs are stored; default: ATELIER_DATA_DIR/artifacts. Shared by every API instance',
  ),
  ATELIER_ARTIFACT_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(1)
    .default(1024 ** 3)
    .describe('Largest file POST /runs/:id/artifacts accepts, in bytes (413 above it)'),
  ATELIER_MODEL_UPLOAD_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(1024 ** 3)
    .default(256 * 1024 ** 2)
    .describe(
      'Largest model POST /runs/:id/model accepts (model.json + weights), in bytes: it is held in memory and stored in PostgreSQL like a refit model',
    ),
  ATELIER_TRASH_RETENTION_DAYS: z.coerce
    .number()
    .int()
    .min(1)
    .max(3650)
    .default(30)
    .describe('Experiments and runs deleted (to the trash) longer ago than this many days are purged, rows and files, by an hourly sweep'),
  ATELIER_CORS_ORIGINS: ZOriginList.describe(
    'Comma-separated origins (scheme://host[:port]) whose pages may call the API from a browser (a page logging through @atelier/sdk); default none. The web app needs none: it proxies /api server-side',
  ),
  ATELIER_RECONCILE_INTERVAL_MS: z.coerce
    .number()
    .int()
    .min(1_000)
    .max(24 * 3600 * 1000)
    .default(60_000)
    .describe(
      'How often the API re-queues the folds queued in the database but missing from Redis (a crash between saving a search and queueing it); also once at start-up',
    ),
  ATELIER_FAULT_AFTER_SAVE: z
    .preprocess((value) => (value === '' ? undefined : value), z.enum(['hang', 'exit']).optional())
    .describe(
      "Test hook, never set in production: POST /experiments stops right after saving, before queueing ('exit' kills the process, 'hang' never answers), as a crash would",
    ),
  ATELIER_ADMIN_EMAIL: optionalString
    .pipe(z.email({ error: 'must be an email address' }).optional())
    .describe('With ATELIER_ADMIN_PASSWORD: the first admin, created at boot while no user exists'),
  ATELIER_ADMIN_PASSWORD: optionalString
    .pipe(z.string().min(10, { error: 'must be at least 10 characters' }).optional())
    .describe("The first admin's password (only read while no user exists)"),
  ATELIER_ADMIN_TOKEN: optionalString
    .pipe(
      z
        .string()
        .regex(/^atl_[A-Za-z0-9_-]{20,}$/, { error: 'must start with atl_ and be at least 24 characters of letters, digits, _ and -' })
        .optional(),
    )
    .describe('An instance-wide write token of the first admin with this value, kept at every boot (automation, CI)'),
  ATELIER_COOKIE_SECURE: z
    .enum(['true', 'false'], { error: 'must be true or false' })
    .default('false')
    .transform((value) => value === 'true')
    .describe('Mark the session cookie Secure even when the request arrives over plain http (behind a TLS proxy)'),
  ATELIER_SESSION_DAYS: z.coerce.number().int().min(1).max(365).default(30).describe('How long a sign-in lasts'),
  ATELIER_AUDIT_RETENTION_DAYS: z.coerce
    .number()
    .int()
    .min(0)
    .max(36_500)
    .default(365)
    .describe('Audit events older than this many days are deleted by an hourly sweep; 0 keeps every event'),
  ATELIER_SIGNIN_LIMIT_PER_EMAIL: z.coerce
    .number()
    .int()
    .min(1)
    .default(10)
    .describe('Sign-in attempts per email address per 15 minutes (then 429 with Retry-After)'),
  ATELIER_SIGNIN_LIMIT_PER_IP: z.coerce.number().int().min(1).default(50).describe('Sign-in attempts per client address per 15 minutes'),
  LOG_LEVEL: z
    .enum(['debug', 'info', 'warn', 'error', 'silent'], { error: 'LOG_LEVEL must be one of debug, info, warn, error, silent' })
    .default('info'),
});
export type TApiConfig = z.output<typeof ZApiConfig>;

/** The variables that must be set together. */
const ZApiConfigChecked = ZApiConfig.superRefine((config, ctx) => {
  if ((config.ATELIER_ADMIN_EMAIL === undefined) !== (config.ATELIER_ADMIN_PASSWORD === undefined)) {
    ctx.addIssue({
      code: 'custom',
      path: ['ATELIER_ADMIN_PASSWORD'],
      message: 'set ATELIER_ADMIN_EMAIL and ATELIER_ADMIN_PASSWORD together',
    });
  }
  if (config.ATELIER_ADMIN_TOKEN !== undefined && config.ATELIER_ADMIN_EMAIL === undefined) {
    ctx.addIssue({ code: 'custom', path: ['ATELIER_ADMIN_TOKEN'], message: 'needs ATELIER_ADMIN_EMAIL: the token belongs to that admin' });
  }
});

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/** Parses the environment; throws a ConfigError naming every bad variable. */
export function parseConfig(env: Record<string, string | undefined>): TApiConfig {
  const result = ZApiConfigChecked.safeParse(env);
  if (result.success) return result.data;
  const lines = result.error.issues.map((issue) => `  ${issue.path.join('.') || '(environment)'}: ${issue.message}`);
  throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
}

/** The directories searched for dataset files, in order. */
export function datasetDirs(config: TApiConfig): string[] {
  return (config.ATELIER_DATASET_DIR ?? '').split(':').filter(Boolean);
}

/** The artifact store's root: ATELIER_ARTIFACT_DIR, or `artifacts/` beside the imported datasets. */
export function artifactDir(config: TApiConfig): string {
  return path.resolve(config.ATELIER_ARTIFACT_DIR ?? path.join(config.ATELIER_DATA_DIR, 'artifacts'));
}
