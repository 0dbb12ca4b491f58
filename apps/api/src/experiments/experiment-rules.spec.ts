import { type TCreateExperimentRequest, ZCreateExperimentRequest } from '@atelier/domain';
import { checkExperimentRules, planExperiment, type RuleContext } from './experiment-rules';

const context: RuleContext = {
  datasets: [
    { key: 'fashion-mnist', trainSize: 60_000 },
    { key: 'mnist', trainSize: 60_000 },
  ],
  architectures: [
    { key: 'cnn-a', kind: 'layers' },
    { key: 'mlp', kind: 'layers' },
    { key: 'knn', kind: 'knn' },
  ],
  maxTrials: 500,
  maxTotalEpochs: 1_000_000,
};

function request(overrides: Partial<TCreateExperimentRequest> = {}, space: Partial<TCreateExperimentRequest['space']> = {}) {
  return ZCreateExperimentRequest.parse({
    name: 'rules',
    dataset: 'fashion-mnist',
    space: {
      architecture: ['cnn-a'],
      batchSize: [32, 64],
      epochs: [2, 5],
      activation: ['relu'],
      optimizer: ['adam', 'sgd', 'rmsprop'],
      learningRate: [0.001],
      momentum: [0.9],
      ...space,
    },
    ...overrides,
  });
}

describe('checkExperimentRules', () => {
  it('accepts a request that fits the server', () => {
    expect(checkExperimentRules(request(), context)).toEqual([]);
  });

  it('names the unknown dataset and lists the available ones', () => {
    expect(checkExperimentRules(request({ dataset: 'cifar-10' }), context)).toEqual([
      { path: 'dataset', message: "Unknown dataset 'cifar-10'. Available: fashion-mnist, mnist" },
    ]);
  });

  it('names an unknown architecture and lists only the trainable ones', () => {
    expect(checkExperimentRules(request({}, { architecture: ['cnn-a', 'resnet'] }), context)).toEqual([
      { path: 'space.architecture[1]', message: "Unknown architecture 'resnet'. Available: cnn-a, mlp" },
    ]);
  });

  it('refuses knn in a grid and says why', () => {
    const [issue] = checkExperimentRules(request({}, { architecture: ['knn'] }), context);
    expect(issue?.path).toBe('space.architecture[0]');
    expect(issue?.message).toMatch(/^Architecture 'knn' is a k-nearest-neighbours baseline: it has no weights to train/);
    expect(issue?.message).toContain('Remove it from space.architecture');
  });

  it('refuses a training slice larger than the training set', () => {
    expect(checkExperimentRules(request({ trainingSlice: 60_001 }), context)).toEqual([
      {
        path: 'trainingSlice',
        message:
          "Training slice 60001 is larger than the training set of 'fashion-mnist' (60000 images): use at most 60000, or no slice to train on all of them.",
      },
    ]);
    expect(checkExperimentRules(request({ trainingSlice: 60_000 }), context)).toEqual([]);
  });

  it('refuses a grid larger than MAX_TRIALS, with the number it expands to', () => {
    // 2 × 6 × 5 × 2 × 3 × 2 × 1 = 720 trials
    const big = request(
      {},
      {
        architecture: ['cnn-a', 'mlp'],
        batchSize: [8, 16, 32, 64, 128, 256],
        epochs: [1, 2, 3, 4, 5],
        activation: ['relu', 'tanh'],
        optimizer: ['adam', 'sgd', 'rmsprop'],
        learningRate: [0.1, 0.01],
        momentum: [0.9],
      },
    );
    expect(checkExperimentRules(big, context)).toEqual([
      { path: 'space', message: 'The grid expands to 720 trials; the limit is 500 (MAX_TRIALS)' },
    ]);
    expect(checkExperimentRules(big, { ...context, maxTrials: 720 })).toEqual([]);
  });

  it('reports every broken rule at once', () => {
    const issues = checkExperimentRules(request({ dataset: 'nope' }, { architecture: ['knn', 'zz'] }), context);
    expect(issues.map((i) => i.path)).toEqual(['dataset', 'space.architecture[0]', 'space.architecture[1]']);
  });
});

describe('planExperiment', () => {
  it('counts trials, runs and epochs without expanding the grid', () => {
    // 2 batch sizes × 2 epoch values × 3 optimizers = 12 trials; 3 folds by default
    const plan = planExperiment(request(), { maxTrials: 500, maxTotalEpochs: 10_000 });
    expect(plan).toEqual({
      trialCount: 12,
      folds: 3,
      trainingRuns: 36,
      totalEpochs: 6 * (2 + 5) * 3,
      rungs: null,
      maxTrials: 500,
      maxTotalEpochs: 10_000,
    });
  });

  it('plans one run per trial for a holdout split', () => {
    const plan = planExperiment(request({ validation: { kind: 'holdout', fraction: 0.2 } }), { maxTrials: 50, maxTotalEpochs: 100 });
    expect(plan).toEqual({
      trialCount: 12,
      folds: 1,
      trainingRuns: 12,
      totalEpochs: 6 * 7,
      rungs: null,
      maxTrials: 50,
      maxTotalEpochs: 100,
    });
  });

  it('plans ASHA rungs over the grid with the most epochs they can take', () => {
    const { epochs: _epochs, ...space } = request().space;
    const asha = ZCreateExperimentRequest.parse({
      name: 'asha',
      dataset: 'fashion-mnist',
      strategy: { kind: 'asha', minEpochs: 1, maxEpochs: 9, reductionFactor: 3 },
      space,
    });
    // 2 batch sizes × 3 optimizers = 6 candidates: 6 reach 1 epoch, 2 reach 3, 0 reach 9
    const plan = planExperiment(asha, { maxTrials: 500, maxTotalEpochs: 10_000 });
    expect(plan.rungs).toEqual([
      { epochs: 1, trials: 6 },
      { epochs: 3, trials: 2 },
      { epochs: 9, trials: 0 },
    ]);
    expect(plan.totalEpochs).toBe((6 * 1 + 2 * 2) * 3);
    expect(plan.trialCount).toBe(6);
  });

  it('lets a request budget lower the server limits and names which one refused it', () => {
    const limited = request({ budget: { maxTotalEpochs: 100 } });
    expect(planExperiment(limited, { maxTrials: 500, maxTotalEpochs: 10_000 }).maxTotalEpochs).toBe(100);
    expect(checkExperimentRules(limited, context)).toEqual([
      {
        path: 'space',
        message:
          'The search would train 126 epochs over all its folds; the limit is 100 (budget.maxTotalEpochs). Use fewer values, epochs or folds.',
      },
    ]);
    expect(checkExperimentRules(request({ budget: { maxTrials: 4 } }), context)).toEqual([
      { path: 'space', message: 'The grid expands to 12 trials; the limit is 4 (budget.maxTrials)' },
    ]);
  });
});
