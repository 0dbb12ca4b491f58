import {
  asGridSpace,
  ashaRungEpochs,
  ashaRungPopulation,
  type TCreateExperiment,
  type THyperparameters,
  type TValidationPlan,
} from '@atelier/domain';
import { expandGrid, gridSize } from './grid';
import { sampleSpace } from './random';

type SearchRequest = Pick<TCreateExperiment, 'strategy' | 'space' | 'seed' | 'validation'>;

/** Trainings per trial: k for k-fold, one for a holdout split. */
export function foldCount(validation: TValidationPlan): number {
  return validation.kind === 'kfold' ? validation.folds : 1;
}

/**
 * The configurations a search trains, in trial-number order. Grid: the cartesian product.
 * Random: `trials` distinct seeded draws. ASHA: the grid (or `trials` draws), every one set to
 * the first rung's epochs; promotions raise a trial's epochs later.
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
      if (!grid) throw new Error('ASHA over the grid needs a list of values for every hyperparameter; set strategy.trials to sample distributions');
      return expandGrid(grid);
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
  const rungEpochs = ashaRungEpochs(strategy);
  const trialCount =
    strategy.trials ?? gridSize(asGridSpace({ ...space, epochs: [rungEpochs[0]!] }) ?? failGrid());
  const population = ashaRungPopulation(trialCount, rungEpochs.length, strategy.reductionFactor);
  let totalEpochs = 0;
  rungEpochs.forEach((epochs, k) => {
    totalEpochs += population[k]! * (epochs - (k === 0 ? 0 : rungEpochs[k - 1]!)) * folds;
  });
  return {
    trialCount,
    folds,
    trainingRuns: trialCount * folds,
    totalEpochs,
    rungs: rungEpochs.map((epochs, k) => ({ epochs, trials: population[k]! })),
  };
}

function failGrid(): never {
  throw new Error('ASHA over the grid needs a list of values for every hyperparameter; set strategy.trials to sample distributions');
}
