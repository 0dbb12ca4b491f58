import type { PrismaClient } from '@atelier/db/client';
import type { TCreateExperimentRequest } from '@atelier/domain';
import { adminFetch } from '../harness/auth';
import { type Stack, startStack } from '../harness/stack';
import { openDatabase, waitForExperiment } from '../harness/search';

// The API saves a search and then queues its jobs: killed between the two (SIGKILL, by the
// ATELIER_FAULT_AFTER_SAVE test hook), it leaves rows queued that no worker would ever see. The
// next API to start queues them (QueueReconciler), and a worker trains the search to the end.

const request: TCreateExperimentRequest = {
  name: 'saved by an API killed before queueing',
  dataset: 'fashion-mnist',
  space: {
    architecture: ['mlp'],
    batchSize: [64],
    epochs: [1],
    activation: ['relu'],
    optimizer: ['adam', 'sgd'],
    learningRate: [0.003],
    momentum: [0.9],
  },
  validation: { kind: 'kfold', folds: 2 },
  trainingSlice: 600,
  seed: 5,
  priority: 1,
};

describe('an API killed between saving a search and queueing it', () => {
  let stack: Stack;
  let prisma: PrismaClient;
  beforeAll(async () => {
    stack = await startStack({ worker: false, firstApiEnv: { ATELIER_FAULT_AFTER_SAVE: 'exit' } });
    prisma = openDatabase(stack);
  });
  afterAll(async () => {
    await (prisma as PrismaClient | undefined)?.$disconnect();
    await (stack as Stack | undefined)?.stop();
  });

  it('is queued by the restarted API and trained to the end by a worker', async () => {
    // the API dies mid-request: the client sees the connection drop, not an answer
    const answer = await adminFetch(`${stack.apiUrl}/experiments`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(request),
    }).then(
      (response) => `answered ${response.status}`,
      (error: unknown) => `dropped (${(error as Error).message})`,
    );
    expect(answer).toMatch(/^dropped/);
    const saved = await prisma.experiment.findFirstOrThrow({
      where: { name: request.name },
      include: { trials: { include: { foldRuns: true } } },
    });
    expect(saved.status).toBe('queued');
    expect(saved.trials.flatMap((t) => t.foldRuns.map((f) => f.status))).toEqual(['queued', 'queued', 'queued', 'queued']);
    // a worker alone finds nothing to train: the jobs were never queued
    await stack.startWorker();
    await new Promise((resolve) => setTimeout(resolve, 8_000));
    const waiting = await prisma.foldRun.findMany({ where: { trial: { experimentId: saved.id } }, select: { status: true } });
    expect(waiting.map((f) => f.status)).toEqual(['queued', 'queued', 'queued', 'queued']);

    await stack.startApi();
    const done = await waitForExperiment(stack, saved.id, { timeoutMs: 240_000 });
    expect(done.status).toBe('completed');
    expect(done.trialCounts.completed).toBe(2);
    expect(done.trials.flatMap((t) => t.folds.map((f) => f.status))).toEqual(['completed', 'completed', 'completed', 'completed']);
  }, 300_000);
});
