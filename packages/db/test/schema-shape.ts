// Two views of the same shape, built to be compared with toEqual: what prisma/schema.prisma
// declares (read through Prisma's own parser, the wasm DMMF: no engine binary involved) and what
// a migrated database actually contains (read from the PostgreSQL catalogs).
import { getDMMF } from '@prisma/internals';
import { Client } from 'pg';

export type ColumnShape = { type: string; nullable: boolean; hasDefault: boolean };
export type IndexShape = { name: string; unique: boolean; columns: string[] };
export type ForeignKeyShape = {
  name: string;
  columns: string[];
  references: string;
  referencedColumns: string[];
  onDelete: string;
  onUpdate: string;
};
export type TableShape = {
  columns: Record<string, ColumnShape>;
  primaryKey: { name: string; columns: string[] };
  /** Unique constraints and plain indexes; a column is written `col DESC` when sorted descending. */
  indexes: IndexShape[];
  foreignKeys: ForeignKeyShape[];
};
export type SchemaShape = Record<string, TableShape>;

type DmmfField = {
  name: string;
  dbName?: string | null;
  kind: string;
  type: string;
  isRequired: boolean;
  isId: boolean;
  isUpdatedAt: boolean;
  hasDefaultValue: boolean;
  default?: unknown;
  nativeType?: [string, string[]] | null;
  relationFromFields?: string[];
  relationToFields?: string[];
  relationOnDelete?: string;
  relationOnUpdate?: string;
};
type DmmfModel = { name: string; dbName: string | null; fields: DmmfField[]; primaryKey: { name: string | null; fields: string[] } | null };
type DmmfIndex = {
  model: string;
  type: 'id' | 'normal' | 'unique' | 'fulltext';
  dbName?: string | null;
  fields: { name: string; sortOrder?: 'asc' | 'desc' }[];
};

// Scalar type -> the type PostgreSQL reports (udt_name), for Prisma's default native types.
const DEFAULT_COLUMN_TYPE: Record<string, string> = {
  String: 'text',
  Int: 'int4',
  BigInt: 'int8',
  Float: 'float8',
  Decimal: 'numeric',
  Boolean: 'bool',
  DateTime: 'timestamp(3)',
  Json: 'jsonb',
  Bytes: 'bytea',
};
const NATIVE_COLUMN_TYPE: Record<string, (args: string[]) => string> = {
  Uuid: () => 'uuid',
  Text: () => 'text',
  Timestamptz: (args) => `timestamptz(${args[0] ?? 6})`,
  Timestamp: (args) => `timestamp(${args[0] ?? 6})`,
  Integer: () => 'int4',
  SmallInt: () => 'int2',
  BigInt: () => 'int8',
  DoublePrecision: () => 'float8',
  Real: () => 'float4',
  JsonB: () => 'jsonb',
  Json: () => 'json',
  Boolean: () => 'bool',
};
// Defaults the Prisma client fills in itself: the column has no DEFAULT in the database.
const CLIENT_SIDE_DEFAULTS = new Set(['uuid', 'cuid', 'nanoid', 'ulid']);
const REFERENTIAL_ACTION: Record<string, string> = {
  Cascade: 'CASCADE',
  Restrict: 'RESTRICT',
  NoAction: 'NO ACTION',
  SetNull: 'SET NULL',
  SetDefault: 'SET DEFAULT',
};

function expectedColumnType(field: DmmfField): string {
  if (field.nativeType) {
    const [nativeName, args] = field.nativeType;
    const map = NATIVE_COLUMN_TYPE[nativeName];
    if (!map) throw new Error(`schema-shape: add native type @db.${nativeName} to NATIVE_COLUMN_TYPE`);
    return map(args);
  }
  const type = DEFAULT_COLUMN_TYPE[field.type];
  if (!type) throw new Error(`schema-shape: add scalar type ${field.type} to DEFAULT_COLUMN_TYPE`);
  return type;
}

