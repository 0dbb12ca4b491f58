import { spawn } from 'node:child_process';
import path from 'node:path';
import { createTestDatabase, dropRedisPrefix, uniqueRedisPrefix } from '@atelier/db/testing';
import { REPO_ROOT } from '../harness/stack';

// A worker pointed at a Redis that is not there used to log "worker started", then retry several
// times a second forever. It must say what is wrong and exit non-zero after a bounded wait.

function runWorker(env: NodeJS.ProcessEnv, timeoutMs: number): Promise<{ code: number | null; output: string; ms: number }> {
  const started = Date.now();
  const child = spawn(process.execPath, [path.join(REPO_ROOT, 'apps/worker/dist/main.js')], {
    cwd: REPO_ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return new Promise((resolve) => {
    const killer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.once('exit', (code) => {
      clearTimeout(killer);
      resolve({ code, output, ms: Date.now() - started });
    });
  });
}

describe('a worker that cannot reach Redis at start', () => {
  it('says so, naming the URL without its password, and exits 1 after WORKER_STARTUP_TIMEOUT_MS', async () => {
    const { code, output, ms } = await runWorker(
      {
        REDIS_URL: 'redis://:hunter2@127.0.0.1:1',
        // never reached: Redis is checked first, so no database is created
        DATABASE_URL: 'postgresql://postgres@127.0.0.1:5432/atelier_never_created',
        WORKER_STARTUP_TIMEOUT_MS: '2000',
        WORKER_CONCURRENCY: '1',
      },
      20_000,
    );
    expect(code).toBe(1);
    expect(ms).toBeGreaterThanOrEqual(2_000);
    expect(ms).toBeLessThan(15_000);
    expect(output).toMatch(
      /worker failed to start: Redis is not reachable at redis:\/\/:\*\*\*@127\.0\.0\.1:1 after 2 s \(.*ECONNREFUSED.*\)/,
    );
    expect(output).not.toContain('hunter2');
    expect(output).not.toContain('worker started');
  });
});

describe('a worker that cannot reach PostgreSQL at start', () => {
  it('says so, naming the URL without its password, and exits 1 after WORKER_STARTUP_TIMEOUT_MS', async () => {
    const { code, output, ms } = await runWorker(
      {
        REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
        DATABASE_URL: 'postgresql://postgres:hunter2@127.0.0.1:1/atelier',
        WORKER_STARTUP_TIMEOUT_MS: '2000',
        WORKER_CONCURRENCY: '1',
      },
      20_000,
    );
    expect(code).toBe(1);
    expect(ms).toBeGreaterThanOrEqual(2_000);
    expect(ms).toBeLessThan(15_000);
    expect(output).toMatch(
      /worker failed to start: PostgreSQL is not reachable at postgresql:\/\/postgres:\*\*\*@127\.0\.0\.1:1\/atelier after 2 s \(.*ECONNREFUSED.*\)\. Check DATABASE_URL/,
    );
    expect(output).not.toContain('hunter2');
    expect(output).not.toContain('worker started');
  });
});

describe('an idle worker', () => {
  it('exits 0 within a second of SIGTERM', async () => {
    const database = await createTestDatabase('worker-idle');
    const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
    const prefix = uniqueRedisPrefix('worker-idle');
    try {
      const child = spawn(process.execPath, [path.join(REPO_ROOT, 'apps/worker/dist/main.js')], {
        cwd: REPO_ROOT,
        env: { ...process.env, DATABASE_URL: database.url, REDIS_URL: redisUrl, REDIS_PREFIX: prefix, WORKER_CONCURRENCY: '1' },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let output = '';
      const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no 'worker started' within 60 s:\n${output}`)), 60_000);
        const onData = (chunk: Buffer) => {
          output += chunk.toString();
          if (output.includes('worker started')) {
            clearTimeout(timer);
            resolve();
          }
        };
        child.stdout.on('data', onData);
        child.stderr.on('data', onData);
      });
      // let the worker settle into its blocking wait for jobs, where shutdown used to hang
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      const signalled = Date.now();
      child.kill('SIGTERM');
      const code = await exited;
      const ms = Date.now() - signalled;
      console.log(`idle worker exited ${ms} ms after SIGTERM`);
      expect(code).toBe(0);
      expect(ms).toBeLessThan(1_000);
      expect(output).toContain('worker stopped');
    } finally {
      await dropRedisPrefix(redisUrl, prefix);
      await database.drop();
    }
  });
});
