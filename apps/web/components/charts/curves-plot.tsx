'use client';

import { useState } from 'react';
import {
  Area,
  CartesianGrid,
  ComposedChart,
  Line,
  ReferenceArea,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
  type TooltipContentProps,
} from 'recharts';
import { DEFAULT_VIEW, emaSmooth, logScale, zoomFromDrag, type ChartView } from './chart-settings';
import { accuracyScale } from './curves';
import { formatElapsed, formatNumber, formatPercent, formatTick, fullNumber, fullPercent } from '@/lib/format';
import { ChartDataTable, type ChartDataRow } from './chart-data-table';
import styles from './curves-plot.module.css';

/** One epoch of a curve: where it sits on either x axis, and its value (null: not measured). */
export interface CurvePointInput {
  epoch: number;
  /** Training seconds up to the end of this epoch; null when unknown (then absent from the time axis). */
  elapsed: number | null;
  value: number | null;
}

export interface CurveSeries {
  key: string;
  /** In the tooltip; the chart's own legend names the series. */
  name: string;
  color: string;
  dashed?: boolean;
  strokeWidth?: number;
  strokeOpacity?: number;
  /** Mark each point (while few enough to see them). */
  dots?: boolean;
  dotRadius?: number;
  /** The legend entries that show or hide it (its trial, its line style): drawn while none is hidden. */
  toggles?: readonly string[];
  points: readonly CurvePointInput[];
}

/** A shaded range around a curve (mean ± std), smoothed with it. */
export interface CurveBand {
  key: string;
  name: string;
  color: string;
  points: readonly { epoch: number; elapsed: number | null; low: number | null; high: number | null }[];
}

/** accuracy: a fraction shown in percent on a 0..1 axis; loss: from 0 up; value: any measured number, the axis fitted to it. */
export type CurveKind = 'accuracy' | 'loss' | 'value';

/** What the two x axes are called: a search counts epochs and training time, a logged run steps and wall time. */
export interface XAxisLabels {
  step: string;
  time: string;
  /** The tooltip's title on the time axis, from the formatted elapsed time. */
  at: (elapsed: string) => string;
}

export const EPOCH_AXIS_LABELS: XAxisLabels = { step: 'Epoch', time: 'Training time', at: (elapsed) => `${elapsed} of training` };

export interface CurvesPlotProps {
  series: readonly CurveSeries[];
  band?: CurveBand;
  kind: CurveKind;
  yLabel: string;
  view?: ChartView;
  /** Names of the x axes; epochs and training time by default. */
  xLabels?: XAxisLabels;
  /** Where the step axis starts unzoomed: epochs count from 1, logged steps from 0. */
  xStart?: number;
  /** The chart's name, for its data table's caption (unique on the page); "<y label> per <step>" without. */
  title?: string;
  /** Legend entries switched off (CurveSeries.toggles): their series are not drawn, but stay in the data table. */
  hidden?: ReadonlySet<string>;
  /** Fixed size (tests, print); without a width the plot fills its container. */
  width?: number;
  height: number;
}

type Row = Record<string, number | [number, number] | null>;

const RAW = '__raw';
const EPOCH = '__epoch';
// the colours of ticks, labels and grid come from the chart's module (chart.module.css)
const AXIS_TICK = { fontSize: 12 };
/** Dots stop helping once the points are closer than this many per chart. */
const MAX_DOTTED_POINTS = 15;

const formatValue = (kind: CurveKind) => (kind === 'accuracy' ? formatPercent : formatNumber);
const fullValue = (kind: CurveKind) => (kind === 'accuracy' ? fullPercent : fullNumber);

/**
 * The plot behind every line chart: it applies the chart settings (log y, EMA smoothing with
 * the raw line kept faintly behind, epoch or training-time x axis), zooms to a range dragged
 * across it (the y axis then fits what is visible), and shows the full values on hover.
 */
