import { Redis } from 'ioredis';
import { createPrismaClient } from '../src/client';
import { createTestDatabase, dropRedisPrefix, uniqueRedisPrefix } from '../src/testing';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

describe('createTestDatabase', () => {
  it('gives a migrated database the Prisma client can use, and drop() removes it', async () => {
    const database = await createTestDatabase('atelier_db_testing');
    expect(database.url).toMatch(/\/atelier_db_testing_[a-z0-9]+_[0-9a-f]{12}$/);

    const prisma = createPrismaClient(database.url);
    try {
      const project = await prisma.project.create({ data: { slug: 'fashion', name: 'Fashion' } });
      const dataset = await prisma.dataset.create({
        data: {
          projectId: project.id,
          key: 'fashion-mnist',
          name: 'Fashion-MNIST',
          kind: 'builtin',
          format: 'idx',
          classNames: ['T-shirt'],
          trainSize: 60000,
          testSize: 10000,
          imageShape: [28, 28, 1],
        },
      });
      expect(dataset.checksums).toEqual({});
      expect(project.id).toMatch(/^[0-9a-f-]{36}$/);
      // onDelete: Cascade from project to dataset, as the schema says.
      await prisma.project.delete({ where: { id: project.id } });
      expect(await prisma.dataset.count()).toBe(0);
    } finally {
      await prisma.$disconnect();
    }

    await database.drop();
    const again = createPrismaClient(database.url);
    await expect(again.project.count()).rejects.toThrow();
    await again.$disconnect();
  });

  it('names every database differently', async () => {
    const [a, b] = await Promise.all([createTestDatabase('atelier_db_testing'), createTestDatabase('atelier_db_testing')]);
    try {
      expect(a.url).not.toBe(b.url);
    } finally {
      await Promise.all([a.drop(), b.drop()]);
    }
  });
});

describe('Redis prefixes', () => {
  it('are unique per call', () => {
    const prefix = uniqueRedisPrefix('worker');
    expect(prefix).toMatch(/^atelier-test-worker-[0-9a-f]{12}$/);
    expect(uniqueRedisPrefix('worker')).not.toBe(prefix);
  });

  it('dropRedisPrefix deletes every key under the prefix and nothing else', async () => {
    const prefix = uniqueRedisPrefix('db');
    const neighbour = uniqueRedisPrefix('db');
    const redis = new Redis(REDIS_URL);
    try {
      const pipeline = redis.pipeline();
      for (let i = 0; i < 1200; i++) pipeline.set(`${prefix}:job:${i}`, 'x');
      pipeline.set(`${neighbour}:job:1`, 'keep');
      await pipeline.exec();

      expect(await dropRedisPrefix(REDIS_URL, prefix)).toBe(1200);
      expect(await redis.keys(`${prefix}*`)).toEqual([]);
      expect(await redis.get(`${neighbour}:job:1`)).toBe('keep');
    } finally {
      await dropRedisPrefix(REDIS_URL, neighbour);
      await redis.quit();
    }
  });

  it('dropRedisPrefix refuses an empty prefix and fails fast when Redis is unreachable', async () => {
    await expect(dropRedisPrefix(REDIS_URL, '')).rejects.toThrow(/empty Redis prefix/);
    const started = Date.now();
    await expect(dropRedisPrefix('redis://127.0.0.1:1', uniqueRedisPrefix('db'))).rejects.toThrow(/ECONNREFUSED|Connection is closed/);
    expect(Date.now() - started).toBeLessThan(5000);
  });
});
