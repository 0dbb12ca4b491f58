'use strict';
// Starts the BUILT api, worker (and optionally web) for a benchmark, against a new database and
// Redis prefix, like tests/harness/stack.ts does for the system tests; stop() removes both.
// Run `pnpm build` first. Shared by bench/search and bench/ui.
const { spawn } = require('node:child_process');
const crypto = require('node:crypto');
const fs = require('node:fs');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '../..');
const { createTestDatabase, dropRedisPrefix, uniqueRedisPrefix } = require(path.join(ROOT, 'packages/db/dist/testing.js'));
const { ensureDatabase } = require(path.join(ROOT, 'packages/db/dist/create-database.js'));
const { withDatabaseName } = require(path.join(ROOT, 'packages/db/dist/database-url.js'));
const { migrate } = require(path.join(ROOT, 'packages/db/dist/migrate.js'));

/** A database of that name on DATABASE_URL's server, created when missing; stop() leaves it. */
async function keptDatabase(name) {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(name)) throw new Error(`--keep-db: '${name}' is not a plain database name ([a-z_][a-z0-9_]*)`);
  const url = withDatabaseName(process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres', name);
  const created = await ensureDatabase(url);
  console.error(
    `database ${name}: ${created ? 'created' : 'reused'}, kept afterwards (drop it with: dropdb -h 127.0.0.1 -U postgres ${name})`,
  );
  // migrated here, not by the API at boot: a migration that backfills a seeded database (a million
  // runs) takes minutes, longer than the stack waits for /health
  const t0 = Date.now();
  const applied = await migrate(url);
  if (applied.length > 0) console.error(`database ${name}: applied ${applied.join(', ')} in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  return { url, drop: () => Promise.resolve() };
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

function start(name, args, options) {
  // Own process group, so stop() also reaches the worker's sandboxed training children.
  const child = spawn(process.execPath, args, { cwd: options.cwd, env: options.env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  const log = options.log ? fs.createWriteStream(options.log, { flags: 'a' }) : null;
  const output = [];
  const counts = new Map(); // pattern source -> lines matched so far (output keeps only the last 500)
  const keep = (chunk) => {
    const lines = chunk
      .toString()
      .split('\n')
      .filter(Boolean)
      .map((line) => `[${name}] ${line}`);
    for (const entry of counts.values()) entry.n += lines.filter((line) => entry.re.test(line)).length;
    output.push(...lines);
    if (output.length > 500) output.splice(0, output.length - 500);
    log?.write(`${lines.join('\n')}\n`);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal)));
  return {
    name,
    child,
    output,
    exited,
    /** How many lines so far matched `pattern` (counted from the first call on, and the output kept before it). */
    matched(pattern) {
      if (!counts.has(pattern.source)) counts.set(pattern.source, { re: pattern, n: output.filter((line) => pattern.test(line)).length });
      return counts.get(pattern.source).n;
    },
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
        await exited;
        clearTimeout(timer);
      }
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        // the group is gone
      }
    },
  };
}

async function waitForHttp(url, processes, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const dead = processes.find((p) => p.child.exitCode !== null);
    if (dead) throw new Error(`${dead.name} exited before ${url} answered:\n${dead.output.slice(-30).join('\n')}`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${url} did not answer within ${timeoutMs} ms`);
}

