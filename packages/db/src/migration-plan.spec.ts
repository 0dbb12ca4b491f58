import { computeChecksum, type MigrationFile } from './migration-files';
import { assertMigratable, planMigrations, type MigrationRecord } from './migration-plan';

const file = (name: string, script = `-- ${name}\n`): MigrationFile => ({
  name,
  path: `/migrations/${name}/migration.sql`,
  script,
  checksum: computeChecksum(script),
});

const record = (migration: MigrationFile, overrides: Partial<MigrationRecord> = {}): MigrationRecord => ({
  migrationName: migration.name,
  checksum: migration.checksum,
  finishedAt: new Date('2026-01-01T00:00:00Z'),
  rolledBackAt: null,
  ...overrides,
});

const init = file('20260101000000_init');
const addIndex = file('20260102000000_add_index');
const addColumn = file('20260103000000_add_column');

describe('planMigrations', () => {
  it('applies everything on an empty history, in order', () => {
    const plan = planMigrations([init, addIndex, addColumn], []);
    expect(plan.pending.map((m) => m.name)).toEqual([init.name, addIndex.name, addColumn.name]);
    expect(plan.applied).toEqual([]);
  });

  it('skips applied migrations and keeps the rest pending', () => {
    const plan = planMigrations([init, addIndex, addColumn], [record(init), record(addIndex)]);
    expect(plan.applied).toEqual([init.name, addIndex.name]);
    expect(plan.pending.map((m) => m.name)).toEqual([addColumn.name]);
    expect(plan).toMatchObject({ failed: [], edited: [], missingLocally: [] });
  });

  it('flags an applied migration whose file changed, and assertMigratable refuses it', () => {
    const edited = { ...init, script: init.script + 'DROP TABLE t;\n' };
    const plan = planMigrations([edited, addIndex], [record(init)]);
    expect(plan.edited).toEqual([init.name]);
    expect(() => assertMigratable(plan)).toThrow(/edited after they were applied: 20260101000000_init/);
  });

  it('flags a recorded migration that never finished, does not retry it, and refuses to go on', () => {
    const plan = planMigrations([init, addIndex], [record(init), record(addIndex, { finishedAt: null })]);
    expect(plan.failed).toEqual([addIndex.name]);
    expect(plan.pending).toEqual([]);
    expect(() => assertMigratable(plan)).toThrow(/started but did not finish: 20260102000000_add_index/);
  });

  it('ignores rows marked rolled back, so the migration is pending again', () => {
    const rolledBack = record(addIndex, { finishedAt: null, rolledBackAt: new Date('2026-01-02T00:00:00Z') });
    const plan = planMigrations([init, addIndex], [record(init), rolledBack]);
    expect(plan.failed).toEqual([]);
    expect(plan.pending.map((m) => m.name)).toEqual([addIndex.name]);
    expect(() => assertMigratable(plan)).not.toThrow();
  });

  it('reports migrations applied in the database but missing from the folder without refusing', () => {
    const plan = planMigrations([init], [record(init), record(addIndex)]);
    expect(plan.missingLocally).toEqual([addIndex.name]);
    expect(() => assertMigratable(plan)).not.toThrow();
  });
});
