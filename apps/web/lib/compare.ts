import type { TComparedTrial, TEvaluationSummary, THyperparameterName, THyperparameters } from '@atelier/domain';
import { formatHyperparameter } from './format';

/** Pure helpers of the compare view and the trial page: labels, matrices, bests. */

export const HYPERPARAMETER_LABELS: Record<THyperparameterName, string> = {
  architecture: 'Architecture',
  batchSize: 'Batch size',
  epochs: 'Epochs',
  activation: 'Activation',
  optimizer: 'Optimizer',
  learningRate: 'Learning rate',
  momentum: 'Momentum',
};

const SHORT: Record<THyperparameterName, string> = {
  architecture: 'arch',
  batchSize: 'batch',
  epochs: 'epochs',
  activation: 'act',
  optimizer: 'opt',
  learningRate: 'lr',
  momentum: 'mom',
};

export function formatHyperparameterValue(name: THyperparameterName, value: THyperparameters[THyperparameterName]): string {
  return typeof value === 'number' && (name === 'learningRate' || name === 'momentum') ? formatHyperparameter(value) : String(value);
}

/**
 * What tells the trials apart in a legend: only the hyperparameters that differ
 * ("lr=0.01 · batch=32"); when nothing differs (the same point in two experiments), the
 * experiment and trial number.
 */
export function legendLabel(trial: Pick<TComparedTrial, 'hyperparameters' | 'number' | 'experiment'>, differing: readonly THyperparameterName[]): string {
  if (differing.length === 0) return `${trial.experiment.name} #${trial.number}`;
  return differing.map((name) => `${SHORT[name]}=${formatHyperparameterValue(name, trial.hyperparameters[name])}`).join(' · ');
}

/** counts[true][predicted] → each row divided by its total (a row of zeros stays zeros). */
export function rowNormalize(matrix: readonly (readonly number[])[]): number[][] {
  return matrix.map((row) => {
    const total = row.reduce((sum, value) => sum + value, 0);
    return row.map((value) => (total > 0 ? value / total : 0));
  });
}

/** Cell by cell A − B of the row-normalised matrices: where A predicts more (positive) or less. */
export function matrixDifference(a: readonly (readonly number[])[], b: readonly (readonly number[])[]): number[][] {
  if (a.length !== b.length) throw new Error(`cannot subtract a ${b.length}-class matrix from a ${a.length}-class one`);
  const na = rowNormalize(a);
  const nb = rowNormalize(b);
  return na.map((row, i) => row.map((value, j) => value - (nb[i]?.[j] ?? 0)));
}

/** The newest evaluation of one split, or null: never one of the other split in its place. */
export function newestOfSplit<T extends Pick<TEvaluationSummary, 'split' | 'createdAt'>>(evaluations: readonly T[], split: 'validation' | 'test'): T | null {
  return evaluations.filter((e) => e.split === split).sort((a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt))[0] ?? null;
}

/** Index (or indices, on a tie) of the highest value; none when every value is missing. */
export function bestIndices(values: readonly (number | null | undefined)[]): Set<number> {
  let best = -Infinity;
  for (const value of values) if (value !== null && value !== undefined && Number.isFinite(value) && value > best) best = value;
  const indices = new Set<number>();
  if (best === -Infinity) return indices;
  values.forEach((value, index) => {
    if (value !== null && value !== undefined && Math.abs(value - best) < 1e-12) indices.add(index);
  });
  return indices;
}

/** Mean ± std band rows for Recharts: one row per epoch, a [low, high] pair per band. */
export function foldBandRows(
  curves: TComparedTrial['curves'],
  metric: 'valLoss' | 'valAccuracy' | 'loss' | 'accuracy',
): Record<string, number | [number, number] | null>[] {
  const std = `${metric}Std` as const;
  const rows = new Map<number, Record<string, number | [number, number] | null>>();
  for (const point of curves.mean) {
    const mean = point[metric];
    const spread = point[std];
    rows.set(point.epoch, {
      epoch: point.epoch,
      mean,
      band: mean !== null && spread !== null ? [mean - spread, mean + spread] : null,
    });
  }
  for (const fold of curves.folds) {
    for (const m of fold.metrics) {
      const row = rows.get(m.epoch) ?? { epoch: m.epoch, mean: null, band: null };
      row[`fold${fold.fold}`] = m[metric];
      rows.set(m.epoch, row);
    }
  }
  return [...rows.values()].sort((a, b) => (a['epoch'] as number) - (b['epoch'] as number));
}

/** Compare URL for a list of trial ids. */
export function compareHref(trialIds: readonly string[]): string {
  return `/compare?trials=${trialIds.map(encodeURIComponent).join(',')}`;
}

/** The trial ids of a `trials` search parameter ("a,b,c", or repeated), de-duplicated, in order. */
export function parseTrialIds(value: string | string[] | undefined): string[] {
  const parts = (Array.isArray(value) ? value : value ? [value] : []).flatMap((v) => v.split(',')).map((v) => v.trim()).filter(Boolean);
  return [...new Set(parts)];
}