export function CurvesPlot({
  series: allSeries,
  band,
  kind,
  yLabel,
  view = DEFAULT_VIEW,
  xLabels = EPOCH_AXIS_LABELS,
  xStart = 1,
  title,
  hidden,
  width,
  height,
}: CurvesPlotProps) {
  const { settings, zoom, onZoom } = view;
  const series = hidden ? allSeries.filter((s) => !s.toggles?.some((t) => hidden.has(t))) : allSeries;
  const [drag, setDrag] = useState<{ from: number; to: number } | null>(null);
  const time = settings.xAxis === 'time';
  const smoothing = settings.smoothing;
  const drawable = (v: number | null) => (v !== null && Number.isFinite(v) && (!settings.logY || v > 0) ? v : null);
  const xOf = (p: { epoch: number; elapsed: number | null }) => (time ? p.elapsed : p.epoch);

  const rows = new Map<number, Row>();
  const rowAt = (x: number) => {
    let row = rows.get(x);
    if (!row) rows.set(x, (row = { x }));
    return row;
  };
  // the points that have a place on the x axis (a time axis skips epochs without a time), in its order
  const placed = <P extends { epoch: number; elapsed: number | null }>(points: readonly P[]) =>
    points
      .flatMap((p) => {
        const x = xOf(p);
        return x === null ? [] : [{ p, x }];
      })
      .sort((a, b) => a.x - b.x);
  for (const s of series) {
    const points = placed(s.points);
    const raw = points.map(({ p }) => drawable(p.value));
    const smoothed = emaSmooth(raw, smoothing);
    points.forEach(({ p, x }, i) => {
      const row = rowAt(x);
      row[s.key] = smoothed[i] ?? null;
      if (smoothing > 0) row[s.key + RAW] = raw[i] ?? null;
      row[s.key + EPOCH] = p.epoch;
    });
  }
  if (band) {
    const points = placed(band.points);
    const lows = emaSmooth(
      points.map(({ p }) => p.low),
      smoothing,
    );
    const highs = emaSmooth(
      points.map(({ p }) => p.high),
      smoothing,
    );
    points.forEach(({ x }, i) => {
      const [low, high] = [lows[i], highs[i]];
      rowAt(x)[band.key] = low !== null && low !== undefined && high !== null && high !== undefined ? [low, high] : null;
    });
  }
  const all = [...rows.values()].sort((a, b) => (a['x'] as number) - (b['x'] as number));
  const xs = all.map((row) => row['x'] as number);
  // unzoomed, a time axis ends on a round tick past the last epoch (Recharts' 'auto'), epochs on the last one
  const xDomain: [number, number | 'auto'] = zoom ? [zoom[0], zoom[1]] : time ? [0, 'auto'] : [xStart, Math.max(xStart + 1, ...xs)];
  const data = zoom ? all.filter((row) => (row['x'] as number) >= zoom[0] && (row['x'] as number) <= zoom[1]) : all;

  const values: number[] = [];
  for (const row of data) {
    for (const [k, v] of Object.entries(row)) {
      if (k === 'x' || k.endsWith(EPOCH) || v === null) continue;
      if (Array.isArray(v)) values.push(...v);
      else values.push(v);
    }
  }
  const positive = values.filter((v) => !settings.logY || v > 0);
  const log = settings.logY ? logScale(positive) : null;
  const accuracy = !log && kind === 'accuracy' ? accuracyScale(values) : null;
  if (log && band) {
    // a band reaching below zero on a log axis is drawn down to the axis, not dropped
    for (const row of data) {
      const range = row[band.key];
      if (Array.isArray(range)) row[band.key] = [Math.max(range[0], log.domain[0]), Math.max(range[1], log.domain[0])];
    }
  }
  // a loss starts at 0; any other measured value gets the range of its data
  const yDomain = log?.domain ?? accuracy?.domain ?? (kind === 'value' ? ['auto', 'auto'] : [0, 'auto']);
  const yTicks = log?.ticks ?? accuracy?.ticks;
  const formatYTick =
    kind === 'accuracy'
      ? accuracy
        ? (v: number) => formatPercent(v, accuracy.percentDigits)
        : (v: number) => `${formatTick(v * 100)}%`
      : (v: number) => formatTick(v);
  const dots = data.length <= MAX_DOTTED_POINTS;

  const tooltipCurves = [...(band ? [band] : []), ...series];
  const activeX = (state: { activeLabel?: string | number }) => (state.activeLabel === undefined ? null : Number(state.activeLabel));
  const chart = (
    <ComposedChart
      data={data}
      width={width}
      height={width ? height : undefined}
      margin={{ top: 8, right: 16, bottom: 24, left: 8 }}
      onMouseDown={
        onZoom
          ? (state) => {
              const x = activeX(state);
              if (x !== null) setDrag({ from: x, to: x });
            }
          : undefined
      }
      onMouseMove={
        drag
          ? (state) => {
              const x = activeX(state);
              if (x !== null) setDrag({ from: drag.from, to: x });
            }
          : undefined
      }
      onMouseUp={
        drag
          ? () => {
              const next = zoomFromDrag(drag.from, drag.to);
              setDrag(null);
              if (next && onZoom) onZoom(next);
            }
          : undefined
      }
      onMouseLeave={drag ? () => setDrag(null) : undefined}
      className={onZoom ? styles.zoomable : undefined}
    >
      <CartesianGrid strokeDasharray="3 3" />
      <XAxis
        dataKey="x"
        type="number"
        domain={xDomain}
        allowDataOverflow
        allowDecimals={time}
        tickFormatter={time ? (v: number) => formatElapsed(v) : undefined}
        tick={AXIS_TICK}
        label={{ value: time ? xLabels.time : xLabels.step, position: 'insideBottom', offset: -12, fontSize: 12 }}
      />
      <YAxis
        scale={log ? 'log' : 'auto'}
        domain={yDomain}
        ticks={yTicks}
        allowDataOverflow={log !== null}
        tickFormatter={formatYTick}
        width={64}
        tick={AXIS_TICK}
        label={{
          value: log ? `${yLabel} (log)` : yLabel,
          angle: -90,
          position: 'insideLeft',
          offset: 0,
          fontSize: 12,
          style: { textAnchor: 'middle' },
        }}
      />
      <Tooltip
        content={(props: TooltipContentProps) => (
          <CurvesTooltip
            active={props.active}
            label={props.label}
            lines={(x) => linesAt(data, tooltipCurves, x, time)}
            kind={kind}
            time={time}
            smoothed={smoothing > 0}
            xLabels={xLabels}
          />
        )}
      />
      {band ? (
        <Area
          dataKey={band.key}
          name={band.name}
          stroke="none"
          fill={band.color}
          fillOpacity={0.15}
          isAnimationActive={false}
          connectNulls
        />
      ) : null}
      {smoothing > 0
        ? series.map((s) => (
            <Line
              key={s.key + RAW}
              dataKey={s.key + RAW}
              name={`${s.name} (raw)`}
              className="curves__raw"
              stroke={s.color}
              strokeWidth={1}
              strokeOpacity={0.25}
              strokeDasharray={s.dashed ? '5 4' : undefined}
              dot={false}
              activeDot={false}
              tooltipType="none"
              connectNulls
              isAnimationActive={false}
            />
          ))
        : null}
      {series.map((s) => (
        <Line
          key={s.key}
          dataKey={s.key}
          name={s.name}
          stroke={s.color}
          strokeWidth={s.strokeWidth ?? 1.75}
          strokeOpacity={s.strokeOpacity}
          strokeDasharray={s.dashed ? '5 4' : undefined}
          dot={s.dots && dots ? { r: s.dotRadius ?? 2.5 } : false}
          connectNulls
          isAnimationActive={false}
        />
      ))}
      {drag ? <ReferenceArea x1={drag.from} x2={drag.to} className={styles.selection} /> : null}
    </ComposedChart>
  );
  const table = curvesTable(allSeries, band, kind, xLabels.step);
  return (
    <>
      {width ? (
        chart
      ) : (
        <ResponsiveContainer width="100%" height={height}>
          {chart}
        </ResponsiveContainer>
      )}
      <ChartDataTable caption={title ?? `${yLabel} per ${xLabels.step.toLowerCase()}`} columns={table.columns} rows={table.rows} />
    </>
  );
}

