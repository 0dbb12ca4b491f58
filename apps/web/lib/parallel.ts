import { HYPERPARAMETER_NAMES, type THyperparameterName, type THyperparameters } from '@atelier/domain';

/** Axes of the parallel-coordinates plot: each maps a row's value to 0 (bottom) .. 1 (top). */
export interface Axis {
  key: THyperparameterName | 'score';
  kind: 'category' | 'linear' | 'log';
  /** Tick values (categories, or numbers) with their position. */
  ticks: { label: string; at: number }[];
  position: (value: string | number) => number;
}

export interface ParallelRow {
  hyperparameters: THyperparameters;
  score: number;
}

function numericAxis(key: Axis['key'], values: number[], format: (v: number) => string): Axis {
  const min = Math.min(...values);
  const max = Math.max(...values);
  const log = min > 0 && max / min >= 20;
  const f = log ? Math.log10 : (v: number) => v;
  const lo = f(min);
  const hi = f(max);
  const position = (value: string | number) => (hi === lo ? 0.5 : (f(Number(value)) - lo) / (hi - lo));
  const distinct = [...new Set(values)].sort((a, b) => a - b);
  const tickValues = distinct.length <= 6 ? distinct : [0, 0.25, 0.5, 0.75, 1].map((t) => (log ? 10 ** (lo + t * (hi - lo)) : lo + t * (hi - lo)));
  return { key, kind: log ? 'log' : 'linear', position, ticks: tickValues.map((v) => ({ label: format(v), at: position(v) })) };
}

function categoryAxis(key: THyperparameterName, values: string[]): Axis {
  const categories = [...new Set(values)].sort();
  const position = (value: string | number) => (categories.length === 1 ? 0.5 : categories.indexOf(String(value)) / (categories.length - 1));
  return { key, kind: 'category', position, ticks: categories.map((c) => ({ label: c, at: position(c) })) };
}

const short = (v: number) => (v !== 0 && Math.abs(v) < 1e-3 ? v.toExponential(0) : String(Number(v.toPrecision(3))));

/** One axis per hyperparameter that varies across the rows, then the score. */
export function parallelAxes(rows: readonly ParallelRow[]): Axis[] {
  const axes: Axis[] = [];
  for (const name of HYPERPARAMETER_NAMES) {
    const values = rows.map((r) => r.hyperparameters[name]);
    if (new Set(values).size < 2) continue;
    axes.push(typeof values[0] === 'number' ? numericAxis(name, values as number[], short) : categoryAxis(name, values as string[]));
  }
  if (rows.length) axes.push(numericAxis('score', rows.map((r) => r.score), (v) => `${(v * 100).toFixed(1)}%`));
  return axes;
}
