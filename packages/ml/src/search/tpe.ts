/**
 * The Tree-structured Parzen Estimator (Bergstra et al. 2011) as Optuna's TPESampler runs it
 * (optuna/samplers/_tpe/sampler.py), maximising the mean validation accuracy. With fewer than
 * `startupTrials` finished trials a proposal is a random draw; after that the finished trials
 * are split into the best γ(n) ("below", l) and the rest ("above", g), a Parzen estimator is
 * fitted to each, `eiCandidates` points are drawn from l and the one with the highest
 * log l(x) − log g(x) is proposed. Trials stopped early (ASHA) rank after every completed one,
 * deepest rung first, as Optuna ranks pruned trials; with the constant liar, running trials
 * join the "above" group, so a second worker is steered away from the first one's point.
 *
 * Every proposal draws from its own stream, seeded by the search seed and the trial number, so
 * the same history always gives the same proposal, in whichever process it is computed.
 */
import { hyperparameterValue, type TSearchableHyperparameterName, type THyperparameters, type TSearchSpace } from '@atelier/domain';
import { createRandom, deriveSeed, type SeededRandom } from '../data/random';
import { DEFAULT_PARZEN_PARAMETERS, ParzenEstimator, type ParzenEstimatorParameters, type TpeDimension } from './parzen-estimator';
import {
  drawPoint,
  epochsOf,
  isFloatDistribution,
  isIntDistribution,
  roundSignificant,
  sampledDimensions,
  type SampleOptions,
} from './random';

/** Salt of the proposal streams, apart from random search's and the trials' own. */
const TPE_SALT = 0x7be5;

export interface TpeTrial {
  number: number;
  params: THyperparameters;
  /** complete: trained to the end; pruned: stopped early at a rung; running: no result yet (queued, running, or promoted and training on). */
  state: 'complete' | 'pruned' | 'running';
  /** complete: the trial's score; pruned: its score at the last rung it finished. Higher is better. */
  value: number | null;
  /** pruned: epochs of that last rung (Optuna: the last intermediate step). */
  step?: number;
}

export interface TpeOptions {
  startupTrials: number;
  eiCandidates: number;
  multivariate: boolean;
  constantLiar: boolean;
  /** Size of the "below" group out of n finished trials; Optuna's default_gamma when omitted. */
  gamma?: (n: number) => number;
  parzen?: ParzenEstimatorParameters;
}

export interface TpeRequest {
  space: TSearchSpace;
  options: TpeOptions;
  /** Every trial of the search so far except failed ones (Optuna ignores those). */
  trials: readonly TpeTrial[];
  /** The number the proposed trial will get. */
  trialNumber: number;
  seed: number;
  /** Epochs of the proposal when the space has none (early stopping starts every trial at its first rung). */
  sample?: SampleOptions;
}

/** Optuna's default_gamma: the best 10%, at most 25. */
export function defaultGamma(n: number): number {
  return Math.min(Math.ceil(0.1 * n), 25);
}

interface ActiveDimension {
  name: TSearchableHyperparameterName;
  dimension: TpeDimension;
  /** The value as the estimator sees it: a category's index, or the number. */
  toInternal(value: string | number): number;
  toExternal(value: number): string | number;
}

/** The dimensions TPE models: every one that can take more than one value. */
export function tpeDimensions(space: TSearchSpace, sample: SampleOptions = {}): ActiveDimension[] {
  const active: ActiveDimension[] = [];
  for (const name of sampledDimensions(space)) {
    const raw: unknown = name === 'epochs' ? epochsOf(space, sample) : space[name];
    if (Array.isArray(raw)) {
      if (raw.length < 2) continue;
      const choices = raw as (string | number)[];
      active.push({
        name,
        dimension: { kind: 'categorical', choices },
        toInternal: (value) => {
          const index = choices.indexOf(value);
          if (index < 0) throw new Error(`${name} = ${value} is not one of the space's values (${choices.join(', ')})`);
          return index;
        },
        toExternal: (index) => choices[index]!,
      });
    } else if (isFloatDistribution(raw)) {
      active.push({
        name,
        dimension: { kind: 'float', low: raw.low, high: raw.high, log: raw.dist === 'log-uniform' },
        toInternal: (value) => value as number,
        // Six significant digits, as random search stores its draws, kept inside the range.
        toExternal: (value) => Math.min(raw.high, Math.max(raw.low, roundSignificant(value))),
      });
    } else if (isIntDistribution(raw)) {
      if (raw.low === raw.high) continue;
      active.push({
        name,
        dimension: { kind: 'int', low: raw.low, high: raw.high, step: raw.step, log: raw.log },
        toInternal: (value) => value as number,
        toExternal: (value) => Math.round(value),
      });
    } else {
      throw new Error(`${name} is neither a list of values nor a distribution`);
    }
  }
  return active;
}

