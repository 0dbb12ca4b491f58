import { checksumMatches, type MigrationFile } from './migration-files';

/** One row of `_prisma_migrations`, as far as deciding what to apply goes. */
export type MigrationRecord = {
  migrationName: string;
  checksum: string;
  finishedAt: Date | null;
  rolledBackAt: Date | null;
};

export type MigrationPlan = {
  applied: string[];
  pending: MigrationFile[];
  /** Recorded as started but never finished (and not marked rolled back). */
  failed: string[];
  /** Applied, but migration.sql changed since. */
  edited: string[];
  /** Applied here but absent from the folder, e.g. a database ahead of this build. */
  missingLocally: string[];
};

export class MigrationStateError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MigrationStateError';
  }
}

/** Compares the migrations folder with the history table, following `prisma migrate deploy`. */
export function planMigrations(files: MigrationFile[], records: MigrationRecord[]): MigrationPlan {
  // A row marked rolled back (`prisma migrate resolve --rolled-back`) no longer counts.
  const live = records.filter((record) => record.rolledBackAt === null);
  const finished = new Map(live.filter((r) => r.finishedAt !== null).map((r) => [r.migrationName, r]));
  const failed = [...new Set(live.filter((r) => r.finishedAt === null && !finished.has(r.migrationName)).map((r) => r.migrationName))];
  const fileNames = new Set(files.map((file) => file.name));

  const applied: string[] = [];
  const edited: string[] = [];
  const pending: MigrationFile[] = [];
  for (const file of files) {
    const record = finished.get(file.name);
    if (record === undefined) {
      if (!failed.includes(file.name)) pending.push(file);
      continue;
    }
    applied.push(file.name);
    if (!checksumMatches(file.script, record.checksum)) edited.push(file.name);
  }
  const missingLocally = [...finished.keys()].filter((name) => !fileNames.has(name));
  return { applied, pending, failed, edited, missingLocally };
}

/** Throws if the database is in a state no migration should be applied to. */
export function assertMigratable(plan: MigrationPlan): void {
  if (plan.failed.length > 0) {
    throw new MigrationStateError(
      `These migrations started but did not finish: ${plan.failed.join(', ')}. ` +
        'Inspect the database, then mark each one with `prisma migrate resolve --rolled-back <name>` ' +
        '(or --applied if its changes are in place) before migrating again.',
    );
  }
  if (plan.edited.length > 0) {
    throw new MigrationStateError(
      `These migrations were edited after they were applied: ${plan.edited.join(', ')}. ` +
        'Applied migrations are immutable: restore their migration.sql and put the change in a new migration.',
    );
  }
}
