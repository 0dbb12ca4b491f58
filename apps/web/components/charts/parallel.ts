import {
  HYPERPARAMETER_NAMES,
  hyperparameterDefinition,
  hyperparameterValue,
  type THyperparameterName,
  type THyperparameters,
} from '@atelier/domain';

/** Axes of the parallel-coordinates plot: each maps a row's value to 0 (bottom) .. 1 (top). */
export interface Axis {
  key: THyperparameterName | 'score';
  kind: 'category' | 'linear' | 'log';
  /** Tick labels with their position, none closer than the chart can print. */
  ticks: { label: string; at: number }[];
  position: (value: string | number) => number;
}

export interface ParallelRow {
  number: number;
  hyperparameters: THyperparameters;
  score: number;
}

/**
 * Read on a log axis when every value is positive: the registry's log-scale hyperparameters,
 * whose grids are geometric (1e-4, 1e-3…; 32, 64, 128…).
 */
const LOG_AXES: ReadonlySet<Axis['key']> = new Set<Axis['key']>(
  HYPERPARAMETER_NAMES.filter((name) => hyperparameterDefinition(name).scale === 'log'),
);

/** Tick steps 1, 2, 5 × 10^k: the "nice numbers" of Heckbert (Graphics Gems, 1990). */
function niceStep(span: number, count: number): number {
  const raw = span / Math.max(1, count);
  const power = 10 ** Math.floor(Math.log10(raw));
  const scaled = raw / power;
  return (scaled <= 1 ? 1 : scaled <= 2 ? 2 : scaled <= 5 ? 5 : 10) * power;
}

function linearTicks(min: number, max: number, count = 5): number[] {
  if (min === max) return [min];
  const step = niceStep(max - min, count);
  const ticks: number[] = [];
  for (let v = Math.ceil(min / step) * step; v <= max + step * 1e-9; v += step) ticks.push(Number(v.toPrecision(12)));
  return ticks;
}

/** Powers of ten inside the range; with fewer than two, 1-2-5 steps of each decade as well. */
function logTicks(min: number, max: number): number[] {
  const decades: number[] = [];
  for (let k = Math.floor(Math.log10(min)); k <= Math.ceil(Math.log10(max)); k++) decades.push(k);
  const inside = (v: number) => v >= min * (1 - 1e-9) && v <= max * (1 + 1e-9);
  const powers = decades.map((k) => 10 ** k).filter(inside);
  if (powers.length >= 2) return powers;
  const steps = decades.flatMap((k) => [1, 2, 5].map((m) => Number((m * 10 ** k).toPrecision(3)))).filter(inside);
  return steps.length >= 2 ? steps : [min, max];
}

/**
 * Keeps ticks at least `minGap` (a share of the axis) apart, walking from the bottom, so labels
 * never print over each other; the top tick wins over its lower neighbour.
 */
export function thinTicks<T extends { at: number }>(ticks: readonly T[], minGap: number): T[] {
  const sorted = [...ticks].sort((a, b) => a.at - b.at);
  const kept: T[] = [];
  for (const tick of sorted) {
    const last = kept.at(-1);
    if (last && tick.at - last.at < minGap) {
      if (tick === sorted[sorted.length - 1]) kept[kept.length - 1] = tick;
      continue;
    }
    kept.push(tick);
  }
  return kept;
}

/** 3 significant digits; small learning rates in scientific notation. */
export function tickLabel(v: number): string {
  if (v !== 0 && Math.abs(v) < 1e-3) return v.toExponential(0).replace('e-', 'e−');
  return String(Number(v.toPrecision(3)));
}

function numericAxis(key: Axis['key'], values: number[], format: (v: number) => string, minGap: number): Axis {
  const min = Math.min(...values);
  const max = Math.max(...values);
  const log = min > 0 && LOG_AXES.has(key);
  const f = log ? Math.log10 : (v: number) => v;
  const lo = f(min);
  const hi = f(max);
  const position = (value: string | number) => (hi === lo ? 0.5 : (f(Number(value)) - lo) / (hi - lo));
  const distinct = [...new Set(values)].sort((a, b) => a - b);
  // a few grid values are their own ticks; a spread of draws gets round numbers
  const tickValues = distinct.length <= 6 ? distinct : log ? logTicks(min, max) : linearTicks(min, max);
  return {
    key,
    kind: log ? 'log' : 'linear',
    position,
    ticks: thinTicks(
      tickValues.map((v) => ({ label: format(v), at: position(v) })),
      minGap,
    ),
  };
}

