import { MAX_COMPARED_TRIALS, type TParamValue, type TRunSummary } from '@atelier/domain';
import { sameParamValue } from './run-values';

/**
 * The runs comparison's pure part (any runs: trials of searches and runs logged from code):
 * which runs and metric keys the URL names, the parameter diff over the union of keys, legends.
 */

/** How many runs one comparison reads: the trials comparison's limit. */
export const MAX_COMPARED_RUNS = MAX_COMPARED_TRIALS;

type UrlValue = string | string[] | undefined;

const list = (value: UrlValue) =>
  (Array.isArray(value) ? value : value ? [value] : [])
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter(Boolean);

/** The run ids of `?ids=a,b,c` (or repeated), de-duplicated, in order, at most MAX_COMPARED_RUNS. */
export function parseRunIds(value: UrlValue): string[] {
  return [...new Set(list(value))].slice(0, MAX_COMPARED_RUNS);
}

/** The metric keys of `?keys=`, null when the URL names none (the defaults apply). */
export function parseMetricKeys(value: UrlValue): string[] | null {
  const keys = [...new Set(list(value))];
  return keys.length ? keys : null;
}

/** Every metric key of the runs, A→Z. */
export function metricKeysOf(runs: readonly Pick<TRunSummary, 'metrics'>[]): string[] {
  return [...new Set(runs.flatMap((run) => Object.keys(run.metrics)))].sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
}

/** What a comparison looks at first: the usual validation scores, else the keys every run has. */
const PREFERRED_KEYS = ['val_accuracy', 'val_loss', 'accuracy', 'loss'];
export const DEFAULT_KEY_COUNT = 4;

export function defaultMetricKeys(runs: readonly Pick<TRunSummary, 'metrics'>[]): string[] {
  const all = metricKeysOf(runs);
  const shared = all.filter((key) => runs.every((run) => key in run.metrics));
  const preferred = PREFERRED_KEYS.filter((key) => shared.includes(key));
  const rest = [...shared, ...all].filter((key) => !preferred.includes(key));
  return [...new Set([...preferred, ...rest])].slice(0, DEFAULT_KEY_COUNT);
}

export interface ParamDiffRow {
  key: string;
  /** Each run's value, in the runs' order; undefined where a run has no such parameter. */
  values: (TParamValue | undefined)[];
  /** Not the same in every run (a parameter missing from some runs differs too). */
  differs: boolean;
}

/** The parameters of the runs over the union of their keys, A→Z. */
export function paramDiff(runs: readonly Pick<TRunSummary, 'params'>[]): ParamDiffRow[] {
  const keys = [...new Set(runs.flatMap((run) => Object.keys(run.params)))].sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
  return keys.map((key) => {
    const values = runs.map((run) => run.params[key]);
    return { key, values, differs: values.some((value) => !sameParamValue(value, values[0])) };
  });
}

/** A run's legend: its name (or number), and its experiment when the runs come from several. */
export function runLegendLabels(runs: readonly Pick<TRunSummary, 'name' | 'number' | 'experimentId' | 'experimentName'>[]): string[] {
  const experiments = new Set(runs.map((run) => run.experimentId));
  return runs.map((run) => {
    const own = run.name ?? `#${run.number}`;
    return experiments.size > 1 ? `${run.experimentName} · ${own}` : own;
  });
}

/** The comparison's URL; `keys` left out for the defaults. */
export function runsCompareUrl(ids: readonly string[], keys: readonly string[] | null = null): string {
  const params = new URLSearchParams({ ids: ids.join(',') });
  if (keys && keys.length) params.set('keys', keys.join(','));
  return `/runs/compare?${params.toString().replaceAll('%2C', ',')}`;
}
