import type { TJobName } from '@atelier/domain';
import { UnrecoverableError } from 'bullmq';
import type { WorkerContext } from '../infra/context';
import { runInJobContext } from '../infra/logger';
import type { JobHandle } from './job-definition';
import type { JobRegistry } from './registry';

/**
 * Dispatches one job to its handler after validating the payload with the job's schema. An
 * invalid payload or an unknown job name can never succeed, so it fails without retries.
 */
export async function processJob(
  registry: JobRegistry,
  context: WorkerContext,
  name: string,
  data: unknown,
  handle: JobHandle,
): Promise<unknown> {
  const definition = registry.get(name as TJobName);
  if (!definition) throw new UnrecoverableError(`no handler for job "${name}"`);
  const parsed = definition.schema.safeParse(data);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((issue) => `${issue.path.join('.') || 'payload'}: ${issue.message}`).join('; ');
    throw new UnrecoverableError(`invalid payload for job "${name}": ${issues}`);
  }
  const requestId = (parsed.data as { requestId?: string }).requestId;
  return runInJobContext({ jobId: handle.id, jobName: name, requestId }, () => definition.handle(parsed.data, handle, context));
}

/** The job-handle view of a BullMQ `Job` or `SandboxedJob` (both carry these members). */
export function toJobHandle(
  job: {
    id?: string;
    attemptsMade: number;
    opts: { attempts?: number; delay?: number };
    /** When the job was added, and when this attempt started (ms since the epoch). */
    timestamp?: number;
    processedOn?: number;
    updateProgress(progress: number): Promise<void>;
    moveToWait(token?: string): Promise<unknown>;
  },
  token: string | undefined,
  signal: AbortSignal | undefined,
): JobHandle {
  return {
    id: job.id ?? 'unknown',
    token,
    attemptsMade: job.attemptsMade,
    maxAttempts: Math.max(1, job.opts.attempts ?? 1),
    queuedSeconds:
      job.attemptsMade === 0 && job.timestamp !== undefined && job.processedOn !== undefined
        ? Math.max(0, job.processedOn - job.timestamp - (job.opts.delay ?? 0)) / 1000
        : 0,
    pickedUpAt: job.processedOn ?? null,
    signal: signal ?? new AbortController().signal,
    updateProgress: async (progress) => {
      await job.updateProgress(progress);
    },
    moveToWait: async () => {
      await job.moveToWait(token);
    },
  };
}

/**
 * A BullMQ processor function that runs jobs in this process, sharing one context. Used by
 * the integration tests (TypeScript sources, no child processes) and for debugging; production
 * runs the sandboxed processor file instead (see worker.ts).
 */
export function createInProcessProcessor(registry: JobRegistry, context: WorkerContext) {
  return (job: Parameters<typeof toJobHandle>[0] & { name: string; data: unknown }, token?: string, signal?: AbortSignal) =>
    processJob(registry, context, job.name, job.data, toJobHandle(job, token, signal));
}