function categoryAxis(key: THyperparameterName, values: string[], minGap: number): Axis {
  const categories = [...new Set(values)].sort();
  const position = (value: string | number) =>
    categories.length === 1 ? 0.5 : categories.indexOf(String(value)) / (categories.length - 1);
  return {
    key,
    kind: 'category',
    position,
    ticks: thinTicks(
      categories.map((c) => ({ label: c, at: position(c) })),
      minGap,
    ),
  };
}

/**
 * One axis per dimension that varies across the rows (the API names the searched ones; under
 * ASHA never epochs), then the score. `minGap`: the least distance between two tick labels, as a
 * share of the axis height.
 */
export function parallelAxes(rows: readonly ParallelRow[], dimensions: readonly THyperparameterName[], minGap = 0.06): Axis[] {
  const axes: Axis[] = [];
  for (const name of dimensions) {
    // a trial without a value of its own trained with the default
    const values = rows.map((r) => trainedValue(r.hyperparameters, name));
    if (new Set(values).size < 2) continue;
    axes.push(
      typeof values[0] === 'number'
        ? numericAxis(name, values as number[], tickLabel, minGap)
        : categoryAxis(name, values as string[], minGap),
    );
  }
  if (rows.length)
    axes.push(
      numericAxis(
        'score',
        rows.map((r) => r.score),
        (v) => `${(v * 100).toFixed(1)}%`,
        minGap,
      ),
    );
  return axes;
}

/** A brushed range on one axis, in axis positions (0 bottom .. 1 top), both ends inclusive. */
export interface Brush {
  from: number;
  to: number;
}
export type Brushes = Partial<Record<Axis['key'], Brush>>;

/** A row's value on an axis: its score, or its hyperparameter (a trial without one trained with the default). */
export function valueOn(axis: Axis, row: Pick<ParallelRow, 'hyperparameters' | 'score'>): string | number {
  return axis.key === 'score' ? row.score : trainedValue(row.hyperparameters, axis.key);
}

/** What a trial trained with: its own value or the default; THyperparameters holds every one that has no default. */
function trainedValue(hyperparameters: THyperparameters, name: THyperparameterName): string | number {
  const value = hyperparameterValue(hyperparameters, name);
  if (value === undefined) throw new Error(`A trial lacks the hyperparameter ${name}, which has no default`);
  return value;
}

/** Whether the row passes every brush (an axis without one lets everything through). */
export function insideBrushes(row: ParallelRow, axes: readonly Axis[], brushes: Brushes): boolean {
  return axes.every((axis) => {
    const brush = brushes[axis.key];
    if (!brush) return true;
    const at = axis.position(valueOn(axis, row));
    return at >= Math.min(brush.from, brush.to) - 1e-9 && at <= Math.max(brush.from, brush.to) + 1e-9;
  });
}

/** The trial numbers inside every brush, in row order; null when nothing is brushed. */
export function brushedTrialNumbers(rows: readonly ParallelRow[], axes: readonly Axis[], brushes: Brushes): number[] | null {
  if (!axes.some((axis) => brushes[axis.key])) return null;
  return rows.filter((row) => insideBrushes(row, axes, brushes)).map((row) => row.number);
}

/**
 * The trials-table query narrowed to the brushed trials. An empty selection asks for trial 0,
 * which no search has (numbers start at 1), so the table honestly shows none.
 */
export function withBrushedTrials<Q extends object>(query: Q, brushed: readonly number[] | null | undefined): Q | (Q & { number: string }) {
  if (!brushed) return query;
  return { ...query, number: brushed.length ? brushed.join(',') : '0' };
}
