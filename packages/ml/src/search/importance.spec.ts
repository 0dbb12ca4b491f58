import { ZImportance, type THyperparameterName } from '@atelier/domain';
import { createRandom } from '../data/random';
import { parameterImportance, treeMainEffects, type ScoredTrial } from './importance';

const DIMENSIONS: THyperparameterName[] = ['learningRate', 'batchSize', 'activation', 'momentum'];

/** A random search of n trials over four hyperparameters, scored by `score` plus noise. */
function search(
  n: number,
  score: (t: { learningRate: number; batchSize: number; activation: string; momentum: number }, noise: number) => number,
  seed = 1,
): ScoredTrial[] {
  const random = createRandom(seed);
  return Array.from({ length: n }, () => {
    const hp = {
      learningRate: 10 ** (-4 + 3 * random.next()),
      batchSize: [32, 64, 128, 256][random.nextInt(4)]!,
      activation: ['relu', 'tanh', 'elu'][random.nextInt(3)]!,
      momentum: random.next() * 0.9,
    };
    return { hyperparameters: hp, score: score(hp, random.next() - 0.5) };
  });
}

const byName = (result: NonNullable<ReturnType<typeof parameterImportance>>) =>
  Object.fromEntries(result.parameters.map((p) => [p.name, p]));

describe('treeMainEffects', () => {
  it('splits a hand-built tree into its main effects', () => {
    // f(x0, x1) = 1 when x0 ≥ 0.5, plus 0.5 when x1 ≥ 0.5 (additive), on [0, 1]²:
    // mean 0.75, total variance 0.25 + 0.0625; main effects 0.25 and 0.0625, no interaction
    const leaf = (value: number) => ({ distribution: value });
    const root = {
      splitColumn: 0,
      splitValue: 0.5,
      left: { splitColumn: 1, splitValue: 0.5, left: leaf(0), right: leaf(0.5) },
      right: { splitColumn: 1, splitValue: 0.5, left: leaf(1), right: leaf(1.5) },
    };
    const effects = treeMainEffects(
      root,
      [0, 1],
      [
        { low: 0, high: 1 },
        { low: 0, high: 1 },
      ],
    );
    expect(effects![0]).toBeCloseTo(0.25 / 0.3125, 12);
    expect(effects![1]).toBeCloseTo(0.0625 / 0.3125, 12);
  });

  it('leaves a pure interaction (xor) with no main effect', () => {
    const leaf = (value: number) => ({ distribution: value });
    const root = {
      splitColumn: 1,
      splitValue: 0.5,
      left: { splitColumn: 0, splitValue: 0.5, left: leaf(0), right: leaf(1) },
      right: { splitColumn: 0, splitValue: 0.5, left: leaf(1), right: leaf(0) },
    };
    // the tree's columns are a permutation of the features (the forest's feature bagging)
    const effects = treeMainEffects(
      root,
      [1, 0],
      [
        { low: 0, high: 1 },
        { low: 0, high: 1 },
      ],
    );
    expect(effects).toEqual([0, 0]);
  });

  it('has nothing to split when the tree is a constant', () => {
    expect(treeMainEffects({ distribution: 0.7 }, [0], [{ low: 0, high: 1 }])).toBeNull();
  });
});

describe('parameterImportance', () => {
  it('gives the parameter that drives the score the largest importance, with a narrow spread', () => {
    // accuracy rises with log learning rate; batch size, activation and momentum do nothing
    const trials = search(60, (t, noise) => 0.5 + 0.1 * (Math.log10(t.learningRate) + 4) + 0.005 * noise);
    const result = parameterImportance(trials, { dimensions: DIMENSIONS, seed: 7 })!;
    expect(ZImportance.parse(result)).toEqual(result);
    expect(result.method).toBe('fanova-random-forest');
    expect(result.trials).toBe(60);
    expect(result.warning).toBeNull();
    const lr = byName(result).learningRate!;
    expect(result.parameters[0]!.name).toBe('learningRate');
    expect(lr.median).toBeGreaterThan(0.8);
    expect(lr.q3 - lr.q1).toBeLessThan(0.1);
    for (const other of result.parameters.slice(1)) expect(other.q3).toBeLessThan(0.1);
    expect(result.unexplained.median).toBeLessThan(0.2);
    expect(result.fit.median).toBeGreaterThan(0.8);
  });

  it('leaves pure noise mostly unexplained', () => {
    const trials = search(60, (_, noise) => 0.8 + 0.05 * noise, 3);
    const result = parameterImportance(trials, { dimensions: DIMENSIONS, seed: 7 })!;
    expect(result.unexplained.median).toBeGreaterThan(0.8);
    for (const p of result.parameters) expect(p.median).toBeLessThan(0.15);
  });

  it('warns below 10 trials and never sums to 100 % on 4 noisy ones', () => {
    const trials = search(4, (_, noise) => 0.79 + 0.02 * noise, 5);
    const result = parameterImportance(trials, { dimensions: DIMENSIONS, seed: 0 })!;
    expect(result.warning).toMatch(/Only 4 usable trials/);
    const explained = result.parameters.reduce((s, p) => s + p.median, 0);
    expect(explained + result.unexplained.median).toBeLessThanOrEqual(1 + 1e-9);
    expect(result.unexplained.median).toBeGreaterThan(0.3);
  });

  it('gives the same numbers for the same seed, and other numbers for another', () => {
    const trials = search(30, (t, noise) => 0.6 + (t.activation === 'relu' ? 0.1 : 0) + 0.05 * noise, 9);
    const a = parameterImportance(trials, { dimensions: DIMENSIONS, seed: 11 });
    const b = parameterImportance(trials, { dimensions: DIMENSIONS, seed: 11 });
    const c = parameterImportance(trials, { dimensions: DIMENSIONS, seed: 12 });
    expect(b).toEqual(a);
    expect(c!.parameters).not.toEqual(a!.parameters);
    expect(a!.parameters[0]!.name).toBe('activation');
  });

  it('drops hyperparameters that take one value, and needs 3 scored trials', () => {
    const trials = search(12, (t) => t.momentum).map((t) => ({ ...t, hyperparameters: { ...t.hyperparameters, epochs: 5 } }));
    const result = parameterImportance(trials, { dimensions: ['epochs', 'momentum'], seed: 1 })!;
    expect(result.parameters.map((p) => p.name)).toEqual(['momentum']);
    expect(parameterImportance(trials.slice(0, 2), { dimensions: DIMENSIONS })).toBeNull();
    expect(parameterImportance([...trials.slice(0, 2), { ...trials[2]!, score: Number.NaN }], { dimensions: DIMENSIONS })).toBeNull();
  });

  it('says there is nothing to explain when every score is equal', () => {
    const trials = search(12, () => 0.5);
    const result = parameterImportance(trials, { dimensions: DIMENSIONS })!;
    expect(result.unexplained).toEqual({ median: 0, q1: 0, q3: 0 });
    expect(result.warning).toMatch(/same score/);
  });

  // What bounds its cost on a request is the cap, asserted here; its time is machine-bound and
  // not asserted (a loaded CI machine took 7.8 s where an idle one takes under 1 s).
  it('caps the trials it fits on, with a seeded sample', () => {
    const trials = search(1000, (t, noise) => 0.5 + 0.1 * (Math.log10(t.learningRate) + 4) + 0.01 * noise);
    const result = parameterImportance(trials, { dimensions: DIMENSIONS, seed: 2, excludedDiverged: 3 })!;
    expect(result.trials).toBe(200);
    expect(result.excludedDiverged).toBe(3);
    expect(result.parameters[0]!.name).toBe('learningRate');
  });
});
