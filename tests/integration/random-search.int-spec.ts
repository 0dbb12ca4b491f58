import type { PrismaClient } from '@atelier/db/client';
import {
  hyperparametersOf,
  type TCreateExperimentRequest,
  type TExperimentDetail,
  type TExperimentPlan,
  ZCreateExperimentRequest,
  ZExperimentPlan,
} from '@atelier/domain';
import { sampleSpace } from '@atelier/ml/search/random';
import { type Stack, startStack } from '../harness/stack';
import { api, createExperiment, openDatabase } from '../harness/search';

// Random search through the API: the seed alone decides the draws (two experiments with the
// same request get the same trials, another seed gets others), and POST /experiments/plan
// announces exactly what POST /experiments then creates. No worker: nothing needs to train.

const request = (seed: number, overrides: Partial<TCreateExperimentRequest> = {}): TCreateExperimentRequest => ({
  name: `random search, seed ${seed}`,
  dataset: 'fashion-mnist',
  strategy: { kind: 'random', trials: 12 },
  space: {
    architecture: ['cnn-a', 'mlp'],
    batchSize: { dist: 'int', low: 16, high: 256, step: 16, log: false },
    epochs: [1, 2, 3],
    activation: ['relu', 'tanh', 'elu'],
    optimizer: ['adam', 'sgd', 'rmsprop'],
    learningRate: { dist: 'log-uniform', low: 1e-4, high: 1e-1 },
    momentum: { dist: 'uniform', low: 0.5, high: 0.99 },
  },
  validation: { kind: 'kfold', folds: 3 },
  trainingSlice: 600,
  seed,
  priority: 50,
  ...overrides,
});

const hyperparameters = (experiment: TExperimentDetail) =>
  [...experiment.trials].sort((a, b) => a.number - b.number).map((t) => t.hyperparameters);

describe('random search', () => {
  let stack: Stack;
  let prisma: PrismaClient;
  beforeAll(async () => {
    stack = await startStack({ worker: false });
    prisma = openDatabase(stack);
  });
  afterAll(async () => {
    await (prisma as PrismaClient | undefined)?.$disconnect();
    await (stack as Stack | undefined)?.stop();
  });

  async function plan(body: TCreateExperimentRequest): Promise<TExperimentPlan> {
    const { status, json } = await api(stack, 'POST', '/experiments/plan', body);
    expect(status).toBe(200);
    return ZExperimentPlan.parse(json);
  }

  /** The plan agrees with the rows the create stored. */
  async function expectPlanMatches(planned: TExperimentPlan, created: TExperimentDetail): Promise<void> {
    expect(created.trialCount).toBe(planned.trialCount);
    expect(created.trials).toHaveLength(planned.trialCount);
    const folds = await prisma.foldRun.findMany({ where: { trial: { experimentId: created.id } }, include: { trial: true } });
    expect(folds).toHaveLength(planned.trainingRuns);
    expect(planned.trainingRuns).toBe(planned.trialCount * planned.folds);
    for (const trial of created.trials) expect(trial.folds).toHaveLength(planned.folds);
    if (planned.rungs === null)
      expect(folds.reduce((sum, fold) => sum + hyperparametersOf(fold.trial.params).epochs, 0)).toBe(planned.totalEpochs);
  }

  it('draws the same trials from the same seed, other trials from another, as planned', async () => {
    const planned = await plan(request(5));
    expect(planned).toMatchObject({ trialCount: 12, folds: 3, trainingRuns: 36, rungs: null });

    const first = await createExperiment(stack, request(5));
    const second = await createExperiment(stack, { ...request(5), name: 'the same request again' });
    const other = await createExperiment(stack, request(6));
    await expectPlanMatches(planned, first);
    await expectPlanMatches(planned, second);
    await expectPlanMatches(await plan(request(6)), other);

    expect(hyperparameters(second)).toEqual(hyperparameters(first));
    expect(hyperparameters(other)).not.toEqual(hyperparameters(first));
    // and they are the seeded draws of packages/ml, in trial-number order
    const parsed = ZCreateExperimentRequest.parse(request(5));
    expect(hyperparameters(first)).toEqual(sampleSpace(parsed.space, 12, 5));

    // the draws are distinct, inside the space, and use its distributions
    const draws = hyperparameters(first);
    expect(new Set(draws.map((h) => JSON.stringify(h))).size).toBe(12);
    for (const h of draws) {
      expect(h.batchSize % 16).toBe(0);
      expect(h.batchSize).toBeGreaterThanOrEqual(16);
      expect(h.batchSize).toBeLessThanOrEqual(256);
      expect(h.learningRate).toBeGreaterThanOrEqual(1e-4);
      expect(h.learningRate).toBeLessThanOrEqual(1e-1);
      expect(h.momentum).toBeGreaterThanOrEqual(0.5);
      expect(h.momentum).toBeLessThanOrEqual(0.99);
      expect([1, 2, 3]).toContain(h.epochs);
    }
    expect(new Set(draws.map((h) => h.learningRate)).size).toBe(12);

    // the stored columns read back through GET agree with the create response
    const again = await api(stack, 'GET', `/experiments/${first.id}`);
    expect(hyperparameters(again.json as TExperimentDetail)).toEqual(draws);
  });

  it('plans an ASHA search as it creates it: candidates, folds and first-rung runs', async () => {
    const asha = request(9, { strategy: { kind: 'asha', minEpochs: 1, maxEpochs: 9, reductionFactor: 3, trials: 10 } });
    delete (asha.space as { epochs?: unknown }).epochs;
    const planned = await plan(asha);
    expect(planned.trialCount).toBe(10);
    expect(planned.rungs).toEqual([
      { epochs: 1, trials: 10 },
      { epochs: 3, trials: 3 },
      { epochs: 9, trials: 1 },
    ]);
    // every candidate trains 1 epoch; 3 go on for 2 more, 1 of those for 6 more; × 3 folds
    expect(planned.totalEpochs).toBe((10 * 1 + 3 * 2 + 1 * 6) * 3);
    const created = await createExperiment(stack, asha);
    await expectPlanMatches(planned, created);
    for (const trial of created.trials) {
      expect(trial.hyperparameters.epochs).toBe(1);
      expect(trial.rung).toBe(0);
    }
    // same seed, same draws (with epochs fixed at the first rung)
    const again = await createExperiment(stack, { ...asha, name: 'again' });
    expect(hyperparameters(again)).toEqual(hyperparameters(created));
  });
});
