import type { TApiError, TCreateExperiment } from '@atelier/domain';
import { gridSize } from '@atelier/ml/search/grid';
import type { TExperimentPlan } from '@atelier/domain';

type Issue = NonNullable<TApiError['issues']>[number];

/** What the rules need to know about the server's datasets and architectures. */
export interface RuleContext {
  datasets: readonly { key: string; trainSize: number }[];
  architectures: readonly { key: string; kind: 'layers' | 'knn' }[];
  maxTrials: number;
}

/** Trainings per trial: k for k-fold, one for a holdout split. */
export function foldCount(validation: TCreateExperiment['validation']): number {
  return validation.kind === 'kfold' ? validation.folds : 1;
}

/** The size of a search, computed without expanding the grid. */
export function planExperiment(request: TCreateExperiment, maxTrials: number): TExperimentPlan {
  const trialCount = gridSize(request.space);
  const folds = foldCount(request.validation);
  // every epochs value meets every combination of the other hyperparameters equally often
  const epochSum = request.space.epochs.reduce((sum, epochs) => sum + epochs, 0);
  const totalEpochs = (trialCount / request.space.epochs.length) * epochSum * folds;
  return { trialCount, folds, trainingRuns: trialCount * folds, totalEpochs, maxTrials };
}

/**
 * The rules a well-formed request must also meet against this server's state; an empty list
 * means the experiment can be created. Each message says what to change.
 */
export function checkExperimentRules(request: TCreateExperiment, context: RuleContext): Issue[] {
  const issues: Issue[] = [];
  const dataset = context.datasets.find((d) => d.key === request.dataset);
  if (!dataset) {
    const keys = context.datasets.map((d) => d.key).join(', ');
    issues.push({ path: 'dataset', message: `Unknown dataset '${request.dataset}'. Available: ${keys || 'none'}` });
  }

  const trainable = context.architectures.filter((a) => a.kind === 'layers').map((a) => a.key);
  request.space.architecture.forEach((key, index) => {
    const architecture = context.architectures.find((a) => a.key === key);
    const path = `space.architecture[${index}]`;
    if (!architecture) {
      issues.push({ path, message: `Unknown architecture '${key}'. Available: ${trainable.join(', ') || 'none'}` });
    } else if (architecture.kind === 'knn') {
      issues.push({
        path,
        message: `Architecture '${key}' is a k-nearest-neighbours baseline: it has no weights to train, so grid search cannot tune it. Remove it from space.architecture.`,
      });
    }
  });

  if (dataset && request.trainingSlice !== null && request.trainingSlice > dataset.trainSize) {
    issues.push({
      path: 'trainingSlice',
      message: `Training slice ${request.trainingSlice} is larger than the training set of '${dataset.key}' (${dataset.trainSize} images): use at most ${dataset.trainSize}, or null for all of it.`,
    });
  }
  const trialCount = gridSize(request.space);
  if (trialCount > context.maxTrials) {
    issues.push({ path: 'space', message: `The grid expands to ${trialCount} trials; the limit is ${context.maxTrials} (MAX_TRIALS)` });
  }
  return issues;
}
