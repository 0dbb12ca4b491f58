import {
  asGridSpace,
  ashaRungEpochs,
  ashaRungPopulation,
  firstRungsOf,
  foldCount,
  hyperbandAssignments,
  hyperbandBrackets,
  hyperbandIterationSize,
  type THyperbandStrategy,
  type TCreateExperiment,
  type TSearchSpace,
  type TTpeStrategy,
  type THyperparameters,
} from '@atelier/domain';
import { expandGrid, gridSize } from './grid';
import { distinctPointCount, sampleSpace } from './random';
import { proposeTpe } from './tpe';

type SearchRequest = Pick<TCreateExperiment, 'strategy' | 'space' | 'seed' | 'validation'>;

/** TPE's options from its strategy. */
export function tpeOptions(strategy: TTpeStrategy) {
  return {
    startupTrials: strategy.startupTrials,
    eiCandidates: strategy.eiCandidates,
    multivariate: strategy.multivariate,
    constantLiar: strategy.constantLiar,
  };
}

/** The space TPE samples: with early stopping, every trial starts at the first rung's epochs. */
export function tpeSpace(strategy: TTpeStrategy, space: TSearchSpace): TSearchSpace {
  return strategy.earlyStopping ? { ...space, epochs: [ashaRungEpochs(strategy.earlyStopping)[0]!] } : space;
}

/** Trials Hyperband draws: its `trials`, or one full iteration. */
export function hyperbandTrialCount(strategy: THyperbandStrategy): number {
  return strategy.trials ?? hyperbandIterationSize(strategy);
}

/**
 * The configurations created with the search, in trial-number order. Grid: the cartesian
 * product. Random: `trials` distinct seeded draws. ASHA: the grid (or `trials` draws), every one
 * set to the first rung's epochs; promotions raise a trial's epochs later. Hyperband: `trials`
 * distinct draws, each set to the epochs of its bracket's first rung. TPE: only the first batch
 * (`parallelism` trials, random startup draws); the worker proposes the rest as results arrive.
 */
export function searchCandidates(request: SearchRequest): THyperparameters[] {
  const { strategy, space } = request;
  switch (strategy.kind) {
    case 'grid': {
      const grid = asGridSpace(space);
      if (!grid) throw new Error('grid search needs a list of values for every hyperparameter, epochs included');
      return expandGrid(grid);
    }
    case 'random':
      return sampleSpace(space, strategy.trials, request.seed);
    case 'asha': {
      const firstRung = ashaRungEpochs(strategy)[0]!;
      if (strategy.trials !== undefined) return sampleSpace({ ...space, epochs: [firstRung] }, strategy.trials, request.seed);
      const grid = asGridSpace({ ...space, epochs: [firstRung] });
      if (!grid)
        throw new Error('ASHA over the grid needs a list of values for every hyperparameter; set strategy.trials to sample distributions');
      return expandGrid(grid);
    }
    case 'hyperband': {
      const rungEpochs = ashaRungEpochs(strategy);
      const trials = hyperbandTrialCount(strategy);
      const firstRungs = firstRungsOf(strategy, trials);
      return sampleSpace({ ...space, epochs: [rungEpochs[0]!] }, trials, request.seed).map((point, i) => ({
        ...point,
        epochs: rungEpochs[firstRungs[i]!]!,
      }));
    }
    case 'tpe': {
      const tpeSearchSpace = tpeSpace(strategy, space);
      const options = tpeOptions(strategy);
      const batch = Math.min(strategy.parallelism, strategy.trials);
      const points: THyperparameters[] = [];
      // Nothing has finished yet: these are startup draws, each seen as running by the next.
      for (let n = 1; n <= batch; n++) {
        const running = points.map((params, i) => ({ number: i + 1, params, state: 'running' as const, value: null }));
        points.push(proposeTpe({ space: tpeSearchSpace, options, trials: running, trialNumber: n, seed: request.seed }));
      }
      return points;
    }
  }
}

export interface SearchSize {
  trialCount: number;
  folds: number;
  trainingRuns: number;
  /** Epochs over every training run; for ASHA the most it can take (every possible promotion made). */
  totalEpochs: number;
  rungs: { epochs: number; trials: number }[] | null;
}

