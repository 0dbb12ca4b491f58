#!/usr/bin/env node
// `node packages/db/dist/cli.js <command>`: database chores for scripts and docker-compose.
// Reads DATABASE_URL; exits non-zero with a readable message on any failure.
import { ensureDatabase } from './create-database';
import { databaseNameOf, redactUrl } from './database-url';
import { getMigrationStatus, migrate } from './migrate';

const USAGE = `Usage: atelier-db <command> [--migrations-dir <dir>]

Commands:
  create   create the database named in DATABASE_URL if it does not exist
  migrate  create the database if needed, then apply pending migrations
  status   list applied and pending migrations; exit 1 if any is pending, failed or edited`;

type ParsedArgs = { command: string | undefined; migrationsDir: string | undefined };

function parseArgs(argv: string[]): ParsedArgs {
  const flag = argv.indexOf('--migrations-dir');
  const migrationsDir = flag === -1 ? undefined : argv[flag + 1];
  if (flag !== -1 && migrationsDir === undefined) throw new Error('--migrations-dir needs a value.');
  const positional = argv.filter((_, i) => flag === -1 || (i !== flag && i !== flag + 1));
  return { command: positional[0], migrationsDir };
}

async function run(argv: string[]): Promise<number> {
  const { command, migrationsDir } = parseArgs(argv);
  if (command === undefined || command === 'help' || command === '--help') {
    console.log(USAGE);
    return command === undefined ? 1 : 0;
  }
  const databaseUrl = process.env.DATABASE_URL;
  if (databaseUrl === undefined || databaseUrl === '') {
    throw new Error('DATABASE_URL is not set (e.g. postgresql://postgres@127.0.0.1:5432/atelier).');
  }
  const name = databaseNameOf(databaseUrl);

  switch (command) {
    case 'create': {
      const created = await ensureDatabase(databaseUrl);
      console.log(created ? `Created database "${name}".` : `Database "${name}" already exists.`);
      return 0;
    }
    case 'migrate': {
      // A managed server may deny access to the maintenance database while the target exists:
      // then carry on, and let migrate() say clearly if the database is really missing.
      const created = await ensureDatabase(databaseUrl).catch((error: unknown) => {
        console.warn(`Could not check or create database "${name}" (${(error as Error).message}); migrating anyway.`);
        return false;
      });
      if (created) console.log(`Created database "${name}".`);
      console.log(`Migrating ${redactUrl(databaseUrl)}`);
      await migrate(databaseUrl, { migrationsDir, log: (message) => console.log(message) });
      return 0;
    }
    case 'status': {
      const status = await getMigrationStatus(databaseUrl, { migrationsDir });
      for (const name of status.applied) console.log(`applied  ${name}${status.edited.includes(name) ? '  (EDITED since applied)' : ''}`);
      for (const name of status.failed) console.log(`FAILED   ${name}`);
      for (const migration of status.pending) console.log(`pending  ${migration.name}`);
      for (const name of status.missingLocally) console.log(`unknown  ${name}  (applied, not in the migrations folder)`);
      const healthy = status.pending.length === 0 && status.failed.length === 0 && status.edited.length === 0;
      console.log(healthy ? 'Database schema is up to date.' : 'Database schema is NOT up to date.');
      return healthy ? 0 : 1;
    }
    default:
      console.error(`Unknown command "${command}".\n\n${USAGE}`);
      return 2;
  }
}

run(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(`atelier-db: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  },
);
