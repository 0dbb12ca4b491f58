/**
 * The Parzen estimators of TPE, as Optuna builds them (optuna/samplers/_tpe/parzen_estimator.py
 * and probability_distributions.py): a mixture with one kernel per observation plus a prior
 * kernel, each kernel a product over the dimensions of a truncated normal (numbers, in log
 * space for log scales, discretised on a step) or a smoothed one-hot (categories).
 */
import type { SeededRandom } from '../data/random';
import { logGaussMass, NORM_PDF_LOG_C, truncnormFromUniform } from './truncnorm';

export type TpeDimension =
  | { kind: 'categorical'; choices: readonly (string | number)[] }
  | { kind: 'float'; low: number; high: number; log: boolean }
  | { kind: 'int'; low: number; high: number; step: number; log: boolean };

export interface ParzenEstimatorParameters {
  priorWeight: number;
  considerMagicClip: boolean;
  considerEndpoints: boolean;
  /** Weight of each observation, oldest first (Optuna: weights). */
  weights: (n: number) => number[];
}

/** Optuna's default_weights: equal up to 25 observations, then a ramp that fades the oldest. */
export function defaultWeights(n: number): number[] {
  if (n === 0) return [];
  if (n < 25) return Array.from({ length: n }, () => 1);
  const rampLength = n - 25;
  const start = 1 / n;
  const ramp = Array.from({ length: rampLength }, (_, i) => (rampLength === 1 ? start : start + (i * (1 - start)) / (rampLength - 1)));
  return [...ramp, ...Array.from({ length: 25 }, () => 1)];
}

export const DEFAULT_PARZEN_PARAMETERS: ParzenEstimatorParameters = {
  priorWeight: 1,
  considerMagicClip: true,
  considerEndpoints: false,
  weights: defaultWeights,
};

type KernelSet =
  | { kind: 'categorical'; weights: number[][] }
  | {
      kind: 'numerical';
      mu: number[];
      sigma: number[];
      low: number;
      high: number;
      step: number;
      log: boolean;
      adaptedLow: number;
      adaptedHigh: number;
      /** Per kernel: log of its mass inside the bounds (plus log σ for a density), computed once. */
      logNormalizer: number[];
    };

const EPS = 1e-12;

function categoricalKernels(observations: readonly number[], choices: number, parameters: ParzenEstimatorParameters): KernelSet {
  if (observations.length === 0) return { kind: 'categorical', weights: [Array.from({ length: choices }, () => 1 / choices)] };
  const kernels = observations.length + 1;
  const weights = Array.from({ length: kernels }, () => Array.from({ length: choices }, () => parameters.priorWeight / kernels));
  observations.forEach((index, i) => (weights[i]![index]! += 1));
  for (const row of weights) {
    const sum = row.reduce((a, b) => a + b, 0);
    if (sum !== 0) for (let j = 0; j < row.length; j++) row[j]! /= sum;
  }
  return { kind: 'categorical', weights };
}

function numericalKernels(
  observations: readonly number[],
  dimension: Exclude<TpeDimension, { kind: 'categorical' }>,
  parameters: ParzenEstimatorParameters,
): KernelSet {
  const step = dimension.kind === 'int' ? dimension.step : 0;
  let low = dimension.low - step / 2;
  let high = dimension.high + step / 2;
  let mus = [...observations];
  if (dimension.log) {
    mus = mus.map(Math.log);
    low = Math.log(low);
    high = Math.log(high);
  }
  // Each kernel as wide as the larger gap to its neighbours (the bounds are neighbours too).
  const order = mus.map((_, i) => i).sort((i, j) => mus[i]! - mus[j]! || i - j);
  const withEnds = [low, ...order.map((i) => mus[i]!), high];
  const sortedSigmas = order.map((_, k) => Math.max(withEnds[k + 1]! - withEnds[k]!, withEnds[k + 2]! - withEnds[k + 1]!));
  if (!parameters.considerEndpoints && withEnds.length >= 4) {
    sortedSigmas[0] = withEnds[2]! - withEnds[1]!;
    sortedSigmas[sortedSigmas.length - 1] = withEnds[withEnds.length - 2]! - withEnds[withEnds.length - 3]!;
  }
  const maxSigma = high - low;
  const minSigma = parameters.considerMagicClip ? (high - low) / Math.min(100, 1 + observations.length + 1) : EPS;
  const sigmas = new Array<number>(mus.length);
  order.forEach((i, k) => (sigmas[i] = Math.min(maxSigma, Math.max(minSigma, sortedSigmas[k]!))));
  // The prior: one kernel over the whole range.
  mus.push(0.5 * (low + high));
  sigmas.push(high - low);
  const adaptedLow = dimension.log ? Math.log(dimension.low - step / 2) : dimension.low - step / 2;
  const adaptedHigh = dimension.log ? Math.log(dimension.high + step / 2) : dimension.high + step / 2;
  const logNormalizer = mus.map((mu, k) => {
    const sigma = sigmas[k]!;
    return logGaussMass((adaptedLow - mu) / sigma, (adaptedHigh - mu) / sigma) + (step === 0 ? Math.log(sigma) : 0);
  });
  return {
    kind: 'numerical',
    mu: mus,
    sigma: sigmas,
    low: dimension.low,
    high: dimension.high,
    step,
    log: dimension.log,
    adaptedLow,
    adaptedHigh,
    logNormalizer,
  };
}

