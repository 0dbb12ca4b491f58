import {
  hyperparameterDefinition,
  hyperparameterValue,
  IMPORTANCE_MIN_TRIALS,
  type THyperparameterName,
  type TImportance,
  type TParameterImportance,
  type TSpread,
} from '@atelier/domain';
import { RandomForestRegression, type CartNode } from 'ml-random-forest';
import { createRandom, deriveSeed } from '../data/random';

/**
 * Parameter importance the way Optuna's default FanovaImportanceEvaluator computes it: fit a
 * random forest from hyperparameters to score, then split the variance of each tree's prediction
 * over the search space into main effects (fANOVA, Hutter et al., 2014) and average over the
 * trees. Two things are added so that a handful of noisy trials cannot pass for signal:
 *
 * - the forest is fitted on bootstrap resamples of the trials, each importance reported as the
 *   median and interquartile range over the resamples;
 * - each fANOVA fraction is scaled by how well the forest predicts the trials the resample left
 *   out (out-of-bootstrap R², clamped to 0..1), so the shares are of the scores' variance, not of
 *   the forest's, and what is left, `unexplained`, holds noise between runs and interactions.
 *   Optuna normalises its importances to sum to 1, which is what made 4 trials look decisive.
 */

export interface ScoredTrial {
  /** The searched hyperparameters' values; only `dimensions` are read. */
  hyperparameters: Partial<Record<THyperparameterName, string | number>>;
  /** Higher is better; non-finite scores are left out. */
  score: number;
}

export interface ImportanceOptions {
  /** Hyperparameters to assess (the searched ones); one that takes a single value is dropped. */
  dimensions: readonly THyperparameterName[];
  seed?: number;
  resamples?: number;
  trees?: number;
  /** Above this many trials a seeded sample of them is used: the forest's cost grows with n². */
  maxTrials?: number;
  /** Counted into the result only (the caller left them out). */
  excludedDiverged?: number;
}

export const IMPORTANCE_DEFAULTS = { seed: 0, resamples: 10, trees: 10, maxTrials: 200 } as const;

/** The p-quantile of sorted values, interpolating between order statistics (numpy's default, type 7). */
export function quantile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const position = (sorted.length - 1) * p;
  const below = Math.floor(position);
  const above = Math.min(below + 1, sorted.length - 1);
  return sorted[below]! + (position - below) * (sorted[above]! - sorted[below]!);
}

function spread(values: readonly number[]): TSpread {
  const sorted = [...values].sort((a, b) => a - b);
  return { median: quantile(sorted, 0.5), q1: quantile(sorted, 0.25), q3: quantile(sorted, 0.75) };
}

interface Feature {
  name: THyperparameterName;
  /** Encoded value per trial: the number (log10 for a log-scale hyperparameter), or the category's index. */
  column: number[];
  /** The space the marginals average over: each observed value owns the half-gaps around it. */
  low: number;
  high: number;
  values: number;
}

function encode(name: THyperparameterName, raw: readonly (string | number)[]): Feature | null {
  const distinct = [...new Set(raw)];
  if (distinct.length < 2) return null;
  if (raw.every((v) => typeof v === 'number')) {
    const numbers = raw as number[];
    // values spread over orders of magnitude (the registry's log scale): their effect is read on a log axis
    const log = hyperparameterDefinition(name).scale === 'log' && numbers.every((v) => v > 0);
    const column = numbers.map((v) => (log ? Math.log10(v) : v));
    const sorted = [...new Set(column)].sort((a, b) => a - b);
    const first = sorted[1]! - sorted[0]!;
    const last = sorted[sorted.length - 1]! - sorted[sorted.length - 2]!;
    return { name, column, low: sorted[0]! - first / 2, high: sorted[sorted.length - 1]! + last / 2, values: sorted.length };
  }
  // categories in a fixed order, one unit of width each, so every choice weighs the same
  const categories = distinct.map(String).sort();
  return {
    name,
    column: raw.map((v) => categories.indexOf(String(v))),
    low: -0.5,
    high: categories.length - 0.5,
    values: categories.length,
  };
}

interface Leaf {
  value: number;
  lo: number[];
  hi: number[];
}

