import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { dropDatabase, ensureDatabase } from '../src/create-database';
import { withDatabaseName } from '../src/database-url';

const SERVER_URL = process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';

async function databaseExists(name: string): Promise<boolean> {
  const client = new Client({ connectionString: withDatabaseName(SERVER_URL, 'postgres') });
  await client.connect();
  try {
    return (await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name])).rowCount === 1;
  } finally {
    await client.end();
  }
}

describe('ensureDatabase / dropDatabase', () => {
  let name: string;
  let url: string;
  beforeEach(() => {
    name = `atelier_db_create_${randomBytes(6).toString('hex')}`;
    url = withDatabaseName(SERVER_URL, name);
  });
  afterEach(() => dropDatabase(url));

  it('creates a missing database once, then reports it exists', async () => {
    expect(await databaseExists(name)).toBe(false);
    expect(await ensureDatabase(url)).toBe(true);
    expect(await databaseExists(name)).toBe(true);
    expect(await ensureDatabase(url)).toBe(false);
  });

  it('tolerates concurrent calls: exactly one creates, none fails', async () => {
    const created = await Promise.all(Array.from({ length: 6 }, () => ensureDatabase(url)));
    expect(created.filter(Boolean)).toHaveLength(1);
    expect(await databaseExists(name)).toBe(true);
  });

  it('drops a database that still has an open connection', async () => {
    await ensureDatabase(url);
    const lingering = new Client({ connectionString: url });
    lingering.on('error', () => undefined); // it is about to be terminated
    await lingering.connect();
    await dropDatabase(url);
    expect(await databaseExists(name)).toBe(false);
    await lingering.end().catch(() => undefined);
  });

  it('refuses to drop the maintenance database', async () => {
    await expect(dropDatabase(withDatabaseName(SERVER_URL, 'postgres'))).rejects.toThrow(/Refusing/);
  });
});