function hasDatabaseDefault(field: DmmfField): boolean {
  if (!field.hasDefaultValue) return false;
  const fn = field.default;
  return !(typeof fn === 'object' && fn !== null && 'name' in fn && typeof fn.name === 'string' && CLIENT_SIDE_DEFAULTS.has(fn.name));
}

const byName = <T extends { name: string }>(items: T[]): T[] => [...items].sort((a, b) => a.name.localeCompare(b.name));

/** The tables schema.prisma asks for, with Prisma's default constraint and index names. */
export async function expectedSchemaShape(schema: string): Promise<SchemaShape> {
  const dmmf = (await getDMMF({ datamodel: schema })) as unknown as { datamodel: { models: DmmfModel[]; indexes: DmmfIndex[] } };
  const models = dmmf.datamodel.models;
  const tableOf = new Map(models.map((m) => [m.name, m.dbName ?? m.name]));
  const shape: SchemaShape = {};

  for (const model of models) {
    const table = tableOf.get(model.name)!;
    const columnOf = new Map(model.fields.map((f) => [f.name, f.dbName ?? f.name]));
    const column = (fieldName: string) => columnOf.get(fieldName) ?? fieldName;

    const columns: Record<string, ColumnShape> = {};
    for (const field of model.fields.filter((f) => f.kind === 'scalar' || f.kind === 'enum')) {
      columns[column(field.name)] = { type: expectedColumnType(field), nullable: !field.isRequired, hasDefault: hasDatabaseDefault(field) };
    }

    const idFields = model.primaryKey?.fields ?? model.fields.filter((f) => f.isId).map((f) => f.name);
    const primaryKey = { name: model.primaryKey?.name ?? `${table}_pkey`, columns: idFields.map(column) };

    const indexes = dmmf.datamodel.indexes
      .filter((index) => index.model === model.name && (index.type === 'normal' || index.type === 'unique'))
      .map((index): IndexShape => {
        const columnNames = index.fields.map((f) => column(f.name));
        const suffix = index.type === 'unique' ? 'key' : 'idx';
        return {
          name: index.dbName ?? `${table}_${columnNames.join('_')}_${suffix}`,
          unique: index.type === 'unique',
          columns: index.fields.map((f) => `${column(f.name)}${f.sortOrder === 'desc' ? ' DESC' : ''}`),
        };
      });

    const foreignKeys = model.fields
      .filter((f) => f.kind === 'object' && (f.relationFromFields?.length ?? 0) > 0)
      .map((f): ForeignKeyShape => {
        const columnNames = f.relationFromFields!.map(column);
        const target = models.find((m) => m.name === f.type)!;
        const targetColumn = (name: string) => target.fields.find((tf) => tf.name === name)?.dbName ?? name;
        // Prisma's defaults: optional relations SET NULL, required ones RESTRICT; updates CASCADE.
        const onDelete = f.relationOnDelete ?? (f.isRequired ? 'Restrict' : 'SetNull');
        return {
          name: `${table}_${columnNames.join('_')}_fkey`,
          columns: columnNames,
          references: tableOf.get(f.type)!,
          referencedColumns: f.relationToFields!.map(targetColumn),
          onDelete: REFERENTIAL_ACTION[onDelete]!,
          onUpdate: REFERENTIAL_ACTION[f.relationOnUpdate ?? 'Cascade']!,
        };
      });

    shape[table] = { columns, primaryKey, indexes: byName(indexes), foreignKeys: byName(foreignKeys) };
  }
  return shape;
}

const PG_ACTION: Record<string, string> = { a: 'NO ACTION', r: 'RESTRICT', c: 'CASCADE', n: 'SET NULL', d: 'SET DEFAULT' };

