import { ZCreateExperimentRequest } from '@atelier/domain';
import { searchCandidates, searchSize } from './plan';

const space = {
  architecture: ['cnn-a'],
  batchSize: [32, 64],
  activation: ['relu', 'tanh'],
  optimizer: ['adam'],
  learningRate: [0.01, 0.001],
  momentum: [0],
};

/** Requests as JSON bodies arrive: parsed by the shared schema, defaults filled. */
function request(overrides: Record<string, unknown>) {
  return ZCreateExperimentRequest.parse({ name: 'plan', dataset: 'fashion-mnist', space: { ...space, epochs: [3] }, ...overrides });
}

describe('searchCandidates and searchSize', () => {
  it('expands a grid and sizes it without expanding', () => {
    const grid = request({ space: { ...space, epochs: [2, 4] } });
    expect(searchCandidates(grid)).toHaveLength(16);
    expect(searchSize(grid)).toEqual({ trialCount: 16, folds: 3, trainingRuns: 48, totalEpochs: 8 * (2 + 4) * 3, rungs: null });
  });

  it('draws a random search once, the same way for the plan and the trials', () => {
    const random = request({
      strategy: { kind: 'random', trials: 5 },
      seed: 7,
      space: { ...space, epochs: [1, 3], learningRate: { dist: 'log-uniform', low: 1e-4, high: 1e-1 } },
    });
    const points = searchCandidates(random);
    expect(points).toHaveLength(5);
    expect(searchCandidates(random)).toEqual(points);
    const epochs = points.reduce((sum, p) => sum + p.epochs, 0);
    expect(searchSize(random)).toMatchObject({ trialCount: 5, totalEpochs: epochs * 3, rungs: null });
    expect(points.every((p) => p.learningRate >= 1e-4 && p.learningRate <= 1e-1)).toBe(true);
  });

  it('starts every ASHA candidate at the first rung and bounds the epochs by full promotion', () => {
    const asha = request({
      strategy: { kind: 'asha', minEpochs: 1, maxEpochs: 9, reductionFactor: 3 },
      space,
      validation: { kind: 'holdout', fraction: 0.2 },
    });
    const candidates = searchCandidates(asha);
    expect(candidates).toHaveLength(8);
    expect(new Set(candidates.map((c) => c.epochs))).toEqual(new Set([1]));
    // 8 trials at 1 epoch, floor(8/3) = 2 go on to 3 epochs (+2 each), floor(2/3) = 0 reach 9
    expect(searchSize(asha)).toEqual({
      trialCount: 8,
      folds: 1,
      trainingRuns: 8,
      totalEpochs: 8 * 1 + 2 * 2,
      rungs: [
        { epochs: 1, trials: 8 },
        { epochs: 3, trials: 2 },
        { epochs: 9, trials: 0 },
      ],
    });
  });

  it('samples ASHA candidates from distributions when asked for n trials', () => {
    const asha = request({
      strategy: { kind: 'asha', minEpochs: 2, maxEpochs: 8, reductionFactor: 2, trials: 6 },
      space: { ...space, momentum: { dist: 'uniform', low: 0, high: 0.9 } },
    });
    const candidates = searchCandidates(asha);
    expect(candidates).toHaveLength(6);
    expect(candidates.every((c) => c.epochs === 2)).toBe(true);
    expect(searchSize(asha).rungs).toEqual([
      { epochs: 2, trials: 6 },
      { epochs: 4, trials: 3 },
      { epochs: 8, trials: 1 },
    ]);
  });

  it('says how many distinct points a too-small random space holds', () => {
    const random = request({ strategy: { kind: 'random', trials: 20 } });
    expect(() => searchSize(random)).toThrow(/holds 8 distinct points but 20 were requested/);
  });

  it("starts each Hyperband trial at its bracket's first rung and counts the work bracket by bracket", () => {
    const wide = { ...space, learningRate: { dist: 'log-uniform', low: 1e-4, high: 1e-1 } };
    const hyperband = request({
      strategy: { kind: 'hyperband', minEpochs: 1, maxEpochs: 9, reductionFactor: 3 },
      space: wide,
      validation: { kind: 'holdout', fraction: 0.2 },
    });
    const points = searchCandidates(hyperband);
    // one iteration: 9 + 5 + 3 configurations, starting at 1, 3 and 9 epochs
    expect(points).toHaveLength(17);
    expect([1, 3, 9].map((e) => points.filter((p) => p.epochs === e).length)).toEqual([9, 5, 3]);
    // bracket 0: 9·1 + 3·2 + 1·6; bracket 1: 5·3 + 1·6; bracket 2: 3·9
    expect(searchSize(hyperband)).toEqual({
      trialCount: 17,
      folds: 1,
      trainingRuns: 17,
      totalEpochs: 9 + 6 + 6 + 15 + 6 + 27,
      rungs: [
        { epochs: 1, trials: 9 },
        { epochs: 3, trials: 3 + 5 },
        { epochs: 9, trials: 1 + 1 + 3 },
      ],
    });
    expect(() => searchSize(request({ strategy: { kind: 'hyperband', minEpochs: 1, maxEpochs: 9 }, space }))).toThrow(
      'Hyperband draws 17 distinct configurations (one iteration of its brackets) but the space holds 8: set strategy.trials to at most 8, or widen the space',
    );
  });

  it("creates only TPE's first batch and bounds its epochs", () => {
    const tpe = request({ strategy: { kind: 'tpe', trials: 20, parallelism: 3 }, space: { ...space, epochs: [2, 5] }, seed: 3 });
    const batch = searchCandidates(tpe);
    expect(batch).toHaveLength(3);
    expect(searchCandidates(tpe)).toEqual(batch);
    expect(searchSize(tpe)).toEqual({ trialCount: 20, folds: 3, trainingRuns: 60, totalEpochs: 20 * 5 * 3, rungs: null });
    const early = request({ strategy: { kind: 'tpe', trials: 9, earlyStopping: { minEpochs: 1, maxEpochs: 9 } }, space });
    expect(searchCandidates(early).every((p) => p.epochs === 1)).toBe(true);
    expect(searchSize(early)).toMatchObject({
      trialCount: 9,
      totalEpochs: (9 * 1 + 3 * 2 + 1 * 6) * 3,
      rungs: [
        { epochs: 1, trials: 9 },
        { epochs: 3, trials: 3 },
        { epochs: 9, trials: 1 },
      ],
    });
  });
});
