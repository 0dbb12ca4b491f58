import type { TCurvePoint, TEpochMetric, TTrialCurves } from '@atelier/domain';

function meanStd(values: readonly number[]): { mean: number; std: number } | null {
  if (values.length === 0) return null;
  const mean = values.reduce((s, v) => s + v, 0) / values.length;
  // population standard deviation, as the trial's own std over folds
  return { mean, std: Math.sqrt(values.reduce((s, v) => s + (v - mean) ** 2, 0) / values.length) };
}

/**
 * Per epoch, mean ± std over the folds that reached it (a fold still training has fewer
 * epochs; it does not drag the later points down). Validation values that a fold did not
 * record are left out of their mean; null when no fold has one.
 */
export function meanCurve(folds: readonly { metrics: readonly TEpochMetric[] }[]): TCurvePoint[] {
  const byEpoch = new Map<number, TEpochMetric[]>();
  for (const fold of folds) for (const m of fold.metrics) byEpoch.set(m.epoch, [...(byEpoch.get(m.epoch) ?? []), m]);
  return [...byEpoch.entries()]
    .sort(([a], [b]) => a - b)
    .map(([epoch, rows]) => {
      const loss = meanStd(rows.map((r) => r.loss))!;
      const accuracy = meanStd(rows.map((r) => r.accuracy))!;
      const valLoss = meanStd(rows.flatMap((r) => (r.valLoss === null ? [] : [r.valLoss])));
      const valAccuracy = meanStd(rows.flatMap((r) => (r.valAccuracy === null ? [] : [r.valAccuracy])));
      return {
        epoch,
        folds: rows.length,
        loss: loss.mean,
        lossStd: loss.std,
        accuracy: accuracy.mean,
        accuracyStd: accuracy.std,
        valLoss: valLoss?.mean ?? null,
        valLossStd: valLoss?.std ?? null,
        valAccuracy: valAccuracy?.mean ?? null,
        valAccuracyStd: valAccuracy?.std ?? null,
      };
    });
}

export function trialCurves(folds: { fold: number; metrics: TEpochMetric[] }[]): TTrialCurves {
  return { mean: meanCurve(folds), folds };
}
