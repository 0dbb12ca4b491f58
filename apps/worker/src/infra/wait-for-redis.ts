import { redactUrl } from '@atelier/db';
import { Redis } from 'ioredis';

/** Thrown when Redis does not answer within the start-up wait: the worker exits 1 with this message. */
export class RedisUnreachableError extends Error {}

/**
 * Waits until Redis answers a PING, at most `timeoutMs`, retrying every `retryMs` (a worker may
 * start before Redis, as compose and Kubernetes start them side by side). Rejects with a message
 * naming the URL (without its password) and the last error, so a wrong REDIS_URL is a clear
 * failure at start instead of a worker that logs "started" and then retries forever.
 */
export async function waitForRedis(url: string, timeoutMs: number, retryMs = 500): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastError = 'no answer';
  for (;;) {
    const redis = new Redis(url, {
      lazyConnect: true,
      maxRetriesPerRequest: 0,
      enableOfflineQueue: false,
      retryStrategy: () => null,
      connectTimeout: Math.max(100, Math.min(5_000, deadline - Date.now())),
    });
    // the socket's error (ECONNREFUSED, ENOTFOUND…) says more than the rejected connect ("Connection is closed")
    const socket: { error?: string } = {};
    redis.on('error', (error: Error) => (socket.error ??= error.message));
    try {
      await redis.connect();
      await redis.ping();
      return;
    } catch (error) {
      lastError = socket.error ?? (error as Error).message;
    } finally {
      redis.disconnect();
    }
    // the whole wait is given: the last attempt is made at the deadline, not a retry before it
    const remaining = deadline - Date.now();
    if (remaining <= 0) {
      throw new RedisUnreachableError(
        `Redis is not reachable at ${redactUrl(url)} after ${Math.round(timeoutMs / 1000)} s (${lastError}). ` +
          'Check REDIS_URL and that Redis is running; WORKER_STARTUP_TIMEOUT_MS sets how long to wait.',
      );
    }
    await new Promise((resolve) => setTimeout(resolve, Math.min(retryMs, remaining)));
  }
}