/** Whether the proposal for this history is a random startup draw rather than a TPE one. */
export function isStartupProposal(trials: readonly TpeTrial[], startupTrials: number): boolean {
  return trials.filter((t) => t.state !== 'running').length < startupTrials;
}

/** Pruned trials best first: deepest step first, then higher value; NaN last within a step. */
function prunedKey(trial: TpeTrial): [number, number] {
  const value = trial.value ?? NaN;
  return [-(trial.step ?? 0), Number.isNaN(value) ? Infinity : -value];
}

/** Optuna's _split_trials for one maximised objective. */
export function splitTrials(trials: readonly TpeTrial[], nBelow: number): { below: TpeTrial[]; above: TpeTrial[] } {
  const complete = trials.filter((t) => t.state === 'complete');
  const pruned = trials.filter((t) => t.state === 'pruned');
  const running = trials.filter((t) => t.state === 'running');
  const sortedComplete = [...complete].sort((a, b) => (b.value ?? -Infinity) - (a.value ?? -Infinity) || a.number - b.number);
  const takeComplete = Math.min(nBelow, sortedComplete.length);
  const sortedPruned = [...pruned].sort((a, b) => {
    const [sa, va] = prunedKey(a);
    const [sb, vb] = prunedKey(b);
    return sa - sb || va - vb || a.number - b.number;
  });
  const takePruned = Math.min(Math.max(0, nBelow - takeComplete), sortedPruned.length);
  const byNumber = (a: TpeTrial, b: TpeTrial) => a.number - b.number;
  const below = [...sortedComplete.slice(0, takeComplete), ...sortedPruned.slice(0, takePruned)].sort(byNumber);
  const above = [...sortedComplete.slice(takeComplete), ...sortedPruned.slice(takePruned), ...running].sort(byNumber);
  return { below, above };
}

/** A trial's value of a modelled dimension; a trial without it (its default) counts as the default. */
function observed(trial: TpeTrial, name: TSearchableHyperparameterName): string | number {
  const value = hyperparameterValue(trial.params, name);
  if (value === undefined) throw new Error(`trial ${trial.number} has no ${name}, which the space searches`);
  return value;
}

/** The candidate with the best log l(x) − log g(x), first one on a tie (numpy's argmax). */
function bestCandidate(
  dims: readonly ActiveDimension[],
  below: readonly TpeTrial[],
  above: readonly TpeTrial[],
  options: TpeOptions,
  random: SeededRandom,
): number[] {
  const rows = (trials: readonly TpeTrial[]) => trials.map((t) => dims.map((d) => d.toInternal(observed(t, d.name))));
  const parzen = options.parzen ?? DEFAULT_PARZEN_PARAMETERS;
  const l = new ParzenEstimator(
    rows(below),
    dims.map((d) => d.dimension),
    parzen,
  );
  const g = new ParzenEstimator(
    rows(above),
    dims.map((d) => d.dimension),
    parzen,
  );
  const candidates = l.sample(random, options.eiCandidates);
  const logL = l.logPdf(candidates);
  const logG = g.logPdf(candidates);
  let best = 0;
  for (let i = 1; i < candidates.length; i++) if (logL[i]! - logG[i]! > logL[best]! - logG[best]!) best = i;
  return candidates[best]!;
}

/** The next trial's hyperparameters. */
export function proposeTpe(request: TpeRequest): THyperparameters {
  const { space, options, trials, trialNumber, seed } = request;
  if (options.eiCandidates < 1) throw new Error(`TPE needs at least one EI candidate, got ${options.eiCandidates}`);
  const random = createRandom(deriveSeed(deriveSeed(seed, TPE_SALT), trialNumber));
  const epochs = epochsOf(space, request.sample ?? {});
  if (isStartupProposal(trials, options.startupTrials)) return drawPoint(space, random, epochs);

  const used = options.constantLiar ? trials : trials.filter((t) => t.state !== 'running');
  const finished = used.filter((t) => t.state !== 'running').length;
  const { below, above } = splitTrials(used, (options.gamma ?? defaultGamma)(finished));
  const dims = tpeDimensions(space, request.sample);
  // Fixed dimensions (one value) come from an ordinary draw, which also fills a space with none active.
  const point = drawPoint(space, random, epochs) as unknown as Record<TSearchableHyperparameterName, string | number>;
  if (dims.length === 0) return point as unknown as THyperparameters;
  if (options.multivariate) {
    const chosen = bestCandidate(dims, below, above, options, random);
    dims.forEach((d, i) => (point[d.name] = d.toExternal(chosen[i]!)));
  } else {
    // Independent TPE: one estimator pair, and one set of candidates, per dimension.
    for (const d of dims) point[d.name] = d.toExternal(bestCandidate([d], below, above, options, random)[0]!);
  }
  return point as unknown as THyperparameters;
}