/**
 * The measured values behind the lines, a row per step and a column per series (and the band's
 * range), unsmoothed and on the step axis whatever the view: what the chart is drawn from.
 */
export function curvesTable(
  series: readonly CurveSeries[],
  band: CurveBand | undefined,
  kind: CurveKind,
  stepLabel: string,
): { columns: string[]; rows: ChartDataRow[] } {
  const format = formatValue(kind);
  const show = (v: number | null | undefined) => (v === null || v === undefined ? '—' : Number.isFinite(v) ? format(v) : String(v));
  const byStep = series.map((s) => new Map(s.points.map((p) => [p.epoch, p.value])));
  const bandByStep = new Map(band?.points.map((p) => [p.epoch, p]));
  const steps = [...new Set([...series.flatMap((s) => s.points.map((p) => p.epoch)), ...bandByStep.keys()])].sort((a, b) => a - b);
  return {
    columns: [stepLabel, ...series.map((s) => s.name), ...(band ? [band.name] : [])],
    rows: steps.map((step) => {
      const range = bandByStep.get(step);
      return {
        key: String(step),
        cells: [
          step,
          ...byStep.map((values) => show(values.get(step))),
          ...(band ? [range && range.low !== null && range.high !== null ? `${format(range.low)} – ${format(range.high)}` : '—'] : []),
        ],
      };
    }),
  };
}

