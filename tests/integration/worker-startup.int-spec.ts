import { spawn } from 'node:child_process';
import path from 'node:path';
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
