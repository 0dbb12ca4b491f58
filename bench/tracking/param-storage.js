#!/usr/bin/env node
'use strict';
/**
 * How should a run's parameters and metric summaries be stored so that any list can filter and
 * sort by any of them on the server? (issue 8: "pick the storage by benchmark"). NOT run in CI.
 *
 *   node bench/tracking/param-storage.js [--runs 100000] [--params 20] [--repeat 40] [--json]
 *
 * On a fresh database (dropped afterwards) it seeds --runs runs with --params typed parameters
 * each (numbers, strings, booleans; the keys and distributions of a real search: learning rate
 * log-uniform, batch size from a list, optimizer from five names, a git commit, …) and four
 * metric summaries (last/min/max of loss, accuracy, val_loss, val_accuracy), server-side with
 * generate_series, in three layouts:
 *
 *   jsonb  run.params JSONB (GIN jsonb_path_ops) and run.metrics JSONB; a numeric filter or sort
 *          casts the value, guarded by jsonb_typeof so that a string logged under the same key
 *          in another run cannot fail the query.
 *   kv     run_param(run_id, key, num, str, bool) with (key, num) and (key, str) indexes, and
 *          run_metric(run_id, key, last, min, max) with a (key, last) index; every filter or
 *          sort term is one EXISTS / one join on these.
 *   hybrid parameters in run.params JSONB (GIN), metric summaries in run_metric (key, last): the
 *          common sort "best runs by a metric" walks the (key, last) index and stops after 50.
 *   jsonb+expr  the jsonb layout plus an expression index on the two keys the queries sort by
 *          (what an "index this parameter" button would create): the best case for jsonb, at
 *          the price of DDL per key.
 *
 * Then it times, --repeat times each (after 3 warm-ups), the queries the runs list sends for
 * `params.optimizer = 'adam' and metrics.val_accuracy > X order by params.lr desc limit 50`,
 * `params.dropout < X and params.batch_size >= 128 order by metrics.val_accuracy desc limit 50`,
 * the total count of the first filter, reading one page of 50 runs with all their parameters,
 * and one log request's summary write (4 keys of one run). It prints p50/p95 per layout and the
 * ratios, next to each other, because this machine is noisy.
 *
 * Measured 2026-12-06 21:24 UTC, `node bench/tracking/param-storage.js` (defaults), 2-core dev
 * machine (2 × AMD EPYC, PostgreSQL 15, load average 2.8–3.2), p50/p95 ms:
 *   adam and val_accuracy > X, by lr desc        jsonb 33.5/38.8   kv 156.2/210.6  hybrid 107.8/127.8  jsonb+expr 1.6/5.4
 *   dropout < X and batch >= 128, by val_acc     jsonb 123.3/152.8 kv 166.0/188.4  hybrid 1.8/6.1      jsonb+expr 1.0/3.0
 *   count of the first filter                    jsonb 31.1/38.5   kv 136.7/152.9
 *   one page of 50 runs, every parameter         jsonb 0.9/1.9     kv 1.8/4.7
 *   summary write (4 keys, one run)              jsonb 1.4/6.0     kv 1.0/3.1
 *   storage: run table with JSONB 180 MiB; the key/value tables add 417 MiB
 */
const path = require('node:path');
const { parseArgs } = require('node:util');
const { randomBytes } = require('node:crypto');

const ROOT = path.resolve(__dirname, '../..');
const { Client } = require(require.resolve('pg', { paths: [path.join(ROOT, 'packages/db')] }));

const { values: args } = parseArgs({
  options: {
    runs: { type: 'string', default: '100000' },
    params: { type: 'string', default: '20' },
    repeat: { type: 'string', default: '40' },
    json: { type: 'boolean', default: false },
  },
});
const RUNS = Number(args.runs);
const PARAMS = Math.max(8, Number(args.params));
const REPEAT = Number(args.repeat);
const SERVER = process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';

// The first 8 keys are the ones the queries use; the rest are filler numbers and strings.
const KEYS = [
  ['lr', 'exp(ln(1e-5) + random() * (ln(1e-1) - ln(1e-5)))', 'num'],
  ['batch_size', '(array[16,32,64,128,256,512])[1 + floor(random()*6)::int]', 'num'],
  ['optimizer', "(array['adam','sgd','rmsprop','adagrad','adamax'])[1 + floor(random()*5)::int]", 'str'],
  ['dropout', 'random() * 0.6', 'num'],
  ['augment', 'random() < 0.5', 'bool'],
  ['git_commit', 'md5(random()::text)', 'str'],
  ['epochs', '1 + floor(random() * 30)', 'num'],
  ['activation', "(array['relu','elu','tanh','selu'])[1 + floor(random()*4)::int]", 'str'],
];
for (let i = KEYS.length; i < PARAMS; i++)
  KEYS.push(i % 3 === 0 ? [`opt_${i}`, 'md5(random()::text)', 'str'] : [`p_${i}`, 'random() * 100', 'num']);
