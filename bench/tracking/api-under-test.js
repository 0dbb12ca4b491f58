'use strict';
/**
 * The built API (apps/api/dist) started against a fresh database for a benchmark, and the
 * helpers the tracking benchmarks share. Not run in CI. The database is dropped on stop().
 * BENCH_API_NODE_FLAGS adds flags to the API's node, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof"
 * to see where a request's time goes.
 */
const path = require('node:path');
const os = require('node:os');
const fs = require('node:fs');
const { spawn } = require('node:child_process');
const http = require('node:http');
const { randomBytes } = require('node:crypto');

const ROOT = path.resolve(__dirname, '../..');
const { Client } = require(require.resolve('pg', { paths: [path.join(ROOT, 'packages/db')] }));
// one free-port finder, and one bench admin, for every benchmark that starts servers
const { benchAdminEnv, freePort } = require('../search/stack');
const { apiHeaders } = require('../http');
const SERVER = process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const MAIN = path.join(ROOT, 'apps/api/dist/main.js');

function withDatabase(url, name) {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

function quantile(sorted, p) {
  if (sorted.length === 0) return NaN;
  const i = (sorted.length - 1) * p;
  const lo = Math.floor(i);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return sorted[lo] + (i - lo) * (sorted[hi] - sorted[lo]);
}

function stats(ms) {
  const sorted = [...ms].sort((a, b) => a - b);
  return {
    n: sorted.length,
    p50: quantile(sorted, 0.5),
    p95: quantile(sorted, 0.95),
    p99: quantile(sorted, 0.99),
    max: sorted.at(-1) ?? NaN,
  };
}

/** Starts `node apps/api/dist/main.js` on a new database; resolves once GET /health answers 200. */
async function startApi(label, env = {}) {
  if (!fs.existsSync(MAIN)) throw new Error(`${MAIN} is missing: run \`pnpm build\` first`);
  const name = `atelier_bench_${label}_${randomBytes(4).toString('hex')}`;
  const admin = new Client({ connectionString: SERVER });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const databaseUrl = withDatabase(SERVER, name);
  const port = await freePort();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'atelier-bench-'));
  const child = spawn(process.execPath, [...(process.env.BENCH_API_NODE_FLAGS ? process.env.BENCH_API_NODE_FLAGS.split(' ') : []), MAIN], {
    cwd: ROOT,
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      REDIS_URL,
      REDIS_PREFIX: `atelier-bench-${randomBytes(4).toString('hex')}`,
      API_PORT: String(port),
      API_HOST: '127.0.0.1',
      ATELIER_DATA_DIR: dataDir,
      // every route needs credentials: a bench admin whose token timed() sends, unless the bench brings its own
      ...(env.ATELIER_ADMIN_EMAIL ? {} : benchAdminEnv()),
      ...env,
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr = (stderr + chunk).slice(-4000)));
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const url = `http://127.0.0.1:${port}`;

  const stop = async () => {
    if (child.exitCode === null) child.kill('SIGTERM');
    await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
    if (child.exitCode === null) child.kill('SIGKILL');
    const cleanup = new Client({ connectionString: SERVER });
    await cleanup.connect();
    await cleanup.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await cleanup.end();
    fs.rmSync(dataDir, { recursive: true, force: true });
  };

  const deadline = Date.now() + 90_000;
  for (;;) {
    if (child.exitCode !== null) {
      await stop();
      throw new Error(`the API exited (${child.exitCode}) before answering:\n${stderr}`);
    }
    try {
      const response = await fetch(`${url}/health`);
      if (response.status === 200) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`the API did not answer /health within 90 s:\n${stderr}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return { url, databaseUrl, stop, pid: child.pid };
}

// node:http with keep-alive rather than fetch: the load generator shares the machine with the
// API and PostgreSQL, and fetch (undici's WHATWG streams) costs several times the CPU per request.
const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });

/** One timed HTTP request: its status, headers, parsed body and milliseconds. */
function timed(url, init = {}) {
  const t0 = process.hrtime.bigint();
  return new Promise((resolve, reject) => {
    // ATELIER_TOKEN (the bench admin's) unless the caller sends an authorization of its own
    const request = http.request(url, { method: init.method ?? 'GET', headers: apiHeaders(init.headers), agent }, (response) => {
      const chunks = [];
      response.on('data', (chunk) => chunks.push(chunk));
      response.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        const ms = Number(process.hrtime.bigint() - t0) / 1e6;
        try {
          resolve({ status: response.statusCode, headers: response.headers, body: text ? JSON.parse(text) : null, ms });
        } catch (error) {
          reject(error);
        }
      });
      response.on('error', reject);
    });
    request.on('error', reject);
    request.end(init.body);
  });
}

function machine() {
  return `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${os.arch()}, load average ${os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')}`;
}

module.exports = { Client, SERVER, startApi, timed, stats, quantile, machine };
