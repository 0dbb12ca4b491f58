import { redactUrl } from '@atelier/db';
import { pingPostgres } from '@atelier/db/create-database';
import { ServiceUnreachableError, waitUntilReachable } from './wait-for-service';

/** Thrown when PostgreSQL does not answer within the start-up wait: the worker exits 1 with this message. */
export class PostgresUnreachableError extends ServiceUnreachableError {}

/** Waits until the PostgreSQL server answers, at most `timeoutMs`, retrying every `retryMs` (see waitUntilReachable). */
export async function waitForPostgres(url: string, timeoutMs: number, retryMs = 500): Promise<void> {
  await waitUntilReachable({
    service: 'PostgreSQL',
    redactedUrl: redactUrl(url),
    hint: 'Check DATABASE_URL and that PostgreSQL is running',
    timeoutMs,
    retryMs,
    errorClass: PostgresUnreachableError,
    attempt: (remainingMs) => pingPostgres(url, Math.min(5_000, remainingMs)),
  });
}
