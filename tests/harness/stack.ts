import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createTestDatabase, dropRedisPrefix, uniqueRedisPrefix } from '@atelier/db/testing';
import { bootstrapEnv, TEST_ADMIN, type TestAdmin } from './auth';

export const REPO_ROOT = path.resolve(__dirname, '../..');
const DEFAULT_DATASET_DIR = path.resolve(REPO_ROOT, '../shared/datasets');

export interface StackOptions {
  /** Which processes to start; the API always starts. */
  worker?: boolean;
  web?: boolean;
  workerConcurrency?: number;
  /** Extra environment for every process. */
  env?: Record<string, string>;
  /** Extra environment for the first API process only (a fault to inject before a restart). */
  firstApiEnv?: Record<string, string>;
  /**
   * false: the API starts without ATELIER_ADMIN_* (a fresh install: no user, the set-up page open).
   * Default: it creates TEST_ADMIN at boot.
   */
  bootstrap?: boolean;
}

export interface Stack {
  apiUrl: string;
  /** The admin the API created at boot (null with `bootstrap: false`). */
  admin: TestAdmin | null;
  webUrl: string | null;
  databaseUrl: string;
  redisUrl: string;
  redisPrefix: string;
  /** The data directory (ATELIER_DATA_DIR) every process shares. */
  dataDir: string;
  /** Stops every process, keeping the database, Redis prefix and data directory (backup tests). */
  stopProcesses(): Promise<void>;
  /** Starts the API again on the same port (with `extraEnv` on top) and waits for /health. */
  startApi(extraEnv?: Record<string, string>): Promise<ManagedProcess>;
  /** Starts one more worker process against the same database and Redis prefix; `env` adds to the stack's. */
  startWorker(label?: string, env?: Record<string, string>): Promise<ManagedProcess>;
  /** Output of every process so far, for failure messages. */
  logs(): string;
  stop(): Promise<void>;
}