const METRICS = ['loss', 'accuracy', 'val_loss', 'val_accuracy'];

function withDatabase(url, name) {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

function quantile(sorted, p) {
  const i = (sorted.length - 1) * p;
  const lo = Math.floor(i);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return sorted[lo] + (i - lo) * (sorted[hi] - sorted[lo]);
}

async function time(client, sql, paramsFor) {
  for (let i = 0; i < 3; i++) await client.query(sql, paramsFor(i));
  const ms = [];
  let rows = 0;
  for (let i = 0; i < REPEAT; i++) {
    const t0 = process.hrtime.bigint();
    const result = await client.query(sql, paramsFor(i));
    ms.push(Number(process.hrtime.bigint() - t0) / 1e6);
    rows = result.rowCount;
  }
  ms.sort((a, b) => a - b);
  return { p50: quantile(ms, 0.5), p95: quantile(ms, 0.95), rows };
}

async function seed(client) {
  const t0 = Date.now();
  const jsonParams = `jsonb_build_object(${KEYS.map(([k, expr]) => `'${k}', ${expr}`).join(', ')})`;
  const jsonMetrics = `jsonb_build_object(${METRICS.map((m) => `'${m}', jsonb_build_object('last', v.${m}, 'min', v.${m} * 0.9, 'max', v.${m} * 1.1)`).join(', ')})`;
  await client.query(`
    CREATE TABLE run (id bigint PRIMARY KEY, experiment_id int NOT NULL, params jsonb NOT NULL, metrics jsonb NOT NULL);
    INSERT INTO run
      SELECT g, 1, ${jsonParams}, ${jsonMetrics}
      FROM generate_series(1, ${RUNS}) g,
           LATERAL (SELECT random() * 2 + g * 0 AS loss, random() + g * 0 AS accuracy, random() * 2 + g * 0 AS val_loss, 0.5 + random() * 0.45 + g * 0 AS val_accuracy) v;
    CREATE INDEX run_params_gin ON run USING gin (params jsonb_path_ops);
    CREATE INDEX run_experiment ON run (experiment_id, id);

    CREATE TABLE run_param (run_id bigint NOT NULL, key text NOT NULL, num double precision, str text, bool boolean, PRIMARY KEY (run_id, key));
    INSERT INTO run_param
      SELECT r.id, e.key,
        CASE WHEN jsonb_typeof(e.value) = 'number' THEN (e.value #>> '{}')::double precision END,
        CASE WHEN jsonb_typeof(e.value) = 'string' THEN e.value #>> '{}' END,
        CASE WHEN jsonb_typeof(e.value) = 'boolean' THEN (e.value #>> '{}')::boolean END
      FROM run r, jsonb_each(r.params) e;
    CREATE INDEX run_param_num ON run_param (key, num, run_id);
    CREATE INDEX run_param_str ON run_param (key, str, run_id);

    CREATE TABLE run_metric (run_id bigint NOT NULL, experiment_id int NOT NULL, key text NOT NULL, last double precision, min double precision, max double precision, PRIMARY KEY (run_id, key));
    INSERT INTO run_metric
      SELECT r.id, r.experiment_id, e.key, (e.value->>'last')::float8, (e.value->>'min')::float8, (e.value->>'max')::float8 FROM run r, jsonb_each(r.metrics) e;
    CREATE INDEX run_metric_last ON run_metric (experiment_id, key, last, run_id);
    ANALYZE;
  `);
  return (Date.now() - t0) / 1000;
}

const num = (col, key) => `(CASE WHEN jsonb_typeof(${col}->'${key}') = 'number' THEN (${col}->>'${key}')::float8 END)`;

const QUERIES = {
  'adam and val_accuracy > X, by lr desc, 50': {
    params: (i) => [0.8 + (i % 10) * 0.01],
    jsonb: `SELECT id, params FROM run WHERE experiment_id = 1 AND params @> '{"optimizer":"adam"}' AND ${num("metrics->'val_accuracy'", 'last')} > $1
            ORDER BY ${num('params', 'lr')} DESC NULLS LAST, id LIMIT 50`,
    hybrid: `SELECT r.id, r.params FROM run r WHERE r.experiment_id = 1 AND r.params @> '{"optimizer":"adam"}'
           AND EXISTS (SELECT 1 FROM run_metric m WHERE m.run_id = r.id AND m.key = 'val_accuracy' AND m.last > $1)
         ORDER BY ${num('r.params', 'lr')} DESC NULLS LAST, r.id LIMIT 50`,
    kv: `SELECT r.id, r.params FROM run r JOIN run_param s ON s.run_id = r.id AND s.key = 'lr'
         WHERE r.experiment_id = 1
           AND EXISTS (SELECT 1 FROM run_param p WHERE p.run_id = r.id AND p.key = 'optimizer' AND p.str = 'adam')
           AND EXISTS (SELECT 1 FROM run_metric m WHERE m.run_id = r.id AND m.key = 'val_accuracy' AND m.last > $1)
         ORDER BY s.num DESC NULLS LAST, r.id LIMIT 50`,
  },
  'dropout < X and batch_size >= 128, by val_accuracy desc, 50': {
    params: (i) => [0.1 + (i % 10) * 0.02],
    jsonb: `SELECT id, params FROM run WHERE experiment_id = 1 AND ${num('params', 'dropout')} < $1 AND ${num('params', 'batch_size')} >= 128
            ORDER BY ${num("metrics->'val_accuracy'", 'last')} DESC NULLS LAST, id LIMIT 50`,
    hybrid: `SELECT r.id, r.params FROM run_metric s JOIN run r ON r.id = s.run_id
         WHERE s.experiment_id = 1 AND s.key = 'val_accuracy' AND ${num('r.params', 'dropout')} < $1 AND ${num('r.params', 'batch_size')} >= 128
         ORDER BY s.last DESC, r.id LIMIT 50`,
    kv: `SELECT r.id, r.params FROM run r JOIN run_metric s ON s.run_id = r.id AND s.key = 'val_accuracy'
         WHERE r.experiment_id = 1
           AND EXISTS (SELECT 1 FROM run_param p WHERE p.run_id = r.id AND p.key = 'dropout' AND p.num < $1)
           AND EXISTS (SELECT 1 FROM run_param p WHERE p.run_id = r.id AND p.key = 'batch_size' AND p.num >= 128)
         ORDER BY s.last DESC NULLS LAST, r.id LIMIT 50`,
  },
  'count of the first filter': {
    params: (i) => [0.8 + (i % 10) * 0.01],
    jsonb: `SELECT count(*) FROM run WHERE experiment_id = 1 AND params @> '{"optimizer":"adam"}' AND ${num("metrics->'val_accuracy'", 'last')} > $1`,
    kv: `SELECT count(*) FROM run r WHERE r.experiment_id = 1
           AND EXISTS (SELECT 1 FROM run_param p WHERE p.run_id = r.id AND p.key = 'optimizer' AND p.str = 'adam')
           AND EXISTS (SELECT 1 FROM run_metric m WHERE m.run_id = r.id AND m.key = 'val_accuracy' AND m.last > $1)`,
  },
  'one page of 50 runs with every parameter': {
    params: (i) => [1 + ((i * 7919) % (RUNS - 50))],
    jsonb: `SELECT id, params, metrics FROM run WHERE experiment_id = 1 AND id >= $1 ORDER BY id LIMIT 50`,
    kv: `SELECT r.id, p.key, p.num, p.str, p.bool FROM (SELECT id FROM run WHERE experiment_id = 1 AND id >= $1 ORDER BY id LIMIT 50) r
         JOIN run_param p ON p.run_id = r.id`,
  },
};

const WRITES = {
  params: (i) => [1 + ((i * 104729) % RUNS), Math.random(), Math.random(), Math.random(), Math.random()],
  jsonb: `UPDATE run SET metrics = metrics
            || jsonb_build_object('loss', jsonb_build_object('last', $2::float8, 'min', LEAST((metrics->'loss'->>'min')::float8, $2::float8), 'max', GREATEST((metrics->'loss'->>'max')::float8, $2::float8)))
            || jsonb_build_object('accuracy', jsonb_build_object('last', $3::float8, 'min', LEAST((metrics->'accuracy'->>'min')::float8, $3::float8), 'max', GREATEST((metrics->'accuracy'->>'max')::float8, $3::float8)))
            || jsonb_build_object('val_loss', jsonb_build_object('last', $4::float8, 'min', LEAST((metrics->'val_loss'->>'min')::float8, $4::float8), 'max', GREATEST((metrics->'val_loss'->>'max')::float8, $4::float8)))
            || jsonb_build_object('val_accuracy', jsonb_build_object('last', $5::float8, 'min', LEAST((metrics->'val_accuracy'->>'min')::float8, $5::float8), 'max', GREATEST((metrics->'val_accuracy'->>'max')::float8, $5::float8)))
          WHERE id = $1`,
  kv: `INSERT INTO run_metric (run_id, experiment_id, key, last, min, max)
         SELECT $1, 1, k, v, v, v FROM unnest(array['loss','accuracy','val_loss','val_accuracy'], array[$2::float8,$3::float8,$4::float8,$5::float8]) AS t(k, v)
       ON CONFLICT (run_id, key) DO UPDATE SET last = EXCLUDED.last, min = LEAST(run_metric.min, EXCLUDED.last), max = GREATEST(run_metric.max, EXCLUDED.last)`,
};

async function main() {
  const name = `atelier_bench_params_${randomBytes(4).toString('hex')}`;
  const admin = new Client({ connectionString: SERVER });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const client = new Client({ connectionString: withDatabase(SERVER, name) });
  const results = { runs: RUNS, params: KEYS.length, repeat: REPEAT, queries: {} };
  try {
    await client.connect();
    results.seedSeconds = await seed(client);
    const sizes = await client.query(`SELECT
        pg_total_relation_size('run') AS run_bytes,
        pg_total_relation_size('run_param') + pg_total_relation_size('run_metric') AS kv_bytes`);
    results.sizes = { jsonbMiB: Number(sizes.rows[0].run_bytes) / 2 ** 20, kvExtraMiB: Number(sizes.rows[0].kv_bytes) / 2 ** 20 };

    for (const [label, q] of Object.entries(QUERIES)) {
      results.queries[label] = { jsonb: await time(client, q.jsonb, q.params), kv: await time(client, q.kv, q.params) };
      if (q.hybrid) results.queries[label].hybrid = await time(client, q.hybrid, q.params);
    }
    results.queries['summary write (4 keys, one run)'] = {
      jsonb: await time(client, WRITES.jsonb, WRITES.params),
      kv: await time(client, WRITES.kv, WRITES.params),
    };
    // The best case for jsonb: an expression index per sorted key.
    await client.query(`CREATE INDEX run_lr_expr ON run ((${num('params', 'lr')}) DESC NULLS LAST);
                        CREATE INDEX run_val_acc_expr ON run ((${num("metrics->'val_accuracy'", 'last')}) DESC NULLS LAST);
                        ANALYZE run;`);
    for (const label of Object.keys(QUERIES).slice(0, 2)) {
      results.queries[label]['jsonb+expr'] = await time(client, QUERIES[label].jsonb, QUERIES[label].params);
    }
  } finally {
    await client.end().catch(() => {});
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  }

  if (args.json) {
    console.log(JSON.stringify(results, null, 2));
    return;
  }
  const fmt = (t) => (t ? `${t.p50.toFixed(1).padStart(7)} ${t.p95.toFixed(1).padStart(7)}` : ''.padStart(15));
  console.log(
    `${RUNS.toLocaleString('en')} runs × ${KEYS.length} parameters + 4 metric summaries, seeded in ${results.seedSeconds.toFixed(1)} s`,
  );
  console.log(
    `storage: run table with JSONB ${results.sizes.jsonbMiB.toFixed(0)} MiB; key/value tables add ${results.sizes.kvExtraMiB.toFixed(0)} MiB`,
  );
  console.log(
    `${'query (p50 p95, ms)'.padEnd(62)} ${'jsonb'.padStart(15)}  ${'kv'.padStart(15)}  ${'hybrid'.padStart(15)}  ${'jsonb+expr'.padStart(15)}  kv/jsonb p95`,
  );
  for (const [label, r] of Object.entries(results.queries)) {
    console.log(
      `${label.padEnd(62)} ${fmt(r.jsonb)}  ${fmt(r.kv)}  ${fmt(r.hybrid)}  ${fmt(r['jsonb+expr'])}  ${(r.kv.p95 / r.jsonb.p95).toFixed(2)}`,
    );
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
