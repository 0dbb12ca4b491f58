import type { PrismaClient } from '@atelier/db/client';
import type { TCreateExperimentRequest } from '@atelier/domain';
import { type ManagedProcess, type Stack, startStack, waitFor } from '../harness/stack';
import { createExperiment, epochRowsByFold, openDatabase, range, tail, waitForExperiment } from '../harness/search';

// Two worker processes on one queue share a search, and no trial-fold is trained twice.

const EPOCHS = 2;

const request: TCreateExperimentRequest = {
  name: 'shared by two workers',
  dataset: 'fashion-mnist',
  space: {
    architecture: ['cnn-a'],
    batchSize: [64, 128],
    epochs: [EPOCHS],
    activation: ['relu', 'tanh'],
    optimizer: ['adam'],
    learningRate: [0.003, 0.001],
    momentum: [0.9],
  },
  validation: { kind: 'kfold', folds: 2 },
  trainingSlice: 600,
  seed: 41,
  priority: 1,
};

describe('two worker processes', () => {
  let stack: Stack;
  let prisma: PrismaClient;
  let workers: ManagedProcess[];
  beforeAll(async () => {
    stack = await startStack({ worker: false, workerConcurrency: 1 });
    prisma = openDatabase(stack);
    workers = [await stack.startWorker('worker-a'), await stack.startWorker('worker-b')];
    // both ready before the first job exists, so neither gets a head start
    await waitFor(
      () => Promise.resolve(workers.every((w) => w.output.some((line) => line.includes('worker started'))) ? true : undefined),
      {
        timeoutMs: 60_000,
        what: 'both workers to start',
        describe: tail(stack),
      },
    );
  });
  afterAll(async () => {
    await (prisma as PrismaClient | undefined)?.$disconnect();
    await (stack as Stack | undefined)?.stop();
  });

  it('share the work and train every fold exactly once', async () => {
    const created = await createExperiment(stack, request);
    expect(created.trials).toHaveLength(8);
    const done = await waitForExperiment(stack, created.id, { timeoutMs: 120_000 });
    expect(done.status).toBe('completed');

    const folds = await prisma.foldRun.findMany({ where: { trial: { experimentId: created.id } } });
    expect(folds).toHaveLength(16);
    const rows = await epochRowsByFold(prisma, created.id);
    for (const fold of folds) {
      expect(fold.status).toBe('completed');
      expect(fold.attempts).toBe(1);
      expect((rows.get(fold.id) ?? []).map((r) => r.epoch)).toEqual(range(EPOCHS));
    }
    // fold_run.worker_id is `<host>-<worker pid>/<child pid>`: both workers trained folds
    const byWorker = workers.map((w) => folds.filter((f) => f.workerId?.includes(`-${w.child.pid}/`)).length);
    expect(byWorker.every((n) => n > 0)).toBe(true);
    expect(byWorker[0]! + byWorker[1]!).toBe(16);
    // no fold was started by both: the jobs the workers logged as started are all distinct
    const started = workers.flatMap((w) => w.output.filter((line) => line.includes('fold started') && line.includes(created.id)));
    // JSON lines behind the harness's "[worker-n] " prefix
    const keys = started.map((line) => {
      const entry = JSON.parse(line.slice(line.indexOf('{'))) as { trial: number; fold: number };
      return `${entry.trial}:${entry.fold}`;
    });
    expect(keys).toHaveLength(16);
    expect(new Set(keys).size).toBe(16);
  });
});