interface TooltipLine {
  key: string;
  name: string;
  color: string;
  value: number | [number, number];
  raw: number | null;
  epoch: number | null;
  /** Where this curve's point is, when that is not the hovered x (time axis). */
  at: number | null;
}

/**
 * Each curve's point at the hovered x. On the epoch axis that is the same epoch or nothing; on
 * the time axis the trials reach their epochs at different times, so each shows its point
 * nearest in time (W&B's "nearest" mode) and says which epoch and when.
 */
function linesAt(
  data: readonly Row[],
  curves: readonly { key: string; name: string; color: string }[],
  x: number,
  nearest: boolean,
): TooltipLine[] {
  return curves.flatMap((curve) => {
    let best: Row | null = null;
    for (const row of data) {
      const value = row[curve.key];
      if (value === null || value === undefined) continue;
      const distance = Math.abs((row['x'] as number) - x);
      if (!nearest && distance > 0) continue;
      if (!best || distance < Math.abs((best['x'] as number) - x)) best = row;
    }
    if (!best) return [];
    const raw = best[curve.key + RAW];
    const epoch = best[curve.key + EPOCH];
    const bestX = best['x'] as number;
    return [
      {
        key: curve.key,
        name: curve.name,
        color: curve.color,
        value: best[curve.key] as number | [number, number],
        raw: typeof raw === 'number' ? raw : null,
        epoch: typeof epoch === 'number' ? epoch : null,
        at: bestX === x ? null : bestX,
      },
    ];
  });
}

interface CurvesTooltipProps {
  active?: boolean;
  label?: unknown;
  lines: (x: number) => TooltipLine[];
  kind: CurveKind;
  time: boolean;
  smoothed: boolean;
  xLabels: XAxisLabels;
}

/** "0.250" and "0.25" are the same number: no need to repeat it in full. */
const sameNumber = (a: string, b: string) => Number(a.replace('%', '')) === Number(b.replace('%', ''));

/** Every curve at the hovered x: the shown value to 3 digits, the value itself beside it, and the raw one when smoothed. */
function CurvesTooltip({ active, label, lines, kind, time, smoothed, xLabels }: CurvesTooltipProps) {
  if (!active || label === undefined || label === null) return null;
  const x = Number(label);
  const shown = lines(x);
  if (shown.length === 0) return null;
  const format = formatValue(kind);
  const full = fullValue(kind);
  return (
    <div className={`curves-tooltip ${styles.tooltip ?? ''}`}>
      <p className={styles.title}>{time ? xLabels.at(formatElapsed(x)) : `${xLabels.step} ${x}`}</p>
      <ul className={styles.list}>
        {shown.map((line) => {
          const { value, raw } = line;
          const text = Array.isArray(value) ? `${format(value[0])} – ${format(value[1])}` : format(value);
          const exact = Array.isArray(value) ? null : full(value);
          return (
            <li key={line.key}>
              <span className={styles.marker} style={{ background: line.color }} aria-hidden="true" />
              {line.name} : {text}
              {smoothed && raw !== null ? (
                <span className={styles.exact}>
                  {' '}
                  (smoothed; raw {format(raw)} = {full(raw)})
                </span>
              ) : null}
              {!smoothed && exact !== null && !sameNumber(exact, text) ? <span className={styles.exact}> ({exact})</span> : null}
              {time && line.epoch !== null ? (
                <span className={styles.exact}>
                  {' '}
                  · {xLabels.step.toLowerCase()} {line.epoch}
                  {line.at !== null ? ` at ${formatElapsed(line.at)}` : ''}
                </span>
              ) : null}
            </li>
          );
        })}
      </ul>
    </div>
  );
}