/** The tables of the database's current schema (Prisma's own history table left out). */
export async function actualSchemaShape(databaseUrl: string): Promise<SchemaShape> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const tables = await client.query<{ table: string }>(
      `SELECT table_name AS "table" FROM information_schema.tables
        WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' AND table_name <> '_prisma_migrations'`,
    );
    const columns = await client.query<{
      table: string;
      column: string;
      udt: string;
      nullable: string;
      default: string | null;
      precision: number | null;
    }>(
      `SELECT table_name AS "table", column_name AS "column", udt_name AS udt, is_nullable AS nullable,
              column_default AS "default", datetime_precision AS "precision"
         FROM information_schema.columns WHERE table_schema = current_schema()`,
    );
    // One row per index column, in key order; indoption bit 1 marks DESC.
    const indexColumns = await client.query<{
      table: string;
      index: string;
      primary: boolean;
      unique: boolean;
      column: string;
      desc: boolean;
    }>(
      `SELECT t.relname AS "table", i.relname AS "index", x.indisprimary AS "primary", x.indisunique AS "unique",
              a.attname AS "column", (x.indoption[k.ord - 1] & 1) = 1 AS "desc"
         FROM pg_index x
         JOIN pg_class t ON t.oid = x.indrelid
         JOIN pg_class i ON i.oid = x.indexrelid
         JOIN pg_namespace n ON n.oid = t.relnamespace AND n.nspname = current_schema()
         CROSS JOIN LATERAL unnest(x.indkey) WITH ORDINALITY AS k(attnum, ord)
         JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum
        ORDER BY t.relname, i.relname, k.ord`,
    );
    const foreignKeys = await client.query<{
      table: string;
      name: string;
      columns: string[];
      references: string;
      referencedColumns: string[];
      onDelete: string;
      onUpdate: string;
    }>(
      `SELECT t.relname AS "table", c.conname AS name, r.relname AS "references",
              c.confdeltype AS "onDelete", c.confupdtype AS "onUpdate",
              ARRAY(SELECT a.attname FROM unnest(c.conkey) WITH ORDINALITY k(n, o)
                      JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.n ORDER BY k.o)::text[] AS columns,
              ARRAY(SELECT a.attname FROM unnest(c.confkey) WITH ORDINALITY k(n, o)
                      JOIN pg_attribute a ON a.attrelid = c.confrelid AND a.attnum = k.n ORDER BY k.o)::text[] AS "referencedColumns"
         FROM pg_constraint c
         JOIN pg_class t ON t.oid = c.conrelid
         JOIN pg_class r ON r.oid = c.confrelid
         JOIN pg_namespace n ON n.oid = t.relnamespace AND n.nspname = current_schema()
        WHERE c.contype = 'f'`,
    );

    const shape: SchemaShape = {};
    for (const { table } of tables.rows) {
      shape[table] = { columns: {}, primaryKey: { name: '', columns: [] }, indexes: [], foreignKeys: [] };
    }
    for (const row of columns.rows) {
      const table = shape[row.table];
      if (!table) continue;
      const isTimestamp = row.udt === 'timestamp' || row.udt === 'timestamptz';
      table.columns[row.column] = {
        type: isTimestamp ? `${row.udt}(${row.precision})` : row.udt,
        nullable: row.nullable === 'YES',
        hasDefault: row.default !== null,
      };
    }
    const indexes = new Map<string, { table: string; primary: boolean; index: IndexShape }>();
    for (const row of indexColumns.rows) {
      if (!shape[row.table]) continue;
      const entry = indexes.get(row.index) ?? {
        table: row.table,
        primary: row.primary,
        index: { name: row.index, unique: row.unique, columns: [] },
      };
      entry.index.columns.push(`${row.column}${row.desc ? ' DESC' : ''}`);
      indexes.set(row.index, entry);
    }
    for (const { table, primary, index } of indexes.values()) {
      if (primary) shape[table]!.primaryKey = { name: index.name, columns: index.columns };
      else shape[table]!.indexes.push(index);
    }
    for (const row of foreignKeys.rows) {
      shape[row.table]?.foreignKeys.push({
        name: row.name,
        columns: row.columns,
        references: row.references,
        referencedColumns: row.referencedColumns,
        onDelete: PG_ACTION[row.onDelete]!,
        onUpdate: PG_ACTION[row.onUpdate]!,
      });
    }
    for (const table of Object.values(shape)) {
      table.indexes = byName(table.indexes);
      table.foreignKeys = byName(table.foreignKeys);
    }
    return shape;
  } finally {
    await client.end();
  }
}
