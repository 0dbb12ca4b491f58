import { ZSearchSpace, type THyperparameters, type TSearchSpace } from '@atelier/domain';
import { expandGrid, gridSize } from './grid';
import { parameterImportance } from './importance';
import { distinctPointCount, sampleSpace } from './random';
import { proposeTpe, type TpeTrial } from './tpe';

/**
 * Search over the hyperparameters added to the registry after the first seven (dropout, weight
 * decay, label smoothing, erasing probability): grid, random, TPE and importance get them from
 * the registry alone, and a space without them searches exactly as before they existed.
 */

const base = {
  architecture: ['cnn-a', 'mlp'],
  batchSize: { dist: 'int', low: 16, high: 256, step: 16, log: true },
  epochs: [2, 4],
  activation: ['relu', 'tanh'],
  optimizer: ['adam', 'sgd', 'rmsprop'],
  learningRate: { dist: 'log-uniform', low: 1e-4, high: 1e-1 },
  momentum: { dist: 'uniform', low: 0, high: 0.99 },
} as const;
const mixed: TSearchSpace = ZSearchSpace.parse(base);

/** What seed 42 drew, and TPE proposed for seed 5, before the registry (commit cf503ca). */
const DRAWN_BEFORE = [
  {
    architecture: 'cnn-a',
    batchSize: 80,
    epochs: 4,
    activation: 'relu',
    optimizer: 'rmsprop',
    learningRate: 0.00218436,
    momentum: 0.386006,
  },
  { architecture: 'cnn-a', batchSize: 128, epochs: 4, activation: 'relu', optimizer: 'sgd', learningRate: 0.0854669, momentum: 0.668927 },
  { architecture: 'cnn-a', batchSize: 48, epochs: 4, activation: 'tanh', optimizer: 'adam', learningRate: 0.00189642, momentum: 0.936474 },
  {
    architecture: 'cnn-a',
    batchSize: 16,
    epochs: 4,
    activation: 'tanh',
    optimizer: 'rmsprop',
    learningRate: 0.000266846,
    momentum: 0.573166,
  },
];
const PROPOSED_BEFORE = [
  {
    architecture: 'cnn-a',
    batchSize: 16,
    epochs: 2,
    activation: 'tanh',
    optimizer: 'rmsprop',
    learningRate: 0.00414533,
    momentum: 0.490977,
  },
  {
    architecture: 'cnn-a',
    batchSize: 16,
    epochs: 2,
    activation: 'tanh',
    optimizer: 'rmsprop',
    learningRate: 0.00401822,
    momentum: 0.456316,
  },
  {
    architecture: 'cnn-a',
    batchSize: 16,
    epochs: 2,
    activation: 'tanh',
    optimizer: 'rmsprop',
    learningRate: 0.00280411,
    momentum: 0.527385,
  },
  {
    architecture: 'cnn-a',
    batchSize: 16,
    epochs: 2,
    activation: 'tanh',
    optimizer: 'rmsprop',
    learningRate: 0.0021411,
    momentum: 0.559956,
  },
];

function runTpe(space: TSearchSpace, objective: (p: THyperparameters) => number, trials: number, seed: number): TpeTrial[] {
  const history: TpeTrial[] = [];
  for (let n = 1; n <= trials; n++) {
    const params = proposeTpe({
      space,
      options: { startupTrials: 10, eiCandidates: 24, multivariate: false, constantLiar: true },
      trials: history,
      trialNumber: n,
      seed,
    });
    history.push({ number: n, params, state: 'complete', value: objective(params) });
  }
  return history;
}

describe('a space that leaves the added hyperparameters out', () => {
  it('draws, proposes and expands what it did before they existed, and its points do not hold them', () => {
    expect(sampleSpace(mixed, 4, 42)).toEqual(DRAWN_BEFORE);
    const tpe = runTpe(mixed, (p) => -((p.learningRate - 0.01) ** 2) - (p.momentum - 0.5) ** 2, 14, 5);
    expect(tpe.slice(10).map((t) => t.params)).toEqual(PROPOSED_BEFORE);
    const grid = {
      architecture: ['cnn-a'],
      batchSize: [32],
      epochs: [2],
      activation: ['relu' as const],
      optimizer: ['adam' as const],
      learningRate: [0.01],
      momentum: [0],
    };
    expect(expandGrid(grid)).toEqual([
      { architecture: 'cnn-a', batchSize: 32, epochs: 2, activation: 'relu', optimizer: 'adam', learningRate: 0.01, momentum: 0 },
    ]);
  });
});

