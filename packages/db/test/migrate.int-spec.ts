import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { DEFAULT_MIGRATIONS_DIR, readMigrationFiles } from '../src/migration-files';
import { getMigrationStatus, migrate } from '../src/migrate';
import { createTestDatabase, type TestDatabase } from '../src/testing';

const INIT = readMigrationFiles(DEFAULT_MIGRATIONS_DIR)[0]!;
const REAL_MIGRATIONS = readMigrationFiles(DEFAULT_MIGRATIONS_DIR).map((migration) => migration.name);

async function query<T extends object>(url: string, sql: string): Promise<T[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

type HistoryRow = {
  id: string;
  checksum: string;
  migration_name: string;
  started_at: Date;
  finished_at: Date | null;
  applied_steps_count: number;
  logs: string | null;
  rolled_back_at: Date | null;
};
const history = (url: string) => query<HistoryRow>(url, 'SELECT * FROM _prisma_migrations ORDER BY started_at');

describe('migrate', () => {
  let database: TestDatabase;
  let migrationsDir: string;

  // A private copy of the real migrations plus two small ones, so tests can add and edit files.
  const addMigration = (name: string, script: string) => {
    mkdirSync(path.join(migrationsDir, name));
    writeFileSync(path.join(migrationsDir, name, 'migration.sql'), script);
  };

  beforeEach(async () => {
    database = await createTestDatabase('atelier_db_migrate', { migrate: false });
    migrationsDir = mkdtempSync(path.join(tmpdir(), 'atelier-migrations-'));
    cpSync(DEFAULT_MIGRATIONS_DIR, migrationsDir, { recursive: true });
    addMigration('29990101000000_add_project_note', 'ALTER TABLE "project" ADD COLUMN "note" TEXT;\n');
    // pg_sleep widens the window in which a concurrent runner would interleave without the lock.
    addMigration('29990102000000_add_note_index', 'SELECT pg_sleep(0.3);\nCREATE INDEX "project_note_idx" ON "project"("note");\n');
  });
  afterEach(async () => {
    await database.drop();
    rmSync(migrationsDir, { recursive: true, force: true });
  });

  const names = [...REAL_MIGRATIONS, '29990101000000_add_project_note', '29990102000000_add_note_index'];
  const last = names[names.length - 1]!;

  it('applies every migration to an empty database, records them like Prisma, then applies nothing', async () => {
    expect(await migrate(database.url, { migrationsDir })).toEqual(names);

    const rows = await history(database.url);
    expect(rows.map((row) => row.migration_name)).toEqual(names);
    const init = rows[0]!;
    expect(init.checksum).toBe(INIT.checksum);
    expect(init.checksum).toMatch(/^[0-9a-f]{64}$/);
    expect(init.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(init.applied_steps_count).toBe(1);
    expect(init.logs).toBeNull();
    expect(init.rolled_back_at).toBeNull();
    expect(init.finished_at!.getTime()).toBeGreaterThanOrEqual(init.started_at.getTime());

    const tables = await query<{ n: number }>(
      database.url,
      `SELECT count(*)::int AS n FROM information_schema.tables WHERE table_schema = 'public'`,
    );
    expect(tables[0]!.n).toBe(29); // twenty-eight models + _prisma_migrations

    expect(await migrate(database.url, { migrationsDir })).toEqual([]);
    expect(await history(database.url)).toEqual(rows);
  });

  it("creates _prisma_migrations with exactly Prisma's columns", async () => {
    await migrate(database.url, { migrationsDir });
    const columns = await query<{
      column_name: string;
      data_type: string;
      is_nullable: string;
      column_default: string | null;
      character_maximum_length: number | null;
    }>(
      database.url,
      `SELECT column_name, data_type, is_nullable, column_default, character_maximum_length
         FROM information_schema.columns WHERE table_name = '_prisma_migrations' ORDER BY ordinal_position`,
    );
    expect(columns).toEqual([
      { column_name: 'id', data_type: 'character varying', is_nullable: 'NO', column_default: null, character_maximum_length: 36 },
      { column_name: 'checksum', data_type: 'character varying', is_nullable: 'NO', column_default: null, character_maximum_length: 64 },
      {
        column_name: 'finished_at',
        data_type: 'timestamp with time zone',
        is_nullable: 'YES',
        column_default: null,
        character_maximum_length: null,
      },
      {
        column_name: 'migration_name',
        data_type: 'character varying',
        is_nullable: 'NO',
        column_default: null,
        character_maximum_length: 255,
      },
      { column_name: 'logs', data_type: 'text', is_nullable: 'YES', column_default: null, character_maximum_length: null },
      {
        column_name: 'rolled_back_at',
        data_type: 'timestamp with time zone',
        is_nullable: 'YES',
        column_default: null,
        character_maximum_length: null,
      },
      {
        column_name: 'started_at',
        data_type: 'timestamp with time zone',
        is_nullable: 'NO',
        column_default: 'now()',
        character_maximum_length: null,
      },
      { column_name: 'applied_steps_count', data_type: 'integer', is_nullable: 'NO', column_default: '0', character_maximum_length: null },
    ]);
  });

  it('applies a later migration on top of earlier ones', async () => {
    rmSync(path.join(migrationsDir, '29990102000000_add_note_index'), { recursive: true });
    expect(await migrate(database.url, { migrationsDir })).toEqual(names.slice(0, -1));
    addMigration('29990102000000_add_note_index', 'CREATE INDEX "project_note_idx" ON "project"("note");\n');
    expect(await migrate(database.url, { migrationsDir })).toEqual([last]);
    expect((await history(database.url)).map((row) => row.migration_name)).toEqual(names);
  });

  it('stops after the migration named by upTo, applies the rest on the next run, and refuses an unknown name', async () => {
    const stop = '29990101000000_add_project_note';
    expect(await migrate(database.url, { migrationsDir, upTo: stop })).toEqual(names.slice(0, -1));
    expect((await getMigrationStatus(database.url, { migrationsDir })).pending.map((m) => m.name)).toEqual([last]);
    expect(await migrate(database.url, { migrationsDir, upTo: stop })).toEqual([]);
    await expect(migrate(database.url, { migrationsDir, upTo: '29990103000000_missing' })).rejects.toThrow(
      /No migration named 29990103000000_missing/,
    );
    expect(await migrate(database.url, { migrationsDir })).toEqual([last]);
  });

  it('lets two concurrent runners apply each migration exactly once', async () => {
    const results = await Promise.all([migrate(database.url, { migrationsDir }), migrate(database.url, { migrationsDir })]);

    // One runner did everything, the other waited on the lock and found nothing to do.
    expect(results.map((applied) => applied.length).sort()).toEqual([0, names.length]);
    const counts = await query<{ migration_name: string; n: number }>(
      database.url,
      'SELECT migration_name, count(*)::int AS n FROM _prisma_migrations GROUP BY migration_name ORDER BY migration_name',
    );
    expect(counts).toEqual(names.map((name) => ({ migration_name: name, n: 1 })));
  });

  it('refuses to run when an applied migration was edited, and applies nothing', async () => {
    rmSync(path.join(migrationsDir, '29990102000000_add_note_index'), { recursive: true });
    await migrate(database.url, { migrationsDir });
    const edited = path.join(migrationsDir, '29990101000000_add_project_note', 'migration.sql');
    writeFileSync(edited, readFileSync(edited, 'utf8').replace('TEXT', 'VARCHAR(200)'));
    addMigration('29990102000000_add_note_index', 'CREATE INDEX "project_note_idx" ON "project"("note");\n');

    await expect(migrate(database.url, { migrationsDir })).rejects.toThrow(
      /edited after they were applied: 29990101000000_add_project_note/,
    );
    expect((await history(database.url)).map((row) => row.migration_name)).toEqual(names.slice(0, -1));
    const status = await getMigrationStatus(database.url, { migrationsDir });
    expect(status.edited).toEqual(['29990101000000_add_project_note']);
    expect(status.pending.map((m) => m.name)).toEqual(['29990102000000_add_note_index']);
  });

  it('refuses to run over a migration Prisma recorded as failed', async () => {
    await migrate(database.url, { migrationsDir });
    await query(database.url, `UPDATE _prisma_migrations SET finished_at = NULL WHERE migration_name = '${last}'`);
    await expect(migrate(database.url, { migrationsDir })).rejects.toThrow(/started but did not finish: 29990102000000_add_note_index/);
  });

  it('rolls a failing migration back entirely and records nothing for it', async () => {
    addMigration('29990103000000_broken', 'ALTER TABLE "project" ADD COLUMN "half" INT;\nSELECT * FROM "no_such_table";\n');
    await expect(migrate(database.url, { migrationsDir })).rejects.toThrow(
      /Migration 29990103000000_broken failed and was rolled back: .*no_such_table/,
    );

    expect((await history(database.url)).map((row) => row.migration_name)).toEqual(names);
    const half = await query(
      database.url,
      `SELECT 1 FROM information_schema.columns WHERE table_name = 'project' AND column_name = 'half'`,
    );
    expect(half).toEqual([]);
  });
});
