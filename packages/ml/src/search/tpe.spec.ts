import type { THyperparameters, TSearchSpace } from '@atelier/domain';
import { sampleSpace } from './random';
import { ParzenEstimator, defaultWeights } from './parzen-estimator';
import { createRandom } from '../data/random';
import { defaultGamma, proposeTpe, splitTrials, type TpeOptions, type TpeTrial } from './tpe';

const OPTUNA_DEFAULTS: TpeOptions = { startupTrials: 10, eiCandidates: 24, multivariate: false, constantLiar: true };

/** Two continuous dimensions and nothing else to tune. */
const quadraticSpace: TSearchSpace = {
  architecture: ['cnn-a'],
  batchSize: [64],
  epochs: [1],
  activation: ['relu'],
  optimizer: ['sgd'],
  learningRate: { dist: 'uniform', low: 0.01, high: 1 },
  momentum: { dist: 'uniform', low: 0, high: 0.99 },
};
/** A 2-D quadratic to maximise, optimum 0 at (0.3, 0.7). */
const quadratic = (p: THyperparameters) => -((p.learningRate - 0.3) ** 2) - (p.momentum - 0.7) ** 2;

/** Sequential TPE: each trial finishes before the next is proposed. Returns best-so-far after each trial. */
function runTpe(space: TSearchSpace, objective: (p: THyperparameters) => number, trials: number, seed: number, options = OPTUNA_DEFAULTS) {
  const history: TpeTrial[] = [];
  const best: number[] = [];
  for (let n = 1; n <= trials; n++) {
    const params = proposeTpe({ space, options, trials: history, trialNumber: n, seed });
    history.push({ number: n, params, state: 'complete', value: objective(params) });
    best.push(Math.max(best.at(-1) ?? -Infinity, history.at(-1)!.value!));
  }
  return { history, best };
}

function runRandom(space: TSearchSpace, objective: (p: THyperparameters) => number, trials: number, seed: number) {
  const best: number[] = [];
  for (const point of sampleSpace(space, trials, seed)) best.push(Math.max(best.at(-1) ?? -Infinity, objective(point)));
  return best;
}

const mean = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const SEEDS = Array.from({ length: 12 }, (_, i) => 1000 + i);