function collectLeaves(node: CartNode, lo: number[], hi: number[], columns: readonly number[], out: Leaf[]): void {
  if (node.left && node.right && node.splitColumn !== undefined && node.splitValue !== undefined) {
    const feature = columns[node.splitColumn]!;
    const at = Math.min(Math.max(node.splitValue, lo[feature]!), hi[feature]!);
    const leftHi = [...hi];
    leftHi[feature] = at;
    const rightLo = [...lo];
    rightLo[feature] = at;
    collectLeaves(node.left, lo, leftHi, columns, out);
    collectLeaves(node.right, rightLo, hi, columns, out);
    return;
  }
  out.push({ value: node.distribution ?? 0, lo, hi });
}

/**
 * fANOVA main effects of one tree: for each feature, the variance of the tree's prediction
 * averaged over every other feature (uniformly over the space), as a fraction of the variance of
 * its prediction over the whole space. Null when the tree predicts a constant.
 */
export function treeMainEffects(
  root: CartNode,
  columns: readonly number[],
  features: readonly Pick<Feature, 'low' | 'high'>[],
): number[] | null {
  const leaves: Leaf[] = [];
  collectLeaves(
    root,
    features.map((f) => f.low),
    features.map((f) => f.high),
    columns,
    leaves,
  );
  const width = features.map((f) => f.high - f.low);
  const share = (leaf: Leaf, d: number) => (leaf.hi[d]! - leaf.lo[d]!) / width[d]!;
  const weights = leaves.map((leaf) => features.reduce((w, _, d) => w * share(leaf, d), 1));
  const mean = leaves.reduce((s, leaf, i) => s + weights[i]! * leaf.value, 0);
  const total = leaves.reduce((s, leaf, i) => s + weights[i]! * (leaf.value - mean) ** 2, 0);
  if (!(total > 1e-18)) return null;
  return features.map((_, d) => {
    // the tree's cut points on this feature split its range into intervals, and every leaf spans
    // a run of whole intervals: add each leaf's share of the marginal over its run
    const cuts = [...new Set(leaves.flatMap((leaf) => [leaf.lo[d]!, leaf.hi[d]!]))].sort((a, b) => a - b);
    const index = new Map(cuts.map((c, i) => [c, i]));
    const marginal = new Float64Array(cuts.length);
    leaves.forEach((leaf, i) => {
      const own = share(leaf, d);
      if (own <= 0) return;
      const contribution = (weights[i]! / own) * leaf.value;
      const from = index.get(leaf.lo[d]!)!;
      const to = index.get(leaf.hi[d]!)!;
      marginal[from] = marginal[from]! + contribution;
      marginal[to] = marginal[to]! - contribution;
    });
    let running = 0;
    let variance = 0;
    for (let k = 0; k < cuts.length - 1; k++) {
      running += marginal[k]!;
      variance += ((cuts[k + 1]! - cuts[k]!) / width[d]!) * (running - mean) ** 2;
    }
    return Math.min(1, Math.max(0, variance / total));
  });
}

/**
 * How much of the variance in the trials' scores each hyperparameter explains on its own, with
 * its spread over bootstrap resamples, and what is left unexplained. Seeded: the same trials,
 * options and seed give the same numbers. Null below 3 scored trials.
 */
