import { Prisma } from '@atelier/db/client';

/**
 * Kinds of @prisma/adapter-pg's DriverAdapterError that mean "PostgreSQL cannot be used right
 * now" rather than "this request is wrong": the server is down or unreachable, refuses
 * connections, or dropped the connection.
 */
const OUTAGE_KINDS = new Set([
  'DatabaseNotReachable',
  'ConnectionClosed',
  'SocketTimeout',
  'TooManyConnections',
  'TlsConnectionError',
  'DatabaseDoesNotExist',
]);
/** Prisma's own codes for the same: server unreachable, timed out, operation timed out, connection closed, pool timeout. */
const OUTAGE_CODES = new Set(['P1001', 'P1002', 'P1008', 'P1017', 'P2024']);
/** PostgreSQL SQLSTATEs: connection exceptions (08…), shutdown / cannot connect now (57P0…), too many connections. */
const OUTAGE_SQLSTATE = /^(08...|57P0[1-3]|53300)$/;

interface AdapterCause {
  kind?: string;
  code?: string;
  severity?: string;
}

function adapterCause(error: unknown): AdapterCause | undefined {
  const meta = (error as { meta?: { driverAdapterError?: { cause?: AdapterCause } } }).meta;
  return meta?.driverAdapterError?.cause ?? (error as { cause?: AdapterCause }).cause;
}

/** The reason, when `error` says PostgreSQL is unavailable (so the answer is a 503), else null. */
export function databaseOutage(error: unknown): string | null {
  if (error instanceof Prisma.PrismaClientInitializationError) return error.message.split('\n').filter(Boolean).at(-1) ?? 'cannot connect';
  if (!(error instanceof Prisma.PrismaClientKnownRequestError) && !(error instanceof Prisma.PrismaClientUnknownRequestError)) return null;
  if (error instanceof Prisma.PrismaClientKnownRequestError && OUTAGE_CODES.has(error.code)) return error.code;
  const cause = adapterCause(error);
  if (!cause) return null;
  if (cause.kind && OUTAGE_KINDS.has(cause.kind)) return cause.kind;
  // a FATAL from the server ends the session: it was refused or cut (e.g. "not accepting connections")
  if (cause.kind === 'postgres' && (cause.severity === 'FATAL' || (cause.code !== undefined && OUTAGE_SQLSTATE.test(cause.code))))
    return `PostgreSQL error ${cause.code ?? ''}`.trim();
  return null;
}
