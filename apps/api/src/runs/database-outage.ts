import { type CallHandler, type ExecutionContext, Injectable, type NestInterceptor } from '@nestjs/common';
import { catchError, type Observable } from 'rxjs';
import { unavailable } from '../common/api-exception';

/** Prisma's codes for a database it cannot reach, time out on, or lost mid-request. */
const UNREACHABLE_CODES = new Set(['P1001', 'P1002', 'P1008', 'P1017', 'P2024']);
/** What the pg driver adapter says of a connection (Prisma wraps it, e.g. in P2010 for raw queries). */
const UNREACHABLE_KINDS = new Set(['DatabaseNotReachable', 'ConnectionClosed', 'SocketTimeout', 'TooManyConnections']);
/** PostgreSQL's own: shutting down, starting up, connection failures, too many clients. */
const UNREACHABLE_SQLSTATES = /^(08|57P0[1-3]|53300)/;

/** Is this error PostgreSQL being away (worth a 503 and a retry), rather than a bug or bad input? */
export function isDatabaseUnreachable(error: unknown): boolean {
  if (!error || typeof error !== 'object') return false;
  const { code, meta } = error as { code?: unknown; meta?: { driverAdapterError?: { cause?: { kind?: string; code?: string } } } };
  if (typeof code === 'string' && UNREACHABLE_CODES.has(code)) return true;
  const cause = meta?.driverAdapterError?.cause;
  if (cause?.kind && UNREACHABLE_KINDS.has(cause.kind)) return true;
  return cause?.kind === 'postgres' && typeof cause.code === 'string' && UNREACHABLE_SQLSTATES.test(cause.code);
}

/**
 * Turns "PostgreSQL is away" into a 503 that says so, for the runs routes: a logging client
 * retries a 503 (its batch is idempotent), while a 500 would look like a bug in its request.
 * Every runs write is one transaction, so a 503 always means nothing of the request was stored.
 */
@Injectable()
export class DatabaseOutageInterceptor implements NestInterceptor {
  intercept(_context: ExecutionContext, next: CallHandler): Observable<unknown> {
    return next.handle().pipe(
      catchError((error: unknown) => {
        if (isDatabaseUnreachable(error)) {
          throw unavailable('PostgreSQL is unreachable: nothing was changed. Retry once GET /health reports postgres ok (a log batch can be sent again as it is).');
        }
        throw error;
      }),
    );
  }
}
