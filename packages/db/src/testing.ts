import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { dropDatabase, ensureDatabase } from './create-database';
import { withDatabaseName } from './database-url';
import { migrate, type MigrateOptions } from './migrate';

// Tests share one server with other runs and other projects: everything they create carries a
// random suffix, and they remove only what they created.
const DEFAULT_SERVER_URL = 'postgresql://postgres@127.0.0.1:5432/postgres';

export type TestDatabase = {
  /** Connection string of the new, migrated database. */
  url: string;
  /** Drops the database (terminating any connection left open). */
  drop: () => Promise<void>;
};

function randomSuffix(): string {
  return randomBytes(6).toString('hex');
}

/**
 * Creates a uniquely named database on the server of env DATABASE_URL and applies the
 * migrations to it. `prefix` is lower-cased and reduced to [a-z0-9_] to make a plain identifier.
 */
export async function createTestDatabase(
  prefix = 'atelier_test',
  options: Pick<MigrateOptions, 'migrationsDir'> & { migrate?: boolean } = {},
): Promise<TestDatabase> {
  const serverUrl = process.env.DATABASE_URL ?? DEFAULT_SERVER_URL;
  const safePrefix = prefix
    .toLowerCase()
    .replace(/[^a-z0-9_]/g, '_')
    .slice(0, 40);
  const url = withDatabaseName(serverUrl, `${safePrefix}_${Date.now().toString(36)}_${randomSuffix()}`);
  await ensureDatabase(url);
  const drop = () => dropDatabase(url);
  if (options.migrate !== false) {
    try {
      await migrate(url, { migrationsDir: options.migrationsDir });
    } catch (error) {
      await drop();
      throw error;
    }
  }
  return { url, drop };
}

/** A key prefix no other test run uses, e.g. `atelier-test-worker-3f9a1c2b7d4e`. */
export function uniqueRedisPrefix(label: string): string {
  return `atelier-test-${label}-${randomSuffix()}`;
}

/** Deletes every key under the prefix (SCAN, never KEYS, so a busy server is not blocked). */
export async function dropRedisPrefix(redisUrl: string, prefix: string): Promise<number> {
  if (prefix.length === 0) throw new Error('Refusing to delete with an empty Redis prefix.');
  // No reconnection: an unreachable Redis fails this call instead of retrying in the background.
  const redis = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1, retryStrategy: () => null });
  let deleted = 0;
  try {
    await redis.connect();
    // Escape glob characters so the prefix is matched literally.
    const pattern = `${prefix.replace(/[*?[\]\\]/g, '\\$&')}*`;
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', 500);
      cursor = next;
      if (keys.length > 0) deleted += await redis.unlink(...keys);
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
  return deleted;
}
