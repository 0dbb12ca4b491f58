import { AsyncLocalStorage } from 'node:async_hooks';
import pino, { type DestinationStream } from 'pino';
import type { TLogLevel } from '../config';

export interface Logger {
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

/** What every line logged while a job runs carries: the job, and the API request that queued it. */
export interface JobLogContext {
  jobId: string;
  jobName: string;
  requestId?: string;
}

const jobContext = new AsyncLocalStorage<JobLogContext>();

/** Runs `fn` (a job's handler) so that its log lines, and the jobs it adds, name the job and its request. */
export function runInJobContext<T>(context: JobLogContext, fn: () => T): T {
  return jobContext.run(context, fn);
}

export function currentJobContext(): JobLogContext | undefined {
  return jobContext.getStore();
}

/**
 * Keys never written out, wherever they appear in a line's fields: connection strings carry
 * passwords, and tokens are credentials.
 */
export const REDACTED_PATHS = ['password', 'token', 'authorization', 'cookie', 'databaseUrl', 'redisUrl', 'secret'].flatMap((key) => [
  key,
  `*.${key}`,
]);

/**
 * Structured JSON lines (pino): ISO time, level label, service, worker id, message, fields,
 * and the running job's id, name and request id. `write` captures the lines (tests).
 */
export function createLogger(options: { level: TLogLevel; workerId: string; write?: (line: string) => void }): Logger {
  const { write } = options;
  const destination: DestinationStream | undefined = write
    ? { write: (line: string) => write(line.endsWith('\n') ? line.slice(0, -1) : line) }
    : undefined;
  const logger = pino(
    {
      level: options.level,
      base: { service: 'atelier-worker', worker: options.workerId, pid: process.pid },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
      mixin: () => {
        const job = jobContext.getStore();
        return job ? { jobId: job.jobId, jobName: job.jobName, ...(job.requestId ? { requestId: job.requestId } : {}) } : {};
      },
    },
    destination ?? pino.destination({ dest: 1, sync: true }),
  );
  const log = (level: TLogLevel) => (message: string, fields?: Record<string, unknown>) => {
    if (fields) logger[level](fields, message);
    else logger[level](message);
  };
  return { debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') };
}
