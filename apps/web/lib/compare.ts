import {
  HYPERPARAMETER_NAMES,
  hyperparameterDefinition,
  type TComparedTrial,
  type TEvaluationSummary,
  type THyperparameterName,
  type THyperparameters,
} from '@atelier/domain';
import { formatHyperparameter } from './format';

/** Pure helpers of the compare view and the trial page: labels, matrices, bests. */

/** Labels, legend abbreviations and number formats come from the hyperparameter registry. */
export const HYPERPARAMETER_LABELS = Object.fromEntries(
  HYPERPARAMETER_NAMES.map((name) => [name, hyperparameterDefinition(name).label]),
) as Record<THyperparameterName, string>;

const SHORT = Object.fromEntries(HYPERPARAMETER_NAMES.map((name) => [name, hyperparameterDefinition(name).short])) as Record<
  THyperparameterName,
  string
>;

/**
 * A hyperparameter's value as the tables and legends print it; a trial without one shows the
 * default it trained with.
 */
export function formatHyperparameterValue(name: THyperparameterName, value: THyperparameters[THyperparameterName] | undefined): string {
  const shown = value ?? hyperparameterDefinition(name).default;
  if (shown === undefined) return '—';
  return typeof shown === 'number' && hyperparameterDefinition(name).format === 'number' ? formatHyperparameter(shown) : String(shown);
}

/** A hyperparameter's column in a table: its header and whether it holds numbers (right-aligned). */
export function hyperparameterColumn(name: THyperparameterName): { header: string; numeric: boolean } {
  const definition = hyperparameterDefinition(name);
  return { header: definition.column ?? definition.label, numeric: definition.kind !== 'categorical' };
}

/** The hyperparameters to list for these trials: the required ones and every other one a trial holds, in registry order. */
export function recordedHyperparameters(
  trials: readonly { hyperparameters: Partial<Record<THyperparameterName, unknown>> }[],
): THyperparameterName[] {
  return HYPERPARAMETER_NAMES.filter(
    (name) => hyperparameterDefinition(name).default === undefined || trials.some((t) => t.hyperparameters[name] !== undefined),
  );
}

/**
 * What tells the trials apart in a legend: only the hyperparameters that differ
 * ("lr=0.01 · batch=32"); when nothing differs (the same point in two experiments), the
 * experiment and trial number.
 */
export function legendLabel(
  trial: Pick<TComparedTrial, 'hyperparameters' | 'number' | 'experiment'>,
  differing: readonly THyperparameterName[],
): string {
  if (differing.length === 0) return `${trial.experiment.name} #${trial.number}`;
  return differing.map((name) => `${SHORT[name]}=${formatHyperparameterValue(name, trial.hyperparameters[name])}`).join(' · ');
}

/**
 * The legend of a comparison: what differs, and, when the trials come from more than one
 * experiment, which experiment and trial each is ("Sweep A #3 · lr=0.01"), since the same
 * hyperparameters in two experiments are not the same run.
 */
export function legendLabels(
  trials: readonly Pick<TComparedTrial, 'hyperparameters' | 'number' | 'experiment'>[],
  differing: readonly THyperparameterName[],
): string[] {
  const experiments = new Set(trials.map((t) => t.experiment.id));
  return trials.map((trial) => {
    const label = legendLabel(trial, differing);
    if (experiments.size <= 1 || differing.length === 0) return label;
    return `${trial.experiment.name} #${trial.number} · ${label}`;
  });
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
export function newestOfSplit<T extends Pick<TEvaluationSummary, 'split' | 'createdAt'>>(
  evaluations: readonly T[],
  split: 'validation' | 'test',
): T | null {
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

/** Compare URL for a list of trial ids. */
export function compareHref(trialIds: readonly string[]): string {
  return `/compare?trials=${trialIds.map(encodeURIComponent).join(',')}`;
}

/** The trial ids of a `trials` search parameter ("a,b,c", or repeated), de-duplicated, in order. */
export function parseTrialIds(value: string | string[] | undefined): string[] {
  const parts = (Array.isArray(value) ? value : value ? [value] : [])
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter(Boolean);
  return [...new Set(parts)];
}
