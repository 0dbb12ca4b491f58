import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createTestDatabase, type TestDatabase } from '../src/testing';
import { actualSchemaShape, expectedSchemaShape, type SchemaShape } from './schema-shape';

// The migrations are hand-kept SQL (no engine here to generate them), so this test is what
// guarantees they build exactly the database schema.prisma describes.
const SCHEMA_PATH = path.resolve(__dirname, '../../../prisma/schema.prisma');

describe('migrated database vs prisma/schema.prisma', () => {
  const schema = readFileSync(SCHEMA_PATH, 'utf8');
  let database: TestDatabase;
  let actual: SchemaShape;
  let expected: SchemaShape;

  beforeAll(async () => {
    database = await createTestDatabase('atelier_db_schema');
    actual = await actualSchemaShape(database.url);
    expected = await expectedSchemaShape(schema);
  });
  afterAll(() => (database as TestDatabase | undefined)?.drop()); // undefined when beforeAll failed

  it('has exactly the tables of the models', () => {
    expect(Object.keys(actual).sort()).toEqual(Object.keys(expected).sort());
    // Guards against both sides being empty because of a parsing slip.
    expect(Object.keys(expected)).toHaveLength(28);
  });

  it('matches every table: columns, primary key, unique constraints, indexes and foreign keys', () => {
    for (const table of Object.keys(expected)) {
      // Per table, so a failure names the table in its diff.
      expect({ table, ...actual[table] }).toEqual({ table, ...expected[table] });
    }
  });

  it('reads schema details the comparison relies on', () => {
    expect(expected.run?.indexes).toContainEqual({
      name: 'run_trials_accuracy_desc_idx',
      unique: false,
      columns: ['experiment_id', 'mean_val_accuracy DESC', 'number', 'id'],
    });
    expect(expected.metric?.columns.value).toEqual({ type: 'float8', nullable: false, hasDefault: false });
    expect(expected.run?.indexes).toContainEqual({ name: 'run_params_idx', unique: false, columns: ['params'] });
    expect(expected.project?.columns.id).toEqual({ type: 'uuid', nullable: false, hasDefault: false });
    expect(expected.evaluation?.foreignKeys).toContainEqual(
      expect.objectContaining({ name: 'evaluation_artifact_id_fkey', references: 'artifact', onDelete: 'SET NULL' }),
    );
  });

  it('would fail if schema.prisma gained a field, an index or a relation change without a migration', async () => {
    const withField = schema.replace(
      '  slug      String   @unique\n',
      '  slug      String   @unique\n  archived  Boolean  @default(false)\n',
    );
    const withIndex = schema.replace(
      '  @@index([status])\n  @@index([datasetId])',
      '  @@index([status])\n  @@index([datasetId])\n  @@index([kind])',
    );
    const withOnDelete = schema.replace('onDelete: Restrict)\n  trials      Run[]', 'onDelete: Cascade)\n  trials      Run[]');
    for (const changed of [withField, withIndex, withOnDelete]) {
      expect(changed).not.toBe(schema);
      expect(actual).not.toEqual(await expectedSchemaShape(changed));
    }
  });
});