export function parameterImportance(trials: readonly ScoredTrial[], options: ImportanceOptions): TImportance | null {
  const seed = options.seed ?? IMPORTANCE_DEFAULTS.seed;
  const resamples = options.resamples ?? IMPORTANCE_DEFAULTS.resamples;
  const trees = options.trees ?? IMPORTANCE_DEFAULTS.trees;
  const maxTrials = options.maxTrials ?? IMPORTANCE_DEFAULTS.maxTrials;
  let scored = trials.filter((t) => Number.isFinite(t.score));
  if (scored.length < 3) return null;
  if (scored.length > maxTrials) scored = sample(scored, maxTrials, deriveSeed(seed, 0x5a));

  // a trial without a value of its own trained with the default
  const features = options.dimensions
    .map((name) =>
      encode(
        name,
        scored.map((t) => hyperparameterValue(t.hyperparameters, name) ?? ''),
      ),
    )
    .filter((f): f is Feature => f !== null);
  const y = scored.map((t) => t.score);
  const n = scored.length;
  const base = {
    method: 'fanova-random-forest' as const,
    trials: n,
    excludedDiverged: options.excludedDiverged ?? 0,
    resamples,
    trees,
    seed,
    warning:
      n < IMPORTANCE_MIN_TRIALS ? `Only ${n} usable trials: importance from fewer than ${IMPORTANCE_MIN_TRIALS} is mostly noise.` : null,
  };
  const zero: TSpread = { median: 0, q1: 0, q3: 0 };
  const spreadOfScores = Math.max(...y) - Math.min(...y);
  if (features.length === 0 || spreadOfScores <= 0) {
    return {
      ...base,
      fit: zero,
      parameters: features.map((f) => ({ name: f.name, values: f.values, ...zero })),
      unexplained: spreadOfScores <= 0 ? zero : { median: 1, q1: 1, q3: 1 },
      warning: base.warning ?? (spreadOfScores <= 0 ? 'Every trial has the same score: there is nothing to explain.' : null),
    };
  }

  const X = scored.map((_, i) => features.map((f) => f.column[i]!));
  const random = createRandom(deriveSeed(seed, 0xb0));
  const fits: number[] = [];
  const effects: number[][] = features.map(() => []);
  const unexplained: number[] = [];
  for (let b = 0; b < resamples; b++) {
    const { inBag, outOfBag } = bootstrap(n, random);
    const forest = new RandomForestRegression({
      nEstimators: trees,
      maxFeatures: 1.0,
      replacement: false,
      useSampleBagging: true,
      noOOB: true,
      seed: deriveSeed(seed, b + 1) & 0x7fffffff,
      treeOptions: { minNumSamples: 2, maxDepth: 12 },
    });
    const yIn = inBag.map((i) => y[i]!);
    forest.train(
      inBag.map((i) => X[i]!),
      yIn,
    );
    const predicted = forest.predict(outOfBag.map((i) => X[i]!));
    const meanIn = yIn.reduce((s, v) => s + v, 0) / yIn.length;
    // skill over always predicting the resample's mean score
    const sse = outOfBag.reduce((s, i, k) => s + (y[i]! - predicted[k]!) ** 2, 0);
    const sst = outOfBag.reduce((s, i) => s + (y[i]! - meanIn) ** 2, 0);
    const fit = sst > 0 ? Math.min(1, Math.max(0, 1 - sse / sst)) : 0;
    const perTree = forest.estimators
      .map((tree, t) => treeMainEffects(tree.root, forest.indexes[t]!, features))
      .filter((e): e is number[] => e !== null);
    const fractions = features.map((_, d) => (perTree.length ? perTree.reduce((s, e) => s + e[d]!, 0) / perTree.length : 0));
    fits.push(fit);
    fractions.forEach((fraction, d) => effects[d]!.push(fit * fraction));
    unexplained.push(1 - fractions.reduce((s, fraction) => s + fit * fraction, 0));
  }
  const parameters: TParameterImportance[] = features
    .map((f, d) => ({ name: f.name, values: f.values, ...spread(effects[d]!) }))
    .sort((a, b) => b.median - a.median || b.q3 - a.q3);
  return { ...base, fit: spread(fits), parameters, unexplained: spread(unexplained) };
}

/** n draws with replacement, redrawn until at least one trial is left out to score the fit on. */
function bootstrap(n: number, random: ReturnType<typeof createRandom>): { inBag: number[]; outOfBag: number[] } {
  for (;;) {
    const inBag = Array.from({ length: n }, () => random.nextInt(n));
    const drawn = new Set(inBag);
    if (drawn.size < n) return { inBag, outOfBag: [...Array(n).keys()].filter((i) => !drawn.has(i)) };
  }
}

/** k of the items without replacement, in their original order. */
function sample<T>(items: readonly T[], k: number, seed: number): T[] {
  const random = createRandom(seed);
  const order = [...items.keys()];
  for (let i = 0; i < k; i++) {
    const j = i + random.nextInt(order.length - i);
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  return order
    .slice(0, k)
    .sort((a, b) => a - b)
    .map((i) => items[i]!);
}
