import type { TMetricSeries } from '@atelier/domain';
import type { CurveKind, CurveSeries, XAxisLabels } from '@/components/charts/curves-plot';
import { nonFiniteName } from '@/lib/format';
import { fromWireNumber } from '@atelier/domain';

/**
 * Metric series of logged runs (GET /runs/:id/metrics) as the curves plot draws them: x is the
 * step, or the wall time since the run started; NaN and the infinities cannot be drawn, so they
 * are collected to be named beside the chart instead of vanishing.
 */

/** A logged run counts steps, and its time axis is the wall clock from its start. */
export const RUN_AXIS_LABELS: XAxisLabels = { step: 'Step', time: 'Wall time', at: (elapsed) => `${elapsed} after the start` };
export const RUN_X_AXIS_OPTIONS = { epoch: 'Step', time: 'Wall time' } as const;

export interface RunCurveInput {
  id: string;
  /** Legend and tooltip name of the run ("run 3", "sweep #2"). */
  label: string;
  color: string;
  /** When the run started: the zero of its time axis (else its first point). */
  startedAt: string | null;
  series: readonly TMetricSeries[];
}

export interface NonFinitePoint {
  run: string;
  fold: number | null;
  step: number;
  value: 'NaN' | 'Infinity' | '-Infinity';
}

export interface RunCurves {
  series: CurveSeries[];
  nonFinite: NonFinitePoint[];
  /** The smallest step drawn: where the step axis starts. */
  firstStep: number;
  /** Some series hold fewer points than were logged (the API kept their shape, minimum and maximum). */
  downsampled: boolean;
}

const FOLD_OPACITY = 0.55;

/** Time zero of a run: its start, else the earliest point of any of its series. */
function originOf(run: RunCurveInput): number | null {
  const started = run.startedAt ? Date.parse(run.startedAt) : Number.NaN;
  if (Number.isFinite(started)) return started;
  let first = Number.POSITIVE_INFINITY;
  for (const series of run.series) for (const point of series.points) first = Math.min(first, Date.parse(point.time));
  return Number.isFinite(first) ? first : null;
}

/**
 * The curves of one metric key over several runs. A run's run-wide series (fold null) is its
 * line; a run that logged only per fold (a search's trial) draws a thinner line per fold. With
 * `folds`, fold lines are drawn beside the run-wide one too (the run page).
 */
export function runCurves(runs: readonly RunCurveInput[], key: string, options: { folds?: boolean } = {}): RunCurves {
  const series: CurveSeries[] = [];
  const nonFinite: NonFinitePoint[] = [];
  let firstStep = Number.POSITIVE_INFINITY;
  let downsampled = false;
  runs.forEach((run, index) => {
    const ofKey = run.series.filter((s) => s.key === key);
    const whole = ofKey.find((s) => s.fold === null);
    const folds = ofKey
      .flatMap((s) => (s.fold === null ? [] : [{ s, fold: s.fold }]))
      .sort((a, b) => a.fold - b.fold)
      .map(({ s }) => s);
    const drawn = whole ? [whole, ...(options.folds ? folds : [])] : folds;
    const origin = originOf(run);
    for (const s of drawn) {
      downsampled ||= s.downsampled;
      const fold = s.fold;
      const points = s.points.map((point) => {
        const value = fromWireNumber(point.value);
        const name = nonFiniteName(value);
        if (name) nonFinite.push({ run: run.label, fold, step: point.step, value: name });
        firstStep = Math.min(firstStep, point.step);
        const time = Date.parse(point.time);
        return {
          epoch: point.step,
          elapsed: origin !== null && Number.isFinite(time) ? Math.max(0, (time - origin) / 1000) : null,
          value: name ? null : value,
        };
      });
      series.push({
        key: `r${index}_${fold === null ? 'all' : `f${fold}`}`,
        name: fold === null ? run.label : `${run.label} · fold ${fold + 1}`,
        color: run.color,
        strokeWidth: fold === null ? 2 : 1.25,
        strokeOpacity: fold === null ? undefined : FOLD_OPACITY,
        dashed: fold !== null && whole !== undefined,
        dots: fold === null,
        // the run's legend entry shows or hides all of its lines
        toggles: [`r${index}`],
        points,
      });
    }
  });
  return { series, nonFinite, firstStep: Number.isFinite(firstStep) ? firstStep : 0, downsampled };
}

/**
 * How a key's values read: accuracies (a fraction, by name) in percent on a 0..1 axis; anything
 * else as plain numbers on an axis fitted to them (a logged loss may be negative, a reward huge).
 */
export function curveKindOf(key: string, series: readonly CurveSeries[]): CurveKind {
  if (!/acc(uracy)?\b|accuracy/i.test(key)) return 'value';
  const values = series.flatMap((s) => s.points.map((p) => p.value)).filter((v): v is number => v !== null);
  return values.length > 0 && values.every((v) => v >= 0 && v <= 1) ? 'accuracy' : 'value';
}

/** "NaN at step 3, Infinity at step 7 (fold 2)": what the chart could not draw, a few of them named. */
export function describeNonFinite(points: readonly NonFinitePoint[], options: { runs: boolean; max?: number }): string {
  const max = options.max ?? 5;
  const parts = points.slice(0, max).map((p) => {
    const where = [options.runs ? p.run : null, p.fold !== null ? `fold ${p.fold + 1}` : null].filter(Boolean).join(', ');
    return `${p.value} at step ${p.step}${where ? ` (${where})` : ''}`;
  });
  const more = points.length - parts.length;
  return parts.join(', ') + (more > 0 ? ` and ${more} more` : '');
}
