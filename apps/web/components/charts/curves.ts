import { meanCurve, type TExperimentMetrics, type TFoldMetrics } from '@atelier/domain';

export type CurveMetric = 'accuracy' | 'loss';

export interface CurvePoint {
  epoch: number;
  train: number | null;
  val: number | null;
  /** Folds that reached this epoch: the average is over them. */
  folds: number;
  /** Mean training seconds of those folds up to the end of this epoch. */
  elapsed: number;
}

export interface TrialCurve {
  trialId: string;
  number: number;
  points: CurvePoint[];
}

/** One metric of a trial's fold-mean curve (the averaging rule is the domain's, as in GET /compare). */
export function averageFoldCurves(folds: readonly TFoldMetrics[], metric: CurveMetric): CurvePoint[] {
  return meanCurve(folds).map((point) => ({
    epoch: point.epoch,
    train: nullIfNaN(metric === 'accuracy' ? point.accuracy : point.loss),
    val: metric === 'accuracy' ? point.valAccuracy : point.valLoss,
    folds: point.folds,
    elapsed: point.elapsedSeconds,
  }));
}

const nullIfNaN = (value: number) => (Number.isFinite(value) ? value : null);

export function trialCurves(metrics: TExperimentMetrics, metric: CurveMetric): TrialCurve[] {
  return metrics.trials
    .map((trial) => ({ trialId: trial.trialId, number: trial.number, points: averageFoldCurves(trial.folds, metric) }))
    .sort((a, b) => a.number - b.number);
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
      const tickAt = (i: number) => Number((lo + i * step).toFixed(4));
      const ticks = Array.from({ length: count }, (_, i) => tickAt(i));
      return { domain: [tickAt(0), tickAt(count - 1)], ticks, percentDigits: 0 };
    }
  }
  return { domain: [0, 1], ticks: [0, 0.2, 0.4, 0.6, 0.8, 1], percentDigits: 0 };
}
