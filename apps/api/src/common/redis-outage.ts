/**
 * ioredis errors that mean "Redis cannot be used right now" rather than "this request is wrong":
 * a command given up after the connection's retries, a closed or unwritable connection, or a
 * socket that could not connect. The filter turns them into a 503 (see api-error.filter.ts).
 */
const OUTAGE_NAMES = new Set(['MaxRetriesPerRequestError']);
const OUTAGE_MESSAGES = [/^Connection is closed/, /^Stream isn't writeable/, /^Reached the max retries per request limit/];
const OUTAGE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENOTFOUND', 'EPIPE', 'NR_CLOSED']);

/** The reason, when `error` says Redis is unavailable (so the answer is a 503), else null. */
export function redisOutage(error: unknown): string | null {
  if (!(error instanceof Error)) return null;
  if (OUTAGE_NAMES.has(error.name)) return error.message;
  if (OUTAGE_MESSAGES.some((pattern) => pattern.test(error.message))) return error.message;
  const code = (error as { code?: unknown }).code;
  // only errors that come from ioredis carry these codes on a request path (PostgreSQL's are mapped first)
  if (typeof code === 'string' && OUTAGE_CODES.has(code) && /redis|connect/i.test(`${error.name} ${error.message} ${error.stack ?? ''}`))
    return code;
  return null;
}
