import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { redactUrl } from './database-url';
import { DEFAULT_MIGRATIONS_DIR, readMigrationFiles } from './migration-files';
import { assertMigratable, planMigrations, type MigrationPlan, type MigrationRecord } from './migration-plan';

export type MigrateOptions = {
  /** Folder in Prisma's layout; defaults to the repository's prisma/migrations. */
  migrationsDir?: string;
  /** Progress messages (one line each); silent by default. */
  log?: (message: string) => void;
  /**
   * Stop after this migration (by folder name): later ones stay pending. For a staged upgrade,
   * and for tests that seed the schema as it was before a data-moving migration.
   */
  upTo?: string;
};

// The key `prisma migrate` itself locks on, so this runner and `prisma migrate deploy` (run by an
// operator on an online machine) exclude each other as well as two replicas of ours.
const PRISMA_ADVISORY_LOCK_KEY = 72707369;

// Prisma's history table, column for column as its schema engine creates it on PostgreSQL, so
// `prisma migrate status|deploy` read our records as their own.
const CREATE_MIGRATIONS_TABLE = `CREATE TABLE _prisma_migrations (
    id                      VARCHAR(36) PRIMARY KEY NOT NULL,
    checksum                VARCHAR(64) NOT NULL,
    finished_at             TIMESTAMPTZ,
    migration_name          VARCHAR(255) NOT NULL,
    logs                    TEXT,
    rolled_back_at          TIMESTAMPTZ,
    started_at              TIMESTAMPTZ NOT NULL DEFAULT now(),
    applied_steps_count     INTEGER NOT NULL DEFAULT 0
);`;

async function connect(databaseUrl: string): Promise<Client> {
  const client = new Client({ connectionString: databaseUrl });
  // Without a listener a connection lost between two queries would crash the process; the
  // next query fails anyway, and that is where the error is reported.
  client.on('error', () => undefined);
  await client.connect().catch((error: unknown) => {
    throw new Error(`Cannot connect to ${redactUrl(databaseUrl)}: ${(error as Error).message}`);
  });
  return client;
}

async function migrationsTableExists(client: Client): Promise<boolean> {
  // to_regclass follows search_path, as Prisma's unqualified table name does.
  const result = await client.query<{ exists: boolean }>(`SELECT to_regclass('_prisma_migrations') IS NOT NULL AS "exists"`);
  return result.rows[0]?.exists === true;
}

async function readMigrationRecords(client: Client): Promise<MigrationRecord[]> {
  if (!(await migrationsTableExists(client))) return [];
  const result = await client.query<MigrationRecord>(
    `SELECT migration_name AS "migrationName", checksum, finished_at AS "finishedAt", rolled_back_at AS "rolledBackAt"
       FROM _prisma_migrations ORDER BY started_at`,
  );
  return result.rows;
}

/** What is applied, pending, failed or edited; reads only, takes no lock. */
export async function getMigrationStatus(databaseUrl: string, options: MigrateOptions = {}): Promise<MigrationPlan> {
  const files = readMigrationFiles(options.migrationsDir ?? DEFAULT_MIGRATIONS_DIR);
  const client = await connect(databaseUrl);
  try {
    return planMigrations(files, await readMigrationRecords(client));
  } finally {
    await client.end();
  }
}

/**
 * Applies the pending migrations in order, without any Prisma engine, and returns their names.
 * Each migration runs in its own transaction together with its history row, so a failing
 * migration leaves neither half-applied DDL nor a "failed" record: fix it and run again.
 * (Consequence: a migration.sql must not use statements PostgreSQL forbids in a transaction,
 * such as CREATE INDEX CONCURRENTLY.)
 */
export async function migrate(databaseUrl: string, options: MigrateOptions = {}): Promise<string[]> {
  const log = options.log ?? (() => undefined);
  const files = readMigrationFiles(options.migrationsDir ?? DEFAULT_MIGRATIONS_DIR);
  const client = await connect(databaseUrl);
  try {
    // Session lock: a second process starting now waits here, then finds nothing left to do.
    await client.query('SELECT pg_advisory_lock($1)', [PRISMA_ADVISORY_LOCK_KEY]);
    if (!(await migrationsTableExists(client))) await client.query(CREATE_MIGRATIONS_TABLE);

    const plan = planMigrations(files, await readMigrationRecords(client));
    assertMigratable(plan);
    if (plan.missingLocally.length > 0) {
      log(`Applied in the database but not found locally (ignored): ${plan.missingLocally.join(', ')}`);
    }

    let pending = plan.pending;
    if (options.upTo !== undefined) {
      const last = files.findIndex((file) => file.name === options.upTo);
      if (last < 0)
        throw new Error(
          `No migration named ${options.upTo}: upTo must name a folder of ${options.migrationsDir ?? DEFAULT_MIGRATIONS_DIR}`,
        );
      const allowed = new Set(files.slice(0, last + 1).map((file) => file.name));
      pending = pending.filter((migration) => allowed.has(migration.name));
    }

    const applied: string[] = [];
    for (const migration of pending) {
      log(`Applying migration ${migration.name}`);
      try {
        await client.query('BEGIN');
        const id = randomUUID();
        await client.query(
          `INSERT INTO _prisma_migrations (id, checksum, migration_name, started_at, applied_steps_count)
           VALUES ($1, $2, $3, clock_timestamp(), 0)`,
          [id, migration.checksum, migration.name],
        );
        // No parameters: pg then uses the simple query protocol, which runs a multi-statement script.
        await client.query(migration.script);
        await client.query(
          `UPDATE _prisma_migrations SET finished_at = clock_timestamp(), applied_steps_count = applied_steps_count + 1
           WHERE id = $1`,
          [id],
        );
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw new Error(`Migration ${migration.name} failed and was rolled back: ${(error as Error).message} (${migration.path})`, {
          cause: error,
        });
      }
      applied.push(migration.name);
    }
    log(applied.length === 0 ? 'Database schema is up to date.' : `Applied ${applied.length} migration(s).`);
    return applied;
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [PRISMA_ADVISORY_LOCK_KEY]).catch(() => undefined);
    await client.end();
  }
}
