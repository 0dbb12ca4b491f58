import type { PrismaClient } from '@atelier/db/client';
import type { Redis } from 'ioredis';
import { HealthService } from './health.service';

function service(postgres: () => Promise<unknown>, redis: () => Promise<unknown>) {
  return new HealthService({ $queryRaw: postgres } as unknown as PrismaClient, { ping: redis } as unknown as Redis);
}

describe('HealthService', () => {
  it('is ok when both answer, with latencies', async () => {
    const health = await service(
      () => Promise.resolve([{ '?column?': 1 }]),
      () => Promise.resolve('PONG'),
    ).check();
    expect(health.status).toBe('ok');
    expect(health.postgres.ok).toBe(true);
    expect(health.redis.ok).toBe(true);
    expect(health.postgres.latencyMs).toBeGreaterThanOrEqual(0);
    expect(health.postgres.error).toBeUndefined();
  });

  it('is degraded, saying why, when one fails', async () => {
    const health = await service(
      () => Promise.resolve([]),
      () => Promise.reject(new Error('ECONNREFUSED 127.0.0.1:6379')),
    ).check();
    expect(health).toMatchObject({
      status: 'degraded',
      postgres: { ok: true },
      redis: { ok: false, error: 'ECONNREFUSED 127.0.0.1:6379' },
    });
  });

  it('gives up on a dependency that hangs', async () => {
    jest.useFakeTimers();
    try {
      const pending = service(
        () => new Promise(() => undefined),
        () => Promise.resolve('PONG'),
      ).check();
      await jest.advanceTimersByTimeAsync(2_100);
      const health = await pending;
      expect(health).toMatchObject({ status: 'degraded', postgres: { ok: false, error: 'no answer within 2000 ms' } });
    } finally {
      jest.useRealTimers();
    }
  });
});