/** Until `count` lines of the process's output match `pattern` (the worker's children logging that they are warm). */
async function waitForOutput(processHandle, pattern, count, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (processHandle.child.exitCode !== null)
      throw new Error(`${processHandle.name} exited:\n${processHandle.output.slice(-30).join('\n')}`);
    if (processHandle.matched(pattern) >= count) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${processHandle.name} did not print ${count} × ${pattern} within ${timeoutMs} ms`);
}

/** CPU seconds (user + system) a process has used, from /proc (Linux); null when it is gone. */
function processCpuSeconds(pid) {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
  } catch {
    return null;
  }
}
const CLOCK_TICKS = 100; // sysconf(_SC_CLK_TCK) on Linux

/** The pids whose parent is `pid` (the worker's sandboxed training children). */
function childPids(pid) {
  return fs
    .readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .filter((name) => {
      try {
        const stat = fs.readFileSync(`/proc/${name}/stat`, 'utf8');
        return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === pid;
      } catch {
        return false;
      }
    })
    .map(Number);
}

/** Busy and total CPU seconds of the whole machine so far, from /proc/stat (every process, other agents' too). */
function machineCpuSeconds() {
  const [, ...values] = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/);
  const ticks = values.map(Number);
  const idle = ticks[3] + ticks[4];
  const total = ticks.slice(0, 8).reduce((a, b) => a + b, 0);
  return { busy: (total - idle) / CLOCK_TICKS, total: total / CLOCK_TICKS };
}

/**
 * The API needs credentials: unless ATELIER_TOKEN names a token of a running admin, the stack boots
 * with a bench admin (ATELIER_ADMIN_*) whose fresh token every bench request then carries
 * (bench/http.js reads ATELIER_TOKEN). The API upserts that token at every boot, so a kept
 * database works again with the next run's token.
 */
function benchAdminEnv(keepDatabase) {
  if (process.env.ATELIER_TOKEN) return {};
  const token = `atl_${crypto.randomBytes(32).toString('base64url')}`;
  process.env.ATELIER_TOKEN = token;
  // the API creates the admin only in an empty database: a kept one keeps its first password, so
  // that one is derived from the database's name (a local bench database, not a secret)
  const password = keepDatabase
    ? `pw-${crypto.createHash('sha256').update(`atelier bench ${keepDatabase}`).digest('base64url').slice(0, 24)}`
    : `pw-${crypto.randomBytes(18).toString('base64url')}`;
  return { ATELIER_ADMIN_EMAIL: 'bench@atelier.local', ATELIER_ADMIN_PASSWORD: password, ATELIER_ADMIN_TOKEN: token };
}

/**
 * { apiUrl, webUrl, databaseUrl, admin: { email, password } | null, stop() }. `workerConcurrency` 0 starts no worker; `warmChildren` waits until its training children are warm; `log` is a
 * file that receives every process's output. `keepDatabase`: a database name to use (created if
 * missing, migrated by the API at boot) and to keep afterwards, so a long seed is paid once.
 */
async function startStack({
  workerConcurrency = os.availableParallelism(),
  web = false,
  log = null,
  env: extra = {},
  keepDatabase = null,
  warmChildren = false,
} = {}) {
  const database = keepDatabase ? await keptDatabase(keepDatabase) : await createTestDatabase('bench');
  const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
  const redisPrefix = uniqueRedisPrefix('bench');
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'atelier-bench-'));
  const apiPort = await freePort();
  const apiUrl = `http://127.0.0.1:${apiPort}`;
  const env = {
    ...process.env,
    NODE_ENV: 'production',
    DATABASE_URL: database.url,
    REDIS_URL: redisUrl,
    REDIS_PREFIX: redisPrefix,
    API_PORT: String(apiPort),
    API_HOST: '127.0.0.1',
    ATELIER_DATA_DIR: dataDir,
    ATELIER_DATASET_DIR: process.env.ATELIER_DATASET_DIR ?? path.resolve(ROOT, '../shared/datasets'),
    ATELIER_API_URL: apiUrl,
    WORKER_CONCURRENCY: String(Math.max(1, workerConcurrency)),
    NEXT_TELEMETRY_DISABLED: '1',
    ...benchAdminEnv(keepDatabase),
    ...extra,
  };
  // who the browser signs in as (the web pages take a session, not a token)
  const admin =
    env.ATELIER_ADMIN_EMAIL && env.ATELIER_ADMIN_PASSWORD ? { email: env.ATELIER_ADMIN_EMAIL, password: env.ATELIER_ADMIN_PASSWORD } : null;
  const processes = [];
  const stop = async () => {
    await Promise.all(processes.map((p) => p.stop()));
    await dropRedisPrefix(redisUrl, redisPrefix).catch(() => undefined);
    await database.drop().catch(() => undefined);
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    processes.push(start('api', [path.join(ROOT, 'apps/api/dist/main.js')], { cwd: ROOT, env, log }));
    await waitForHttp(`${apiUrl}/health`, processes, 60_000);
    if (workerConcurrency > 0) {
      const worker = start('worker', [path.join(ROOT, 'apps/worker/dist/main.js')], { cwd: ROOT, env, log });
      processes.push(worker);
      // An idle worker, as a user's would be: every slot's child warm (sandbox.processor.ts) and jobs being taken.
      if (warmChildren) {
        await waitForOutput(worker, /training child ready/, Math.max(1, workerConcurrency), 120_000);
        await waitForOutput(worker, /worker started/, 1, 120_000);
      }
    }
    let webUrl = null;
    if (web) {
      const webPort = await freePort();
      webUrl = `http://127.0.0.1:${webPort}`;
      const nextBin = require.resolve('next/dist/bin/next', { paths: [path.join(ROOT, 'apps/web')] });
      processes.push(
        start('web', [nextBin, 'start', '-p', String(webPort), '-H', '127.0.0.1'], {
          cwd: path.join(ROOT, 'apps/web'),
          env: { ...env, WEB_PORT: String(webPort) },
          log,
        }),
      );
      await waitForHttp(webUrl, processes, 60_000);
    }
    /** CPU seconds so far of the API, the worker's own process, its training children, and the machine (see machineCpuSeconds). */
    const cpu = () => {
      const of = (name) => processes.find((p) => p.name === name)?.child.pid;
      const workerPid = of('worker');
      const children = workerPid ? childPids(workerPid) : [];
      return {
        api: processCpuSeconds(of('api')) ?? 0,
        worker: workerPid ? (processCpuSeconds(workerPid) ?? 0) : 0,
        children: Object.fromEntries(children.map((pid) => [pid, processCpuSeconds(pid) ?? 0])),
        machine: machineCpuSeconds(),
      };
    };
    return { apiUrl, webUrl, databaseUrl: database.url, admin, stop, cpu };
  } catch (error) {
    await stop();
    throw error;
  }
}

module.exports = { startStack, freePort, benchAdminEnv, ROOT };
