import type { TJobName } from '@atelier/domain';
import type { z } from 'zod';
import type { WorkerContext } from '../infra/context';

/**
 * What a handler sees of its BullMQ job. The same shape comes from an in-process `Job` and
 * from a sandboxed child's `SandboxedJob`, so handlers run unchanged in either.
 */
export interface JobHandle {
  id: string;
  /** Lock token of this attempt; needed to move the job back to the wait list. */
  token: string | undefined;
  /** Attempts that already failed before this one. */
  attemptsMade: number;
  maxAttempts: number;
  /**
   * Seconds the job waited in the queue before a worker picked it up (from when it became due:
   * its creation plus any delay). Known for a first attempt; 0 for a retry.
   */
  queuedSeconds: number;
  /** When a worker took this attempt (ms since the epoch; BullMQ's processedOn), if known. */
  pickedUpAt: number | null;
  /** Aborted when this worker is shutting down: stop at the next safe point and requeue. */
  signal: AbortSignal;
  updateProgress(progress: number): Promise<void>;
  /** Puts the job back in the wait list without spending an attempt (then throw WaitingError). */
  moveToWait(): Promise<void>;
}

export interface JobDefinition<TPayload> {
  name: TJobName;
  schema: z.ZodType<TPayload>;
  handle(payload: TPayload, job: JobHandle, context: WorkerContext): Promise<unknown>;
}

/** Identity function that keeps the payload type linked between schema and handler. */
export function defineJob<TPayload>(definition: JobDefinition<TPayload>): JobDefinition<TPayload> {
  return definition;
}
