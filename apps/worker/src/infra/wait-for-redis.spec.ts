import { RedisUnreachableError, waitForRedis } from './wait-for-redis';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

describe('waitForRedis', () => {
  it('gives up after the wait with a message naming the URL without its password', async () => {
    const started = Date.now();
    const waiting = waitForRedis('redis://:secret@127.0.0.1:1', 1_200, 200);
    await expect(waiting).rejects.toThrow(RedisUnreachableError);
    await expect(waiting).rejects.toThrow(
      /^Redis is not reachable at redis:\/\/:\*\*\*@127\.0\.0\.1:1 after 1 s \(.*ECONNREFUSED.*\)\. Check REDIS_URL/,
    );
    const elapsed = Date.now() - started;
    expect(elapsed).toBeGreaterThanOrEqual(1_200);
    expect(elapsed).toBeLessThan(4_000);
  });

  it('returns as soon as Redis answers', async () => {
    const started = Date.now();
    await expect(waitForRedis(REDIS_URL, 5_000)).resolves.toBeUndefined();
    expect(Date.now() - started).toBeLessThan(1_000);
  });
});