export interface ManagedProcess {
  name: string;
  child: ChildProcess;
  output: string[];
  /** Resolves with the exit code (or signal name) once the process has exited. */
  exited: Promise<number | string>;
  stop(signal?: NodeJS.Signals): Promise<number | string>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

function startProcess(name: string, command: string, args: string[], options: { cwd: string; env: NodeJS.ProcessEnv }): ManagedProcess {
  // Its own process group: stop() then also reaches the worker's sandboxed training children.
  const child = spawn(command, args, { cwd: options.cwd, env: options.env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  const output: string[] = [];
  const keep = (chunk: Buffer) => {
    output.push(
      ...chunk
        .toString()
        .split('\n')
        .filter(Boolean)
        .map((line) => `[${name}] ${line}`),
    );
    if (output.length > 2000) output.splice(0, output.length - 2000);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const exited = new Promise<number | string>((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal ?? -1)));
  return {
    name,
    child,
    output,
    exited,
    async stop(signal: NodeJS.Signals = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill(signal);
        const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
        await exited;
        clearTimeout(timer);
      }
      try {
        process.kill(-child.pid!, 'SIGKILL'); // stragglers of the group
      } catch {
        // none left
      }
      child.stdout.destroy();
      child.stderr.destroy();
      return exited;
    },
  };
}

async function waitForHttp(url: string, processes: ManagedProcess[], timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastError = '';
  while (Date.now() < deadline) {
    const dead = processes.find((p) => p.child.exitCode !== null);
    if (dead)
      throw new Error(`${dead.name} exited with code ${dead.child.exitCode} before ${url} answered:\n${dead.output.slice(-40).join('\n')}`);
    try {
      const response = await fetch(url);
      if (response.ok) return;
      lastError = `HTTP ${response.status}`;
    } catch (error) {
      lastError = (error as Error).message;
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(
    `${url} did not answer within ${timeoutMs} ms (${lastError}):\n${processes.flatMap((p) => p.output.slice(-30)).join('\n')}`,
  );
}

/**
 * Starts the BUILT api, worker and web (run `pnpm build` first) on free ports, against a new
 * database and a new Redis prefix; stop() ends the processes and drops both.
 */
export async function startStack(options: StackOptions = {}): Promise<Stack> {
  const database = await createTestDatabase('system');
  const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
  const redisPrefix = uniqueRedisPrefix('system');
  const dataDir = mkdtempSync(path.join(tmpdir(), 'atelier-data-'));
  const apiPort = await freePort();
  const apiUrl = `http://127.0.0.1:${apiPort}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'production',
    DATABASE_URL: database.url,
    REDIS_URL: redisUrl,
    REDIS_PREFIX: redisPrefix,
    API_PORT: String(apiPort),
    API_HOST: '127.0.0.1',
    ATELIER_DATA_DIR: dataDir,
    ATELIER_DATASET_DIR: process.env.ATELIER_DATASET_DIR ?? DEFAULT_DATASET_DIR,
    ATELIER_API_URL: apiUrl,
    WORKER_CONCURRENCY: String(options.workerConcurrency ?? 1),
    NEXT_TELEMETRY_DISABLED: '1',
    ...(options.bootstrap === false ? {} : bootstrapEnv()),
    ...options.env,
  };
  if (options.bootstrap === false) {
    // none inherited from the shell either
    delete env.ATELIER_ADMIN_EMAIL;
    delete env.ATELIER_ADMIN_PASSWORD;
    delete env.ATELIER_ADMIN_TOKEN;
  }

  const processes: ManagedProcess[] = [];
  const stopped: ManagedProcess[] = [];
  let workers = 0;
  const startWorker = (label = `worker-${++workers}`, extra: Record<string, string> = {}) => {
    const worker = startProcess(label, process.execPath, [path.join(REPO_ROOT, 'apps/worker/dist/main.js')], {
      cwd: REPO_ROOT,
      env: { ...env, ...extra },
    });
    processes.push(worker);
    return Promise.resolve(worker);
  };
  const stop = async () => {
    await Promise.all(processes.map((p) => p.stop()));
    await dropRedisPrefix(redisUrl, redisPrefix);
    await database.drop();
    rmSync(dataDir, { recursive: true, force: true });
  };

  const startApi = async (extraEnv: Record<string, string> = {}) => {
    const api = startProcess('api', process.execPath, [path.join(REPO_ROOT, 'apps/api/dist/main.js')], {
      cwd: REPO_ROOT,
      env: { ...env, ...extraEnv },
    });
    processes.push(api);
    await waitForHttp(`${apiUrl}/health`, [api], 60_000);
    return api;
  };
  const stopProcesses = async () => {
    await Promise.all(processes.map((p) => p.stop()));
    stopped.push(...processes.splice(0));
  };

  try {
    await startApi(options.firstApiEnv);
    if (options.worker !== false) await startWorker();
    let webUrl: string | null = null;
    if (options.web) {
      const webPort = await freePort();
      webUrl = `http://127.0.0.1:${webPort}`;
      const nextBin = require.resolve('next/dist/bin/next', { paths: [path.join(REPO_ROOT, 'apps/web')] });
      processes.push(
        startProcess('web', process.execPath, [nextBin, 'start', '-p', String(webPort), '-H', '127.0.0.1'], {
          cwd: path.join(REPO_ROOT, 'apps/web'),
          env: { ...env, WEB_PORT: String(webPort) },
        }),
      );
      await waitForHttp(webUrl, processes, 60_000);
    }
    return {
      apiUrl,
      admin: options.bootstrap === false ? null : TEST_ADMIN,
      webUrl,
      databaseUrl: database.url,
      redisUrl,
      redisPrefix,
      dataDir,
      stopProcesses,
      startApi,
      startWorker,
      logs: () => [...stopped, ...processes].flatMap((p) => p.output).join('\n'),
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** Polls `probe` until it returns a value other than undefined, or fails with `describe()`. */
export async function waitFor<T>(
  probe: () => Promise<T | undefined>,
  options: { timeoutMs: number; what: string; describe?: () => string },
): Promise<T> {
  const deadline = Date.now() + options.timeoutMs;
  while (Date.now() < deadline) {
    const value = await probe();
    if (value !== undefined) return value;
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(
    `timed out after ${options.timeoutMs} ms waiting for ${options.what}${options.describe ? `\n${options.describe()}` : ''}`,
  );
}

export interface E2eServers {
  /** Null when the spec runs against servers it did not start. */
  stack: Stack | null;
  webUrl: string;
  apiUrl: string | null;
}

/**
 * The servers an e2e spec drives: the running ones E2E_WEB_URL names (and E2E_API_URL, when the
 * spec calls the API itself), else a fresh stack with the web app. stack?.stop() ends it.
 */
export async function startE2eServers(options: StackOptions & { api: true }): Promise<E2eServers & { apiUrl: string }>;
export async function startE2eServers(options?: StackOptions & { api?: false }): Promise<E2eServers>;
export async function startE2eServers({ api = false, ...options }: StackOptions & { api?: boolean } = {}): Promise<E2eServers> {
  const external = { web: process.env.E2E_WEB_URL, api: process.env.E2E_API_URL };
  if (external.web && (external.api || !api)) return { stack: null, webUrl: external.web, apiUrl: external.api ?? null };
  const stack = await startStack({ ...options, web: true });
  if (!stack.webUrl) throw new Error('the harness started no web app');
  return { stack, webUrl: stack.webUrl, apiUrl: stack.apiUrl };
}