describe('a space that searches them', () => {
  it('expands a grid with them last, varying fastest', () => {
    const grid = {
      architecture: ['cnn-a', 'mlp'],
      batchSize: [32],
      epochs: [2],
      activation: ['relu' as const],
      optimizer: ['adam' as const],
      learningRate: [0.01],
      momentum: [0],
      dropout: [0, 0.5],
      weightDecay: [1e-4],
    };
    expect(gridSize(grid)).toBe(4);
    expect(expandGrid(grid).map((p) => [p.architecture, p.dropout, p.weightDecay])).toEqual([
      ['cnn-a', 0, 1e-4],
      ['cnn-a', 0.5, 1e-4],
      ['mlp', 0, 1e-4],
      ['mlp', 0.5, 1e-4],
    ]);
  });

  it('draws them from lists and (log-)uniform ranges, rounded like every float, counted like every dimension', () => {
    const space = ZSearchSpace.parse({
      ...base,
      dropout: [0, 0.25, 0.5],
      weightDecay: { dist: 'log-uniform', low: 1e-5, high: 1e-2 },
      labelSmoothing: { dist: 'uniform', low: 0, high: 0.2 },
    });
    const points = sampleSpace(space, 300, 3);
    for (const p of points) {
      expect([0, 0.25, 0.5]).toContain(p.dropout);
      expect(p.weightDecay).toBeGreaterThanOrEqual(1e-5);
      expect(p.weightDecay).toBeLessThanOrEqual(1e-2);
      expect(Number(p.weightDecay!.toPrecision(6))).toBe(p.weightDecay);
      expect(p.labelSmoothing).toBeGreaterThanOrEqual(0);
      expect(p.labelSmoothing).toBeLessThanOrEqual(0.2);
      expect(p).not.toHaveProperty('erasingProbability');
    }
    // log-uniform: as many draws per decade, so about a third fall in 1e-5..1e-4
    const lowDecade = points.filter((p) => p.weightDecay! < 1e-4).length / points.length;
    expect(lowDecade).toBeGreaterThan(0.25);
    expect(lowDecade).toBeLessThan(0.42);
    expect(new Set(points.map((p) => p.dropout)).size).toBe(3);
    const listed = ZSearchSpace.parse({ ...base, batchSize: [32, 64], learningRate: [0.01], momentum: [0], dropout: [0, 0.5] });
    expect(distinctPointCount(listed)).toBe(2 * 2 * 2 * 2 * 3 * 2);
  });

  it('lets TPE model them: proposals stay in range and home in on the best dropout', () => {
    const space = ZSearchSpace.parse({ ...base, dropout: { dist: 'uniform', low: 0, high: 0.8 } });
    const objective = (p: THyperparameters) => -((p.dropout! - 0.3) ** 2);
    const runs = [11, 12, 13, 14].map((seed) => runTpe(space, objective, 40, seed));
    for (const t of runs.flat()) {
      expect(t.params.dropout).toBeGreaterThanOrEqual(0);
      expect(t.params.dropout).toBeLessThanOrEqual(0.8);
    }
    const late = runs.flatMap((history) => history.slice(25));
    const distance = late.reduce((s, t) => s + Math.abs(t.params.dropout! - 0.3), 0) / late.length;
    // uniform draws on [0, 0.8] lie (0.3² + 0.5²) / (2 · 0.8) = 0.2125 from 0.3 on average
    expect(distance).toBeLessThan(0.6 * 0.2125);
  });

  it('reads them in parameter importance: weight decay on a log axis, a trial without one at its default', () => {
    // score rises with log10(weightDecay); the trials without dropout trained at 0, like those at 0
    const trials = Array.from({ length: 40 }, (_, i) => {
      const weightDecay = 10 ** (-5 + (3 * (i % 10)) / 9);
      const dropout = i % 3 === 0 ? undefined : i % 3 === 1 ? 0 : 0.5;
      return {
        hyperparameters: { weightDecay, ...(dropout === undefined ? {} : { dropout }) },
        score: 0.8 + 0.02 * Math.log10(weightDecay) + ((i * 7) % 5) * 1e-4,
      };
    });
    const result = parameterImportance(trials, { dimensions: ['weightDecay', 'dropout'], seed: 1 })!;
    const byName = Object.fromEntries(result.parameters.map((p) => [p.name, p]));
    expect(byName.dropout!.values).toBe(2);
    expect(byName.weightDecay!.values).toBe(10);
    expect(byName.weightDecay!.median).toBeGreaterThan(0.8);
    expect(byName.dropout!.median).toBeLessThan(0.1);
  });
});
