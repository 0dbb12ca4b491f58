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
