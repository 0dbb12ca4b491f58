import { redactUrl } from '@atelier/db';
import { Redis } from 'ioredis';
import { ServiceUnreachableError, waitUntilReachable } from './wait-for-service';

/** Thrown when Redis does not answer within the start-up wait: the worker exits 1 with this message. */
export class RedisUnreachableError extends ServiceUnreachableError {}

/** Waits until Redis answers a PING, at most `timeoutMs`, retrying every `retryMs` (see waitUntilReachable). */
export async function waitForRedis(url: string, timeoutMs: number, retryMs = 500): Promise<void> {
  await waitUntilReachable({
    service: 'Redis',
    redactedUrl: redactUrl(url),
    hint: 'Check REDIS_URL and that Redis is running',
    timeoutMs,
    retryMs,
    errorClass: RedisUnreachableError,
    async attempt(remainingMs) {
      const redis = new Redis(url, {
        lazyConnect: true,
        maxRetriesPerRequest: 0,
        enableOfflineQueue: false,
        retryStrategy: () => null,
        connectTimeout: Math.min(5_000, remainingMs),
      });
      // the socket's error (ECONNREFUSED, ENOTFOUND…) says more than the rejected connect ("Connection is closed")
      const socket: { error?: string } = {};
      redis.on('error', (error: Error) => (socket.error ??= error.message));
      try {
        await redis.connect();
        await redis.ping();
      } catch (error) {
        throw new Error(socket.error ?? (error as Error).message);
      } finally {
        redis.disconnect();
      }
    },
  });
}
