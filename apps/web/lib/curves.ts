import type { TExperimentMetrics, TFoldMetrics } from '@atelier/domain';

export type CurveMetric = 'accuracy' | 'loss';

export interface CurvePoint {
  epoch: number;
  train: number | null;
  val: number | null;
  /** Folds that reached this epoch: the average is over them. */
  folds: number;
}

export interface TrialCurve {
  trialId: string;
  number: number;
  points: CurvePoint[];
}

function mean(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  return values.reduce((sum, value) => sum + value, 0) / values.length;
}

/** Averages the folds of one trial at each epoch (over the folds that reached it). */
export function averageFoldCurves(folds: readonly TFoldMetrics[], metric: CurveMetric): CurvePoint[] {
  const byEpoch = new Map<number, { train: number[]; val: number[]; folds: number }>();
  for (const fold of folds) {
    for (const point of fold.metrics) {
      const bucket = byEpoch.get(point.epoch) ?? { train: [], val: [], folds: 0 };
      bucket.folds += 1;
      const train = metric === 'accuracy' ? point.accuracy : point.loss;
      const val = metric === 'accuracy' ? point.valAccuracy : point.valLoss;
      if (Number.isFinite(train)) bucket.train.push(train);
      if (val !== null && Number.isFinite(val)) bucket.val.push(val);
      byEpoch.set(point.epoch, bucket);
    }
  }
  return [...byEpoch.entries()]
    .sort(([a], [b]) => a - b)
    .map(([epoch, bucket]) => ({ epoch, train: mean(bucket.train), val: mean(bucket.val), folds: bucket.folds }));
}

export function trialCurves(metrics: TExperimentMetrics, metric: CurveMetric): TrialCurve[] {
  return metrics.trials
    .map((trial) => ({ trialId: trial.trialId, number: trial.number, points: averageFoldCurves(trial.folds, metric) }))
    .sort((a, b) => a.number - b.number);
}

export const seriesKey = (trialNumber: number, split: 'train' | 'val') => `t${trialNumber}_${split}`;

/** Recharts wants one row per x value with a column per line. */
export function chartRows(curves: readonly TrialCurve[]): Record<string, number | null>[] {
  const rows = new Map<number, Record<string, number | null>>();
  for (const curve of curves) {
    for (const point of curve.points) {
      const row = rows.get(point.epoch) ?? { epoch: point.epoch };
      row[seriesKey(curve.number, 'train')] = point.train;
      row[seriesKey(curve.number, 'val')] = point.val;
      rows.set(point.epoch, row);
    }
  }
  return [...rows.entries()].sort(([a], [b]) => a - b).map(([, row]) => row);
}

export interface AxisScale {
  domain: [number, number];
  ticks: number[];
  /** Decimals a percent label needs at this step. */
  percentDigits: number;
}

/**
 * A 0..1 axis with round ticks around the data: the smallest step out of 1, 2, 5, 10, 20 % that
 * needs at most six ticks, so curves in a narrow band get room and labels stay round.
 */
export function accuracyScale(values: readonly number[]): AxisScale {
  const finite = values.filter((value) => Number.isFinite(value));
  const min = finite.length ? Math.max(0, Math.min(...finite)) : 0;
  const max = finite.length ? Math.min(1, Math.max(...finite)) : 1;
  for (const step of [0.01, 0.02, 0.05, 0.1, 0.2]) {
    const lo = Math.max(0, Math.floor(min / step + 1e-9) * step);
    let hi = Math.min(1, Math.ceil(max / step - 1e-9) * step);
    if (hi <= lo) hi = Math.min(1, lo + step);
    const count = Math.round((hi - lo) / step) + 1;
    if (count <= 6) {
      const ticks = Array.from({ length: count }, (_, i) => Number((lo + i * step).toFixed(4)));
      return { domain: [ticks[0]!, ticks[ticks.length - 1]!], ticks, percentDigits: 0 };
    }
  }
  return { domain: [0, 1], ticks: [0, 0.2, 0.4, 0.6, 0.8, 1], percentDigits: 0 };
}

/** Every value drawn for a metric: to fit the axis to the lines that are shown. */
export function curveValues(curves: readonly TrialCurve[]): number[] {
  return curves.flatMap((curve) => curve.points.flatMap((point) => [point.train, point.val])).filter((v): v is number => v !== null);
}
