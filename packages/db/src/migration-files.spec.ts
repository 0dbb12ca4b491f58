import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { checksumMatches, computeChecksum, DEFAULT_MIGRATIONS_DIR, readMigrationFiles } from './migration-files';

// sha256 of the 10 bytes "SELECT 1;\n", computed with `printf 'SELECT 1;\n' | sha256sum`.
const SELECT_ONE_SHA256 = 'b4e0497804e46e0a0b0b8c31975b062152d551bac49c3c2e80932567b4085dcd';

describe('computeChecksum', () => {
  it('is the sha256 hex digest of the bytes', () => {
    expect(computeChecksum('SELECT 1;\n')).toBe(SELECT_ONE_SHA256);
    expect(computeChecksum(Buffer.from('SELECT 1;\n'))).toBe(SELECT_ONE_SHA256);
    expect(computeChecksum('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  });
});

describe('checksumMatches', () => {
  it('matches the same script and a copy whose only change is CRLF line endings', () => {
    expect(checksumMatches('SELECT 1;\n', SELECT_ONE_SHA256)).toBe(true);
    expect(checksumMatches('SELECT 1;\r\n', SELECT_ONE_SHA256)).toBe(true);
  });

  it('rejects any other change', () => {
    expect(checksumMatches('SELECT 2;\n', SELECT_ONE_SHA256)).toBe(false);
    expect(checksumMatches('SELECT 1; \n', SELECT_ONE_SHA256)).toBe(false);
  });
});

describe('readMigrationFiles', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'atelier-migrations-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const addMigration = (name: string, script: string) => {
    mkdirSync(path.join(dir, name));
    writeFileSync(path.join(dir, name, 'migration.sql'), script);
  };

  it('lists migration folders in name order with their script and checksum, ignoring loose files', () => {
    addMigration('20260102000000_add_index', 'CREATE INDEX x ON t (a);\n');
    addMigration('20251231235959_init', 'SELECT 1;\n');
    addMigration('20260101120000_add_column', 'ALTER TABLE t ADD COLUMN a INT;\n');
    writeFileSync(path.join(dir, 'migration_lock.toml'), 'provider = "postgresql"\n');

    const files = readMigrationFiles(dir);

    expect(files.map((file) => file.name)).toEqual(['20251231235959_init', '20260101120000_add_column', '20260102000000_add_index']);
    expect(files[0]).toEqual({
      name: '20251231235959_init',
      path: path.join(dir, '20251231235959_init', 'migration.sql'),
      script: 'SELECT 1;\n',
      checksum: SELECT_ONE_SHA256,
    });
  });

  it('refuses a migration folder without migration.sql', () => {
    addMigration('20250101000000_init', 'SELECT 1;\n');
    mkdirSync(path.join(dir, '20250202000000_empty'));
    expect(() => readMigrationFiles(dir)).toThrow(/20250202000000_empty" has no migration.sql/);
  });

  it('refuses a missing directory', () => {
    expect(() => readMigrationFiles(path.join(dir, 'nope'))).toThrow(/Migrations directory not found/);
  });

  it('finds the repository migrations by default, starting with init', () => {
    expect(DEFAULT_MIGRATIONS_DIR).toBe(path.resolve(__dirname, '../../../prisma/migrations'));
    const files = readMigrationFiles();
    expect(files[0]?.name).toMatch(/^\d{14}_init$/);
  });
});
