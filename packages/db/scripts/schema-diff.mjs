#!/usr/bin/env node
// Offline stand-in for `prisma migrate dev --create-only`, whose native schema engine cannot be
// downloaded on offline machines: runs Prisma's own schema engine (the wasm build shipped in
// @prisma/internals) to print the SQL that turns one schema.prisma into another.
//
//   node packages/db/scripts/schema-diff.mjs --from <old schema.prisma | empty> [--to prisma/schema.prisma]
//
// Typical use, for the next migration:
//   git show HEAD:prisma/schema.prisma > /tmp/old.prisma
//   node packages/db/scripts/schema-diff.mjs --from /tmp/old.prisma > prisma/migrations/<yyyymmddhhmmss>_<what_changed>/migration.sql
// then review the SQL (renames come out as drop + add) and run the schema test.
// The engine API used here is internal to Prisma: if a Prisma upgrade breaks it, fix it here.
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const args = process.argv.slice(2);
const option = (name) => {
  const i = args.indexOf(name);
  return i === -1 ? undefined : args[i + 1];
};
const from = option('--from');
const to = option('--to') ?? path.resolve(import.meta.dirname, '../../../prisma/schema.prisma');
if (from === undefined) {
  console.error('Usage: schema-diff.mjs --from <old schema.prisma | empty> [--to <new schema.prisma>]');
  process.exit(2);
}

const requireFromDb = createRequire(path.resolve(import.meta.dirname, '../package.json'));
const internalsDir = path.dirname(requireFromDb.resolve('@prisma/internals/package.json'));
const requireFromInternals = createRequire(path.join(internalsDir, 'package.json'));
// A sibling of @prisma/internals in pnpm's store; its package exports hide the .wasm file.
const wasmDir = path.join(internalsDir, '..', 'schema-engine-wasm');
const { bindMigrationAwareSqlAdapterFactory } = requireFromInternals('@prisma/driver-adapter-utils');
const { PrismaPg } = requireFromDb('@prisma/adapter-pg');

const runtime = await import(pathToFileURL(path.join(wasmDir, 'schema_engine_bg.js')).href);
const instance = new WebAssembly.Instance(new WebAssembly.Module(readFileSync(path.join(wasmDir, 'schema_engine_bg.wasm'))), {
  './schema_engine_bg.js': runtime,
});
runtime.__wbg_set_wasm(instance.exports);
instance.exports.__wbindgen_start();

const schemaTarget = (file) => ({ tag: 'schemaDatamodel', files: [{ path: file, content: readFileSync(file, 'utf8') }] });
// Even a diff between two files makes the engine connect to a database (it asks for the server
// version), so it gets a scratch database of its own on DATABASE_URL's server, dropped afterwards.
const { Client } = requireFromDb('pg');
const serverUrl = new URL(process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres');
const scratchName = `atelier_schema_diff_${randomBytes(6).toString('hex')}`;
const maintenance = new Client({ connectionString: Object.assign(new URL(serverUrl), { pathname: '/postgres' }).toString() });
await maintenance.connect();
await maintenance.query(`CREATE DATABASE "${scratchName}"`);
let result;
try {
  const scratchUrl = Object.assign(new URL(serverUrl), { pathname: `/${scratchName}` }).toString();
  const adapter = bindMigrationAwareSqlAdapterFactory(new PrismaPg({ connectionString: scratchUrl }));
  const engine = await runtime.SchemaEngine.new({ datamodels: [[to, readFileSync(to, 'utf8')]] }, () => undefined, adapter);
  result = await engine.diff({
    from: from === 'empty' ? { tag: 'empty' } : schemaTarget(from),
    to: schemaTarget(to),
    script: true,
    exitCode: null,
    filters: { externalTables: [], externalEnums: [] },
  });
} finally {
  await maintenance.query(`DROP DATABASE IF EXISTS "${scratchName}" WITH (FORCE)`);
  await maintenance.end();
}
// `migrate dev` diffs against a database whose "public" schema exists; drop the engine's
// CREATE SCHEMA so the script does not need CREATE on the database.
process.stdout.write((result.stdout ?? '').replace(/^-- CreateSchema\nCREATE SCHEMA IF NOT EXISTS "public";\n\n/, ''));