/**
 * A mixture over `dimensions` fitted to `observations` (one row per trial, a value per
 * dimension: the category's index, or the number itself).
 */
export class ParzenEstimator {
  private readonly weights: number[];
  private readonly kernels: KernelSet[];

  constructor(
    observations: readonly (readonly number[])[],
    private readonly dimensions: readonly TpeDimension[],
    parameters: ParzenEstimatorParameters = DEFAULT_PARZEN_PARAMETERS,
  ) {
    if (parameters.priorWeight < 0) throw new Error(`prior_weight must be ≥ 0, got ${parameters.priorWeight}`);
    const n = observations.length;
    const raw = n === 0 ? [1] : [...parameters.weights(n).slice(0, n), parameters.priorWeight];
    if (raw.some((w) => !(w >= 0) || !Number.isFinite(w))) throw new Error('the weights function must return finite values ≥ 0');
    const total = raw.reduce((a, b) => a + b, 0);
    this.weights = raw.map((w) => w / total);
    this.kernels = dimensions.map((dimension, d) => {
      const column = observations.map((row) => row[d]!);
      return dimension.kind === 'categorical'
        ? categoricalKernels(column, dimension.choices.length, parameters)
        : numericalKernels(column, dimension, parameters);
    });
  }

  /** `size` draws: pick a kernel by weight, then each dimension from that kernel. */
  sample(random: SeededRandom, size: number): number[][] {
    const cumulative = cumulate(this.weights);
    const samples: number[][] = [];
    for (let s = 0; s < size; s++) {
      const k = pick(cumulative, random.next());
      samples.push(
        this.kernels.map((kernel) => {
          if (kernel.kind === 'categorical') return pick(cumulate(kernel.weights[k]!), random.next());
          const mu = kernel.mu[k]!;
          const sigma = kernel.sigma[k]!;
          let x = truncnormFromUniform(random.next(), (kernel.adaptedLow - mu) / sigma, (kernel.adaptedHigh - mu) / sigma, mu, sigma);
          if (kernel.log) x = Math.exp(x);
          if (kernel.step !== 0)
            x = Math.min(kernel.high, Math.max(kernel.low, kernel.low + Math.round((x - kernel.low) / kernel.step) * kernel.step));
          return x;
        }),
      );
    }
    return samples;
  }

  /** log density (log mass on a step) of each sample under the mixture. */
  logPdf(samples: readonly (readonly number[])[]): number[] {
    const logWeights = this.weights.map(Math.log);
    const perKernel = new Float64Array(this.weights.length);
    return samples.map((x) => {
      perKernel.set(logWeights);
      this.kernels.forEach((kernel, d) => {
        const value = x[d]!;
        if (kernel.kind === 'categorical') {
          for (let k = 0; k < perKernel.length; k++) perKernel[k]! += Math.log(kernel.weights[k]![value]!);
          return;
        }
        if (kernel.step === 0) {
          const v = kernel.log ? Math.log(value) : value;
          const outside = v < kernel.adaptedLow || v > kernel.adaptedHigh;
          for (let k = 0; k < perKernel.length; k++) {
            const z = (v - kernel.mu[k]!) / kernel.sigma[k]!;
            perKernel[k]! += outside ? -Infinity : -(z * z) / 2 - NORM_PDF_LOG_C - kernel.logNormalizer[k]!;
          }
          return;
        }
        const left = kernel.log ? Math.log(value - kernel.step / 2) : value - kernel.step / 2;
        const right = kernel.log ? Math.log(value + kernel.step / 2) : value + kernel.step / 2;
        for (let k = 0; k < perKernel.length; k++) {
          const mu = kernel.mu[k]!;
          const sigma = kernel.sigma[k]!;
          perKernel[k]! += logGaussMass((left - mu) / sigma, (right - mu) / sigma) - kernel.logNormalizer[k]!;
        }
      });
      let max = -Infinity;
      for (const v of perKernel) if (v > max) max = v;
      if (max === -Infinity) max = 0;
      let sum = 0;
      for (const v of perKernel) sum += Math.exp(v - max);
      return Math.log(sum) + max;
    });
  }

  get dimensionCount(): number {
    return this.dimensions.length;
  }
}

function cumulate(weights: readonly number[]): number[] {
  const out: number[] = [];
  let sum = 0;
  for (const w of weights) out.push((sum += w));
  // Rounding must not leave the last bucket short of 1.
  out[out.length - 1] = 1;
  return out;
}

/** The first bucket whose cumulative weight reaches u (numpy: the count of buckets below u). */
function pick(cumulative: readonly number[], u: number): number {
  let i = 0;
  while (i < cumulative.length - 1 && cumulative[i]! < u) i++;
  return i;
}