describe('TPE', () => {
  it('finds the optimum of a 2-D quadratic faster than random search, averaged over seeds', () => {
    const tpe = SEEDS.map((seed) => runTpe(quadraticSpace, quadratic, 40, seed).best);
    const random = SEEDS.map((seed) => runRandom(quadraticSpace, quadratic, 40, seed));
    const at = (runs: number[][], n: number) => mean(runs.map((r) => r[n - 1]!));
    // The first 10 are random in both: TPE only pulls ahead once it models the results.
    expect(at(tpe, 40)).toBeGreaterThan(at(random, 40));
    expect(at(tpe, 25)).toBeGreaterThan(at(random, 25));
    // and by a margin: after 40 trials its regret is under 60% of random search's
    expect(-at(tpe, 40)).toBeLessThan(0.6 * -at(random, 40));
    const multivariate = SEEDS.map((seed) => runTpe(quadraticSpace, quadratic, 40, seed, { ...OPTUNA_DEFAULTS, multivariate: true }).best);
    expect(-at(multivariate, 40)).toBeLessThan(0.3 * -at(random, 40));
  });

  it('also wins multivariate, and over a categorical and a log-scaled integer dimension', () => {
    const space: TSearchSpace = {
      ...quadraticSpace,
      activation: ['relu', 'tanh', 'sigmoid', 'elu'],
      batchSize: { dist: 'int', low: 16, high: 512, step: 16, log: true },
    };
    const objective = (p: THyperparameters) =>
      quadratic(p) - (p.activation === 'tanh' ? 0 : 0.05) - (Math.log2(p.batchSize / 128) / 5) ** 2;
    for (const multivariate of [false, true]) {
      const options = { ...OPTUNA_DEFAULTS, multivariate };
      const runs = SEEDS.slice(0, 6).map((seed) => runTpe(space, objective, 40, seed, options));
      const random = SEEDS.slice(0, 6).map((seed) => runRandom(space, objective, 40, seed).at(-1)!);
      expect(mean(runs.map((r) => r.best.at(-1)!))).toBeGreaterThan(mean(random));
      for (const { history } of runs) {
        for (const { params } of history) {
          expect(params.batchSize % 16).toBe(0);
          expect(params.batchSize).toBeGreaterThanOrEqual(16);
          expect(params.batchSize).toBeLessThanOrEqual(512);
          expect(params.learningRate).toBeGreaterThanOrEqual(0.01);
          expect(params.learningRate).toBeLessThanOrEqual(1);
        }
      }
      // the later proposals favour the best activation
      const late = runs.flatMap(({ history }) => history.slice(20).map((t) => t.params.activation));
      expect(late.filter((a) => a === 'tanh').length / late.length).toBeGreaterThan(0.5);
    }
  });

  it('gives the same proposals for the same seed, and other ones for another seed', () => {
    const a = runTpe(quadraticSpace, quadratic, 20, 7).history.map((t) => t.params);
    const b = runTpe(quadraticSpace, quadratic, 20, 7).history.map((t) => t.params);
    const c = runTpe(quadraticSpace, quadratic, 20, 8).history.map((t) => t.params);
    expect(b).toEqual(a);
    expect(c).not.toEqual(a);
    // the TPE-modelled part differs too, not only the random startup
    expect(c.slice(10)).not.toEqual(a.slice(10));
  });

  it('draws its first startupTrials proposals at random, then models the results', () => {
    const history: TpeTrial[] = runTpe(quadraticSpace, quadratic, 9, 3).history;
    const next = (h: TpeTrial[], n: number) =>
      proposeTpe({ space: quadraticSpace, options: OPTUNA_DEFAULTS, trials: h, trialNumber: n, seed: 3 });
    // A running trial does not count towards the startup: trial 11 is still random while 1 of 10 runs.
    const withRunning = [...history, { number: 10, params: next(history, 10), state: 'running' as const, value: null }];
    const random11 = next(withRunning, 11);
    const finished = [...history, { ...withRunning[9]!, state: 'complete' as const, value: quadratic(withRunning[9]!.params) }];
    const tpe11 = next(finished, 11);
    expect(tpe11).not.toEqual(random11);
  });

  it('steers a second worker away from the point the first one is training (constant liar)', () => {
    let moved = 0;
    let distance = 0;
    for (const seed of SEEDS) {
      const { history } = runTpe(quadraticSpace, quadratic, 15, seed);
      const ask = (trials: TpeTrial[], constantLiar: boolean) =>
        proposeTpe({ space: quadraticSpace, options: { ...OPTUNA_DEFAULTS, constantLiar }, trials, trialNumber: 17, seed });
      // Worker 1 took trial 16 at the point trial 17 would get with nothing running.
      const first = ask(history, true);
      const running: TpeTrial = { number: 16, params: first, state: 'running', value: null };
      const second = ask([...history, running], true);
      expect(ask([...history, running], false)).toEqual(first);
      if (second.learningRate !== first.learningRate || second.momentum !== first.momentum) moved++;
      distance += Math.hypot(second.learningRate - first.learningRate, second.momentum - first.momentum);
    }
    expect(moved).toBe(SEEDS.length);
    expect(distance / SEEDS.length).toBeGreaterThan(0.001);
  });

  it('splits trials as Optuna does: completed best first, then pruned by depth, running always above', () => {
    const p = quadraticSpace as unknown as THyperparameters;
    const trials: TpeTrial[] = [
      { number: 1, params: p, state: 'complete', value: 0.8 },
      { number: 2, params: p, state: 'pruned', value: 0.95, step: 1 },
      { number: 3, params: p, state: 'pruned', value: 0.7, step: 3 },
      { number: 4, params: p, state: 'running', value: null },
      { number: 5, params: p, state: 'complete', value: 0.9 },
      { number: 6, params: p, state: 'pruned', value: 0.75, step: 3 },
    ];
    const numbers = (ts: TpeTrial[]) => ts.map((t) => t.number);
    expect(numbers(splitTrials(trials, 1).below)).toEqual([5]);
    expect(numbers(splitTrials(trials, 3).below)).toEqual([1, 5, 6]);
    expect(numbers(splitTrials(trials, 4).below)).toEqual([1, 3, 5, 6]);
    expect(numbers(splitTrials(trials, 4).above)).toEqual([2, 4]);
    expect(numbers(splitTrials(trials, 10).above)).toEqual([4]);
  });

  it("uses Optuna's gamma and weights", () => {
    expect([1, 10, 11, 100, 250, 1000].map(defaultGamma)).toEqual([1, 1, 2, 10, 25, 25]);
    expect(defaultWeights(3)).toEqual([1, 1, 1]);
    const w = defaultWeights(30);
    expect(w).toHaveLength(30);
    expect(w[0]).toBeCloseTo(1 / 30, 12);
    expect(w[4]).toBeCloseTo(1, 12);
    expect(w.slice(5)).toEqual(Array(25).fill(1));
  });

  it('fits kernels with the magic clip and a prior, and its density integrates to 1', () => {
    const dims = [{ kind: 'float' as const, low: 0, high: 1, log: false }];
    const pe = new ParzenEstimator([[0.2], [0.25], [0.9]], dims);
    let integral = 0;
    const steps = 4000;
    for (let i = 0; i < steps; i++) integral += Math.exp(pe.logPdf([[(i + 0.5) / steps]])[0]!) / steps;
    expect(integral).toBeCloseTo(1, 3);
    const draws = pe.sample(createRandom(1), 2000).map((x) => x[0]!);
    expect(Math.min(...draws)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...draws)).toBeLessThanOrEqual(1);
    // more mass near the two close observations than a uniform puts there (0.25)
    expect(draws.filter((x) => x > 0.1 && x < 0.35).length / draws.length).toBeGreaterThan(0.29);
    const discrete = new ParzenEstimator([[32], [64]], [{ kind: 'int', low: 16, high: 256, step: 16, log: false }]);
    let mass = 0;
    for (let v = 16; v <= 256; v += 16) mass += Math.exp(discrete.logPdf([[v]])[0]!);
    expect(mass).toBeCloseTo(1, 9);
  });
});
