import { z } from 'zod';

/**
 * How a line chart is drawn, chosen by the user in the chart controls and kept across reloads:
 * the pure part (schema, smoothing, log axis, zoom); hooks/use-chart-settings.ts holds the state.
 */

export const X_AXES = ['epoch', 'time'] as const;
export type TXAxis = (typeof X_AXES)[number];

/** Above this the EMA barely moves: TensorBoard's slider stops at 0.999, ours at 0.99 for epoch-scale curves. */
export const MAX_SMOOTHING = 0.99;

export const ZChartSettings = z.object({
  logY: z.boolean().catch(false),
  smoothing: z.number().min(0).max(MAX_SMOOTHING).catch(0),
  xAxis: z.enum(X_AXES).catch('epoch'),
});
export type TChartSettings = z.infer<typeof ZChartSettings>;

export const DEFAULT_CHART_SETTINGS: TChartSettings = { logY: false, smoothing: 0, xAxis: 'epoch' };

/** Settings from storage: anything unreadable falls back to the default, field by field. */
export function parseChartSettings(raw: string | null | undefined): TChartSettings {
  if (!raw) return DEFAULT_CHART_SETTINGS;
  try {
    const parsed = ZChartSettings.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : DEFAULT_CHART_SETTINGS;
  } catch {
    return DEFAULT_CHART_SETTINGS;
  }
}

/** An x range picked by dragging across a chart, in the x axis's units. */
export type TZoom = readonly [number, number];

/** What a chart needs to draw itself the way the user asked. */
export interface ChartView {
  settings: TChartSettings;
  zoom: TZoom | null;
  /** Called with the range dragged across; without it the chart does not zoom. */
  onZoom?: (zoom: TZoom) => void;
}

export const DEFAULT_VIEW: ChartView = { settings: DEFAULT_CHART_SETTINGS, zoom: null };

/**
 * Exponential moving average as TensorBoard and W&B draw it, debiased: the running average
 * starts at 0, so the first points are divided by 1 - weight^n (the weight the real points have
 * so far) instead of being pulled towards 0. Missing values stay missing and do not count.
 * weight 0 returns the values unchanged.
 */
export function emaSmooth(values: readonly (number | null)[], weight: number): (number | null)[] {
  if (!(weight > 0)) return [...values];
  const w = Math.min(weight, MAX_SMOOTHING);
  let last = 0;
  let count = 0;
  return values.map((value) => {
    if (value === null || !Number.isFinite(value)) return value;
    last = last * w + (1 - w) * value;
    count += 1;
    return last / (1 - w ** count);
  });
}

/** The two ends of a drag, in either order; a click (no extent) zooms nowhere. */
export function zoomFromDrag(from: number | null | undefined, to: number | null | undefined): TZoom | null {
  if (from === null || from === undefined || to === null || to === undefined) return null;
  if (!Number.isFinite(from) || !Number.isFinite(to) || from === to) return null;
  return from < to ? [from, to] : [to, from];
}

export interface LogScale {
  domain: [number, number];
  ticks: number[];
}

/**
 * A log axis around the positive values: 1-2-5 ticks of each decade inside the data's range
 * (only the powers of ten when that gives enough), the domain padded to the ticks around the data.
 */
export function logScale(values: readonly number[]): LogScale {
  const positive = values.filter((v) => Number.isFinite(v) && v > 0);
  if (positive.length === 0) return { domain: [0.1, 1], ticks: [0.1, 1] };
  const min = Math.min(...positive);
  const max = Math.max(...positive);
  const candidates: number[] = [];
  for (let exponent = Math.floor(Math.log10(min)) - 1; exponent <= Math.ceil(Math.log10(max)); exponent++) {
    for (const mantissa of [1, 2, 5]) candidates.push(Number(`${mantissa}e${exponent}`));
  }
  const below = candidates.filter((t) => t <= min).at(-1) ?? min;
  const above = candidates.find((t) => t >= max) ?? max;
  const inside = candidates.filter((t) => t >= below && t <= above);
  const decades = inside.filter((t) => Number.isInteger(Math.log10(t)) || String(t).startsWith('1'));
  const ticks = decades.length >= 3 ? decades : inside;
  return { domain: [below, above === below ? below * 10 : above], ticks };
}
