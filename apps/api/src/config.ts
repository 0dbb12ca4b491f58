import { z } from 'zod';

/** Environment variables are strings; an empty one counts as unset. */
const optionalString = z.preprocess((value) => (value === '' ? undefined : value), z.string().optional());

const ZUrl = (protocols: string[], what: string) =>
  z
    .string()
    .refine((value) => {
      try {
        return protocols.includes(new URL(value).protocol);
      } catch {
        return false;
      }
    }, `must be a ${what} URL (${protocols.map((p) => `${p}//…`).join(' or ')})`);

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
  ATELIER_RUN_LOST_AFTER_SECONDS: z.coerce
    .number()
    .int()
    .min(1)
    .max(30 * 24 * 3600)
    .default(300)
    .describe('A running run logged from code that sends nothing for this long is shown as lost'),
  DATASET_UPLOAD_MAX_MB: z.coerce.number().int().min(1).max(10_000).default(300).describe('Largest file POST /datasets/import accepts, in MiB'),
  CORS_ORIGIN: optionalString,
  LOG_LEVEL: z
    .enum(['debug', 'info', 'warn', 'error', 'silent'], { error: 'LOG_LEVEL must be one of debug, info, warn, error, silent' })
    .default('info'),
});
export type TApiConfig = z.output<typeof ZApiConfig>;

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/** Parses the environment; throws a ConfigError naming every bad variable. */
export function parseConfig(env: Record<string, string | undefined>): TApiConfig {
  const result = ZApiConfig.safeParse(env);
  if (result.success) return result.data;
  const lines = result.error.issues.map((issue) => `  ${issue.path.join('.') || '(environment)'}: ${issue.message}`);
  throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
}

/** The directories searched for dataset files, in order. */
export function datasetDirs(config: TApiConfig): string[] {
  return (config.ATELIER_DATASET_DIR ?? '').split(':').filter(Boolean);
}