/**
 * The size of a search without training anything. A grid is counted without expanding it
 * (a 10⁶-point request is refused cheaply); a random search draws its points, which is cheap
 * and exact. ASHA assumes every promotion ASHA can make is made: floor(n/η^k) trials reach rung
 * k, each training the epochs between its rung and the one below.
 */
export function searchSize(request: SearchRequest): SearchSize {
  const { strategy, space } = request;
  const folds = foldCount(request.validation);
  if (strategy.kind === 'grid') {
    const grid = asGridSpace(space);
    if (!grid) throw new Error('grid search needs a list of values for every hyperparameter, epochs included');
    const trialCount = gridSize(grid);
    // every epochs value meets every combination of the other hyperparameters equally often
    const epochSum = grid.epochs.reduce((sum, epochs) => sum + epochs, 0);
    const totalEpochs = (trialCount / grid.epochs.length) * epochSum * folds;
    return { trialCount, folds, trainingRuns: trialCount * folds, totalEpochs, rungs: null };
  }
  if (strategy.kind === 'random') {
    const points = sampleSpace(space, strategy.trials, request.seed);
    const totalEpochs = points.reduce((sum, point) => sum + point.epochs, 0) * folds;
    return { trialCount: points.length, folds, trainingRuns: points.length * folds, totalEpochs, rungs: null };
  }
  if (strategy.kind === 'tpe') {
    const trialCount = strategy.trials;
    if (strategy.earlyStopping)
      return {
        trialCount,
        folds,
        trainingRuns: trialCount * folds,
        ...rungWork([trialCount], ashaRungEpochs(strategy.earlyStopping), strategy.earlyStopping.reductionFactor, folds),
      };
    // TPE picks each trial's epochs from the list: at most every trial at the largest.
    const totalEpochs = trialCount * Math.max(...(space.epochs ?? failEpochs())) * folds;
    return { trialCount, folds, trainingRuns: trialCount * folds, totalEpochs, rungs: null };
  }
  if (strategy.kind === 'hyperband') {
    const trialCount = hyperbandTrialCount(strategy);
    const rungEpochs = ashaRungEpochs(strategy);
    const available = distinctPointCount({ ...space, epochs: [rungEpochs[0]!] });
    if (available < trialCount) {
      throw new Error(
        `Hyperband draws ${trialCount} distinct configurations${strategy.trials === undefined ? ' (one iteration of its brackets)' : ''} but the space holds ${available}: set strategy.trials to at most ${available}, or widen the space`,
      );
    }
    const assigned = hyperbandAssignments(strategy, trialCount);
    const perBracket = hyperbandBrackets(strategy).map((b) => assigned.filter((x) => x === b.bracket).length);
    return { trialCount, folds, trainingRuns: trialCount * folds, ...rungWork(perBracket, rungEpochs, strategy.reductionFactor, folds) };
  }
  const rungEpochs = ashaRungEpochs(strategy);
  const trialCount = strategy.trials ?? gridSize(asGridSpace({ ...space, epochs: [rungEpochs[0]!] }) ?? failGrid());
  return { trialCount, folds, trainingRuns: trialCount * folds, ...rungWork([trialCount], rungEpochs, strategy.reductionFactor, folds) };
}

/**
 * The most epochs successive halving can train, and the most trials at each rung: bracket b
 * (trialsPerBracket[b] trials, starting at rung b) sends floor(n/η^j) of them j rungs up, each
 * training the epochs between its rung and the one below (from 0 at the bracket's first rung).
 */
function rungWork(trialsPerBracket: readonly number[], rungEpochs: readonly number[], reductionFactor: number, folds: number) {
  const reached = rungEpochs.map(() => 0);
  let totalEpochs = 0;
  trialsPerBracket.forEach((trials, bracket) => {
    const population = ashaRungPopulation(trials, rungEpochs.length - bracket, reductionFactor);
    population.forEach((n, j) => {
      const rung = bracket + j;
      reached[rung]! += n;
      totalEpochs += n * (rungEpochs[rung]! - (j === 0 ? 0 : rungEpochs[rung - 1]!)) * folds;
    });
  });
  return { totalEpochs, rungs: rungEpochs.map((epochs, k) => ({ epochs, trials: reached[k]! })) };
}

function failEpochs(): never {
  throw new Error('TPE without early stopping needs space.epochs: a list of epoch counts');
}

function failGrid(): never {
  throw new Error('ASHA over the grid needs a list of values for every hyperparameter; set strategy.trials to sample distributions');
}
