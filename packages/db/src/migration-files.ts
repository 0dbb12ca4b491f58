import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

export type MigrationFile = {
  /** The folder name, e.g. `20261121235900_init`: Prisma's migration_name. */
  name: string;
  /** Absolute path of its migration.sql. */
  path: string;
  /** The exact bytes of migration.sql, as executed. */
  script: string;
  /** sha256 hex of the file's bytes, as Prisma records it. */
  checksum: string;
};

// packages/db/src (ts-jest, tsx) and packages/db/dist (node) are both one level below the
// package root, so one relative path serves both: the repository's prisma/migrations, or, in a
// production tree without the repository (scripts/deploy-app.sh), the copy beside the package.
const REPOSITORY_MIGRATIONS_DIR = path.resolve(__dirname, '..', '..', '..', 'prisma', 'migrations');
const PACKAGED_MIGRATIONS_DIR = path.resolve(__dirname, '..', 'migrations');
export const DEFAULT_MIGRATIONS_DIR =
  existsSync(REPOSITORY_MIGRATIONS_DIR) || !existsSync(PACKAGED_MIGRATIONS_DIR) ? REPOSITORY_MIGRATIONS_DIR : PACKAGED_MIGRATIONS_DIR;

const MIGRATION_SCRIPT = 'migration.sql';

/** sha256 of the script as a lowercase hex string: the checksum `prisma migrate` stores. */
export function computeChecksum(script: string | Buffer): string {
  return createHash('sha256').update(script).digest('hex');
}

/**
 * Whether a recorded checksum still matches the file. Like Prisma's own check, a file whose only
 * change is its line endings (git's autocrlf on Windows) still matches.
 */
export function checksumMatches(script: string, recordedChecksum: string): boolean {
  const variants = [script, script.replace(/\r\n/g, '\n'), script.replace(/\r?\n/g, '\r\n')];
  return variants.some((variant) => computeChecksum(variant) === recordedChecksum);
}

/**
 * The migrations in Prisma's layout (`<dir>/<timestamp>_<name>/migration.sql`), in the order
 * Prisma applies them: by folder name. Loose files such as migration_lock.toml are ignored; a
 * folder without migration.sql is an error, as it is for `prisma migrate deploy`.
 */
export function readMigrationFiles(migrationsDir: string = DEFAULT_MIGRATIONS_DIR): MigrationFile[] {
  if (!existsSync(migrationsDir)) {
    throw new Error(`Migrations directory not found: ${migrationsDir}`);
  }
  const folders = readdirSync(migrationsDir)
    .filter((entry) => statSync(path.join(migrationsDir, entry)).isDirectory())
    // Prisma sorts by name; the 14-digit timestamp prefix makes that chronological.
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return folders.map((name) => {
    const scriptPath = path.join(migrationsDir, name, MIGRATION_SCRIPT);
    if (!existsSync(scriptPath)) {
      throw new Error(`Migration "${name}" has no ${MIGRATION_SCRIPT} (expected ${scriptPath}).`);
    }
    const bytes = readFileSync(scriptPath);
    return { name, path: scriptPath, script: bytes.toString('utf8'), checksum: computeChecksum(bytes) };
  });
}
