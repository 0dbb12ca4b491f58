import { trainFoldJobId, ZFoldTimings } from '@atelier/domain';
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { createHarness, enqueueFolds, seedExperiment, waitFor, type Harness } from './support';

/**
 * The production path: `node dist/main.js` (compiled here first), which migrates the database
 * and trains in BullMQ sandboxed child processes, WORKER_CONCURRENCY at a time.
 */
describe('worker process (dist/main.js, sandboxed children)', () => {
  const root = join(__dirname, '..');
  let h: Harness;
  const processes: ChildProcess[] = [];

  const startMain = (id: string, concurrency: number) => {
    const output: string[] = [];
    const child = spawn(process.execPath, [join(root, 'dist/main.js')], {
      cwd: root,
      env: {
        PATH: process.env.PATH,
        DATABASE_URL: h.config.databaseUrl,
        REDIS_URL: h.config.redisUrl,
        REDIS_PREFIX: h.prefix,
        WORKER_CONCURRENCY: String(concurrency),
        ATELIER_DATASET_DIR: h.config.datasetDirs.join(':'),
        ATELIER_DATA_DIR: h.config.dataDir,
        ATELIER_TF_BACKEND: 'wasm',
        WORKER_ID: id,
        WORKER_SHUTDOWN_GRACE_MS: '20000',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
      // its own process group, so cleanup also reaches the sandboxed training children, which
      // share these pipes and would otherwise keep jest waiting
      detached: true,
    });
    child.stdout.on('data', (chunk: Buffer) => output.push(chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => output.push(chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    processes.push(child);
    return { child, output, exited };
  };

  beforeAll(async () => {
    execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', join(root, 'tsconfig.build.json')], { stdio: 'inherit' });
    h = await createHarness('process');
  });

  afterAll(async () => {
    for (const child of processes) {
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        // the whole group has exited already
      }
      child.stdout?.destroy();
      child.stderr?.destroy();
    }
    await h.teardown();
  });

  it('exits 1 with a clear message on an invalid configuration', () => {
    let status: number | null = null;
    let stderr = '';
    try {
      execFileSync(process.execPath, [join(root, 'dist/main.js')], { env: { PATH: process.env.PATH, REDIS_URL: 'nope' }, stdio: 'pipe' });
    } catch (error) {
      status = (error as { status: number }).status;
      stderr = String((error as { stderr: Buffer }).stderr);
    }
    expect(status).toBe(1);
    expect(stderr).toContain('Invalid worker configuration');
    expect(stderr).toContain('DATABASE_URL is required');
    expect(stderr).toContain('REDIS_URL must start with redis://');
  });

  it('trains folds in parallel child processes, then shuts down on SIGTERM requeueing the running folds', async () => {
    const seeded = await seedExperiment(h.prisma, {
      trials: [
        { learningRate: 0.01, epochs: 3, batchSize: 16 },
        { learningRate: 0.003, epochs: 3, batchSize: 16 },
      ],
      validation: { kind: 'kfold', folds: 2 },
      trainingSlice: 300,
    });
    // Both slots' children start with the worker, TF.js and the default dataset loaded, before any job
    const first = startMain('proc-a', 2);
    const readyChildren = () =>
      first.output
        .join('')
        .split('\n')
        .filter((line) => line.includes('training child ready')).length;
    await waitFor('both training children to be ready', () => {
      if (first.child.exitCode !== null) throw new Error(`worker exited early:\n${first.output.join('')}`);
      return Promise.resolve(readyChildren() === 2 ? true : null);
    });
    const started = first.output
      .join('')
      .split('\n')
      .filter((line) => line.includes('"training children started"'))
      .map((line) => JSON.parse(line) as { children: number });
    expect(started.map((line) => line.children)).toEqual([2]);
    // and each trained a few warm-up batches before its first job (packages/ml warm-up.ts), so
    // the first fold's first epoch, the quick start's first point, does not run on cold code
    const ready = first.output
      .join('')
      .split('\n')
      .filter((line) => line.includes('"training child ready"'))
      .map((line) => JSON.parse(line) as { trainingWarmUpMs?: unknown });
    expect(ready).toHaveLength(2);
    for (const line of ready) expect(line.trainingWarmUpMs).toEqual(expect.any(Number));
    await enqueueFolds(h.queue, seeded);
    const experiment = await waitFor('the experiment to finish', async () => {
      if (first.child.exitCode !== null) throw new Error(`worker exited early:\n${first.output.join('')}`);
      return h.prisma.experiment.findFirst({ where: { id: seeded.experimentId, finishedAt: { not: null } } });
    });
    expect(experiment.status).toBe('completed');

    const folds = await h.prisma.foldRun.findMany({ where: { trial: { experimentId: seeded.experimentId } } });
    expect(folds.map((f) => f.status)).toEqual(['completed', 'completed', 'completed', 'completed']);
    // two children, each named after the worker and its own pid
    const children = new Set(folds.map((f) => f.workerId));
    expect(children.size).toBe(2);
    for (const id of children) expect(id).toMatch(/^proc-a\/\d+$/);
    // so no fold paid for starting a process or loading TF.js and the data (about 1.5 s each before)
    for (const fold of folds) {
      const timings = ZFoldTimings.parse(fold.timings);
      expect(timings.phases.pickup).toBeLessThan(0.5);
      expect(timings.phases.load).toBeLessThan(0.5);
    }
    expect(readyChildren()).toBe(2);
    // and they trained at the same time
    const overlapping = folds.some((a) =>
      folds.some((b) => a !== b && a.workerId !== b.workerId && a.startedAt! < b.finishedAt! && b.startedAt! < a.finishedAt!),
    );
    expect(overlapping).toBe(true);

    // graceful shutdown in the middle of long folds
    const long = await seedExperiment(h.prisma, {
      trials: [{ learningRate: 0.01, epochs: 300, batchSize: 8 }],
      validation: { kind: 'kfold', folds: 2 },
      trainingSlice: 240,
    });
    await enqueueFolds(h.queue, long);
    await waitFor('both folds to train an epoch', async () => {
      const n = await h.prisma.foldRun.count({
        where: { trial: { experimentId: long.experimentId }, status: 'running', epochsCompleted: { gte: 1 } },
      });
      return n === 2;
    });
    const stopAt = Date.now();
    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);
    expect(Date.now() - stopAt).toBeLessThan(15_000);
    expect(first.output.join('')).toContain('worker stopped');

    const requeued = await h.prisma.foldRun.findMany({ where: { trial: { experimentId: long.experimentId } } });
    expect(requeued.map((f) => f.status)).toEqual(['queued', 'queued']);
    for (const fold of [0, 1]) {
      const job = (await h.queue.getJob(trainFoldJobId({ experimentId: long.experimentId, trialNumber: 1, fold })))!;
      expect(['waiting', 'prioritized']).toContain(await job.getState());
      expect(job.attemptsMade).toBe(0);
    }
    expect(await h.queue.getActiveCount()).toBe(0);

    // another worker picks them up
    const second = startMain('proc-b', 1);
    const resumed = await waitFor('a fold to resume on the second worker', async () =>
      h.prisma.foldRun.findFirst({
        where: { trial: { experimentId: long.experimentId }, status: 'running', workerId: { startsWith: 'proc-b/' } },
      }),
    );
    expect(resumed.attempts).toBe(2);
    second.child.kill('SIGTERM');
    expect(await second.exited).toBe(0);
    if (process.env.DEBUG_WORKER_LOGS) console.log(first.output.join(''), second.output.join(''));
  });
});
