import type { TCurvePoint, TTrialCurves } from './compare';
import type { TEpochMetric } from './experiment';

/** How a trial's folds make one curve: the api's compare response and the web's live curves both use it. */

function meanStd(values: readonly number[]): { mean: number; std: number } | null {
  const finite = values.filter((v) => Number.isFinite(v));
  if (finite.length === 0) return null;
  const mean = finite.reduce((s, v) => s + v, 0) / finite.length;
  // population standard deviation, as the trial's own std over folds
  return { mean, std: Math.sqrt(finite.reduce((s, v) => s + (v - mean) ** 2, 0) / finite.length) };
}

/**
 * Training wall time at the end of each epoch of one fold: the running sum of its epoch
 * durations, in epoch order. Time spent paused or queued between epochs is not training time,
 * so it is left out (a resumed fold's curve does not jump).
 */
export function elapsedSeconds(metrics: readonly Pick<TEpochMetric, 'epoch' | 'seconds'>[]): Map<number, number> {
  const elapsed = new Map<number, number>();
  let total = 0;
  for (const m of [...metrics].sort((a, b) => a.epoch - b.epoch)) {
    total += Number.isFinite(m.seconds) && m.seconds > 0 ? m.seconds : 0;
    elapsed.set(m.epoch, total);
  }
  return elapsed;
}

/**
 * Per epoch, mean ± std over the folds that reached it (a fold still training has fewer
 * epochs; it does not drag the later points down). Validation values that a fold did not
 * record are left out of their mean; null when no fold has one.
 */
export function meanCurve(folds: readonly { metrics: readonly TEpochMetric[] }[]): TCurvePoint[] {
  const byEpoch = new Map<number, { metric: TEpochMetric; elapsed: number }[]>();
  for (const fold of folds) {
    const elapsed = elapsedSeconds(fold.metrics);
    for (const m of fold.metrics) byEpoch.set(m.epoch, [...(byEpoch.get(m.epoch) ?? []), { metric: m, elapsed: elapsed.get(m.epoch)! }]);
  }
  return [...byEpoch.entries()]
    .sort(([a], [b]) => a - b)
    .map(([epoch, entries]) => {
      const rows = entries.map((e) => e.metric);
      const loss = meanStd(rows.map((r) => r.loss));
      const accuracy = meanStd(rows.map((r) => r.accuracy));
      const valLoss = meanStd(rows.flatMap((r) => (r.valLoss === null ? [] : [r.valLoss])));
      const valAccuracy = meanStd(rows.flatMap((r) => (r.valAccuracy === null ? [] : [r.valAccuracy])));
      return {
        epoch,
        folds: rows.length,
        loss: loss?.mean ?? Number.NaN,
        lossStd: loss?.std ?? Number.NaN,
        accuracy: accuracy?.mean ?? Number.NaN,
        accuracyStd: accuracy?.std ?? Number.NaN,
        valLoss: valLoss?.mean ?? null,
        valLossStd: valLoss?.std ?? null,
        valAccuracy: valAccuracy?.mean ?? null,
        valAccuracyStd: valAccuracy?.std ?? null,
        elapsedSeconds: meanStd(entries.map((e) => e.elapsed))!.mean,
      };
    });
}

export function trialCurves(folds: { fold: number; metrics: TEpochMetric[] }[]): TTrialCurves {
  return { mean: meanCurve(folds), folds };
}
