import { Client } from 'pg';
import { databaseNameOf, quoteIdentifier, redactUrl, withDatabaseName } from './database-url';

// CREATE DATABASE cannot run inside the target database (it does not exist yet), so both
// helpers connect to the server's `postgres` maintenance database instead.
const MAINTENANCE_DATABASE = 'postgres';

const DUPLICATE_DATABASE = '42P04';
// Two concurrent CREATE DATABASE of the same name can also collide on the catalog's unique index.
const UNIQUE_VIOLATION = '23505';

async function withMaintenanceClient<T>(databaseUrl: string, run: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: withDatabaseName(databaseUrl, MAINTENANCE_DATABASE) });
  client.on('error', () => undefined); // a lost connection also fails the query in flight
  await client.connect().catch((error: unknown) => {
    throw new Error(`Cannot connect to PostgreSQL at ${redactUrl(databaseUrl)}: ${(error as Error).message}`);
  });
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

/**
 * Resolves once the PostgreSQL server of the URL answers a query, within `connectTimeoutMs`.
 * It asks the maintenance database: the URL's own database may not exist yet (ensureDatabase
 * creates it), but the server, its address and its credentials are what a start-up waits for.
 */
export async function pingPostgres(databaseUrl: string, connectTimeoutMs: number): Promise<void> {
  const client = new Client({
    connectionString: withDatabaseName(databaseUrl, MAINTENANCE_DATABASE),
    connectionTimeoutMillis: Math.max(100, Math.round(connectTimeoutMs)),
  });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.query('SELECT 1');
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Creates the database named in the URL unless it exists. Returns true if this call created it. */
export async function ensureDatabase(databaseUrl: string): Promise<boolean> {
  const name = databaseNameOf(databaseUrl);
  return withMaintenanceClient(databaseUrl, async (client) => {
    const existing = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (existing.rowCount !== 0) return false;
    try {
      await client.query(`CREATE DATABASE ${quoteIdentifier(name)}`);
      return true;
    } catch (error) {
      // Another process (a second replica, a parallel test) created it between our check and ours.
      const code = (error as { code?: string }).code;
      if (code === DUPLICATE_DATABASE || code === UNIQUE_VIOLATION) return false;
      throw error;
    }
  });
}

/** Drops the database named in the URL if it exists, disconnecting its other sessions first. */
export async function dropDatabase(databaseUrl: string): Promise<void> {
  const name = databaseNameOf(databaseUrl);
  if (name === MAINTENANCE_DATABASE) throw new Error('Refusing to drop the maintenance database "postgres".');
  await withMaintenanceClient(databaseUrl, async (client) => {
    // WITH (FORCE) (PostgreSQL 13+) terminates the remaining sessions, e.g. a pool not yet closed.
    await client.query(`DROP DATABASE IF EXISTS ${quoteIdentifier(name)} WITH (FORCE)`);
  });
}
