import type { PrismaClient } from '@atelier/db/client';
import type { TCreateExperimentRequest, TExperimentDetail } from '@atelier/domain';
import { type Stack, startStack, waitFor } from '../harness/stack';
import {
  api,
  createExperiment,
  epochRowsByFold,
  getExperiment,
  openDatabase,
  range,
  sleep,
  tail,
  waitForExperiment,
} from '../harness/search';

// Pause, resume and cancel against a worker process that is training: a pause stops the
// running folds within seconds and holds the rest, a resume finishes the search with one set
// of epoch rows per fold, and a paused search can be cancelled.

const EPOCHS = 3;

const request = (overrides: Partial<TCreateExperimentRequest> = {}): TCreateExperimentRequest => ({
  name: 'paused and resumed',
  dataset: 'fashion-mnist',
  space: {
    architecture: ['cnn-a'],
    batchSize: [32, 64],
    epochs: [EPOCHS],
    activation: ['relu'],
    optimizer: ['adam', 'sgd'],
    learningRate: [0.003],
    momentum: [0.9],
  },
  validation: { kind: 'kfold', folds: 2 },
  trainingSlice: 900,
  seed: 21,
  priority: 1,
  ...overrides,
});

const folds = (experiment: TExperimentDetail) => experiment.trials.flatMap((t) => t.folds);
const epochsDone = (experiment: TExperimentDetail) => folds(experiment).reduce((n, f) => n + f.epochsCompleted, 0);

describe('pause, resume and cancel with a running worker', () => {
  let stack: Stack;
  let prisma: PrismaClient;
  beforeAll(async () => {
    stack = await startStack({ worker: true, workerConcurrency: 2 });
    prisma = openDatabase(stack);
  });
  afterAll(async () => {
    await (prisma as PrismaClient | undefined)?.$disconnect();
    await (stack as Stack | undefined)?.stop();
  });

  /** Waits until a fold is running and has finished at least one epoch of its EPOCHS. */
  const midFold = (id: string) =>
    waitFor(
      async () =>
        (await getExperiment(stack, id)).trials.some((t) =>
          t.folds.some((f) => f.status === 'running' && f.epochsCompleted >= 1 && f.epochsCompleted < EPOCHS),
        )
          ? true
          : undefined,
      { timeoutMs: 60_000, what: 'a fold in the middle of its training', describe: tail(stack) },
    );

  /** Waits until no fold of the experiment runs, then checks nothing moves for a while. */
  async function expectStill(id: string): Promise<TExperimentDetail> {
    const settled = await waitFor(
      async () => {
        const experiment = await getExperiment(stack, id);
        return folds(experiment).some((f) => f.status === 'running' || f.status === 'queued') ? undefined : experiment;
      },
      { timeoutMs: 15_000, what: 'the running folds to stop', describe: tail(stack) },
    );
    await sleep(2_500);
    const later = await getExperiment(stack, id);
    expect(epochsDone(later)).toBe(epochsDone(settled));
    expect(folds(later).map((f) => f.status)).toEqual(folds(settled).map((f) => f.status));
    return later;
  }

  it('pause stops the running folds and holds the rest; resume completes with one set of epoch rows per fold', async () => {
    const created = await createExperiment(stack, request());
    await midFold(created.id);
    const paused = await api(stack, 'POST', `/experiments/${created.id}/pause`);
    expect(paused.status).toBe(200);
    expect((paused.json as TExperimentDetail).status).toBe('paused');

    const held = await expectStill(created.id);
    expect(held.status).toBe('paused');
    // something was cut short and something never started: both wait as paused
    const heldFolds = folds(held);
    expect(heldFolds.every((f) => f.status === 'paused' || f.status === 'completed')).toBe(true);
    expect(heldFolds.filter((f) => f.status === 'paused').length).toBeGreaterThan(0);
    for (const trial of held.trials) {
      const complete = trial.folds.every((f) => f.status === 'completed');
      expect(trial.status).toBe(complete ? 'completed' : 'paused');
    }
    // a paused fold keeps no partial epochs as progress; its rows restart on resume
    for (const fold of heldFolds.filter((f) => f.status === 'paused')) expect(fold.epochsCompleted).toBe(0);
    // pausing twice is refused with a message
    const again = await api(stack, 'POST', `/experiments/${created.id}/pause`);
    expect(again.status).toBe(409);
    expect((again.json as { message: string }).message).toMatch(/paused/);

    const resumed = await api(stack, 'POST', `/experiments/${created.id}/resume`);
    expect(resumed.status).toBe(200);
    expect(['queued', 'running']).toContain((resumed.json as TExperimentDetail).status);
    const done = await waitForExperiment(stack, created.id, { timeoutMs: 120_000 });
    expect(done.status).toBe('completed');
    for (const trial of done.trials) {
      expect(trial.status).toBe('completed');
      expect(trial.meanValAccuracy).not.toBeNull();
    }
    const rows = await epochRowsByFold(prisma, created.id);
    for (const fold of folds(done)) {
      expect(fold.status).toBe('completed');
      expect(fold.epochsCompleted).toBe(EPOCHS);
      expect((rows.get(fold.id) ?? []).map((r) => r.epoch)).toEqual(range(EPOCHS));
    }
    // and a completed search cannot be resumed
    expect((await api(stack, 'POST', `/experiments/${created.id}/resume`)).status).toBe(409);
  });

  it('a paused search can be cancelled, and nothing trains afterwards', async () => {
    const created = await createExperiment(stack, request({ name: 'paused then cancelled', seed: 22 }));
    await midFold(created.id);
    expect((await api(stack, 'POST', `/experiments/${created.id}/pause`)).status).toBe(200);
    await expectStill(created.id);

    const cancelled = await api(stack, 'POST', `/experiments/${created.id}/cancel`);
    expect(cancelled.status).toBe(200);
    expect((cancelled.json as TExperimentDetail).status).toBe('cancelled');
    const after = await expectStill(created.id);
    expect(after.status).toBe('cancelled');
    expect(folds(after).every((f) => f.status === 'cancelled' || f.status === 'completed')).toBe(true);
    expect(after.trials.some((t) => t.status === 'cancelled')).toBe(true);
    // a cancelled search is not resumed
    expect((await api(stack, 'POST', `/experiments/${created.id}/resume`)).status).toBe(409);
  });
});
