'use client';

import type { THyperparameterName, TLeaderboardPoint } from '@atelier/domain';
import { useEffect, useMemo, useRef, useState, type PointerEvent } from 'react';
import { HYPERPARAMETER_LABELS } from '@/lib/compare';
import { formatHyperparameter, formatInteger, formatPercent } from '@/lib/format';
import { brushedTrialNumbers, insideBrushes, parallelAxes, valueOn, type Brush, type Brushes, type Axis } from './parallel';
import buttonStyles from '@/components/ui/button.module.css';
import styles from './chart.module.css';
import summaries from './search-summaries.module.css';
import { ChartDataTable } from './chart-data-table';

export interface ParallelCoordinatesProps {
  /** Best first, as the leaderboard's view sends them. */
  points: readonly TLeaderboardPoint[];
  /** The searched hyperparameters (the API's view.dimensions: under ASHA never epochs). */
  dimensions: readonly THyperparameterName[];
  /** Scores in all, when points holds only the best of them (the leaderboard's limit). */
  total?: number;
  /** Lines drawn at most (the best ones): thousands of polylines say no more than hundreds. */
  limit?: number;
  /** What the score axis shows, e.g. "Val. accuracy at rung 1 (3 epochs)". */
  scoreLabel?: string;
  /** Trial numbers inside every brushed range whenever they change; null when nothing is brushed. */
  onBrushChange?: (numbers: number[] | null) => void;
  width?: number;
  height?: number;
}

/** Low scores faint, high ones strong (the theme's score scale, chart.module.css); the best trial in orange on top. */
function scoreColor(t: number): string {
  const share = Math.round(Math.max(0, Math.min(1, t)) * 1000) / 10;
  return `color-mix(in srgb, var(--chart-score-high) ${String(share)}%, var(--chart-score-low))`;
}

/** Room above the axes for their names: two lines when neighbouring names would collide. */
const TOP = 30;
const TOP_STAGGERED = 44;
/** Below this many units between axes, neighbouring names take turns on two lines. */
const NAME_ROOM = 130;
const BOTTOM = 20;
const LEFT = 24;
const RIGHT = 70;
/** Pixels between two tick labels on an axis. */
const TICK_GAP = 15;
/** A press that moves less than this share of the axis clears the axis's brush instead. */
const CLICK = 0.01;

/**
 * Hyperparameters against the score: one vertical axis per searched hyperparameter that varies
 * (log scale for the learning rate and other wide ranges, categories by name), the score last,
 * one line per trial coloured by its score, diverged trials dashed. Drag along an axis to keep
 * the trials in that range (brushing, as in optuna-dashboard and HiPlot); a click clears it.
 */
export function ParallelCoordinates({
  points,
  dimensions,
  total = points.length,
  limit = 500,
  scoreLabel = 'Val. accuracy',
  onBrushChange,
  width = 1100,
  height = 360,
}: ParallelCoordinatesProps) {
  const shown = useMemo(() => [...points].sort((a, b) => b.score - a.score || a.number - b.number).slice(0, limit), [points, limit]);
  const axisCount = parallelAxes(shown, dimensions).length;
  const staggered = axisCount > 1 && (width - LEFT - RIGHT) / (axisCount - 1) < NAME_ROOM;
  const top = staggered ? TOP_STAGGERED : TOP;
  const plotHeight = height - top - BOTTOM;
  const axes = useMemo(() => parallelAxes(shown, dimensions, TICK_GAP / plotHeight), [shown, dimensions, plotHeight]);
  const [brushes, setBrushes] = useState<Brushes>({});
  const [drag, setDrag] = useState<{ key: Axis['key']; from: number; to: number } | null>(null);
  const selected = useMemo(() => brushedTrialNumbers(shown, axes, brushes), [shown, axes, brushes]);
  const selectedKey = selected === null ? 'none' : selected.join(',');
  const notify = useRef(onBrushChange);
  useEffect(() => {
    notify.current = onBrushChange;
  });
  const notified = useRef('none');
  useEffect(() => {
    if (notified.current === selectedKey) return;
    notified.current = selectedKey;
    notify.current?.(selectedKey === 'none' ? null : selectedKey === '' ? [] : selectedKey.split(',').map(Number));
  }, [selectedKey]);

  if (shown.length < 2 || axes.length < 2) {
    return (
      <figure className={styles.chart} aria-label="Parallel coordinates">
        <div className={`${styles.empty ?? ''} ${styles.emptyShort ?? ''}`}>
          {shown.length < 2 ? 'Needs at least two scored trials.' : 'Every scored trial has the same hyperparameters.'}
        </div>
      </figure>
    );
  }
  const x = (i: number) => LEFT + (i * (width - LEFT - RIGHT)) / (axes.length - 1);
  const y = (t: number) => top + (1 - t) * plotHeight;
  const scores = shown.map((d) => d.score);
  const lo = Math.min(...scores);
  const hi = Math.max(...scores);
  const brushing = selected !== null;
  const lines = shown
    .map((d, index) => ({
      point: d,
      index,
      t: hi === lo ? 1 : (d.score - lo) / (hi - lo),
      inside: !brushing || insideBrushes(d, axes, brushes),
      points: axes.map((axis, i) => `${x(i).toFixed(1)},${y(axis.position(valueOn(axis, d))).toFixed(1)}`).join(' '),
    }))
    // filtered-out lines first, then worst to best, so the best kept ones are drawn on top
    .sort((a, b) => Number(a.inside) - Number(b.inside) || a.t - b.t);

  const axisPosition = (event: PointerEvent<SVGRectElement>) => {
    const box = event.currentTarget.getBoundingClientRect();
    return box.height > 0 ? Math.min(1, Math.max(0, 1 - (event.clientY - box.top) / box.height)) : 0;
  };
  const start = (key: Axis['key']) => (event: PointerEvent<SVGRectElement>) => {
    event.currentTarget.setPointerCapture(event.pointerId);
    const at = axisPosition(event);
    setDrag({ key, from: at, to: at });
  };
  const move = (event: PointerEvent<SVGRectElement>) => {
    if (drag) setDrag({ ...drag, to: axisPosition(event) });
  };
  const end = (event: PointerEvent<SVGRectElement>) => {
    if (!drag) return;
    const to = axisPosition(event);
    const { key, from } = drag;
    setDrag(null);
    setBrushes((current) => {
      // a click (no drag) clears the axis' brush
      if (Math.abs(to - from) < CLICK) return Object.fromEntries(Object.entries(current).filter(([axis]) => axis !== key));
      return { ...current, [key]: { from: Math.min(from, to), to: Math.max(from, to) } };
    });
  };
  const rangeOf = (key: Axis['key']): Brush | undefined =>
    drag?.key === key ? { from: Math.min(drag.from, drag.to), to: Math.max(drag.from, drag.to) } : brushes[key];
  const label = (axis: Axis) =>
    (axis.key === 'score' ? scoreLabel : HYPERPARAMETER_LABELS[axis.key]) + (axis.kind === 'log' ? ' (log)' : '');

  return (
    <figure className={styles.chart} aria-label="Parallel coordinates">
      <svg
        role="group"
        aria-label="Parallel coordinates of hyperparameters and score; drag along an axis to filter the trials table"
        viewBox={`0 0 ${width} ${height}`}
        width="100%"
        className={styles.parallel}
        style={{ maxWidth: width }}
      >
        <g data-testid="parallel-lines" fill="none">
          {lines.map((line) => {
            const best = line.index === 0;
            return (
              <polyline
                key={line.point.trialId}
                points={line.points}
                stroke={!line.inside ? 'var(--color-chart-inactive)' : best ? 'var(--chart-best)' : scoreColor(line.t)}
                strokeWidth={best && line.inside ? 2.5 : 1.2}
                strokeOpacity={!line.inside ? 0.35 : best ? 1 : 0.8}
                strokeDasharray={line.point.diverged ? '4 3' : undefined}
                data-trial={line.point.number}
                data-inside={line.inside}
              >
                <title>{`Trial ${line.point.number}: ${formatPercent(line.point.score)}${line.point.diverged ? ' (diverged)' : ''}`}</title>
              </polyline>
            );
          })}
        </g>
        {axes.map((axis, i) => {
          const range = rangeOf(axis.key);
          return (
            <g key={axis.key} data-testid="parallel-axis" data-axis={axis.key}>
              <line x1={x(i)} x2={x(i)} y1={y(0)} y2={y(1)} className={styles.axisLine} strokeWidth={1} />
              <text
                x={x(i)}
                y={staggered && i % 2 === 1 ? 28 : 14}
                textAnchor={i === 0 ? 'start' : i === axes.length - 1 ? 'end' : 'middle'}
                fontSize={12}
                fontWeight={600}
                className={styles.inkText}
              >
                {label(axis)}
              </text>
              {axis.ticks.map((tick) => (
                <g key={tick.label}>
                  <line x1={x(i) - 3} x2={x(i)} y1={y(tick.at)} y2={y(tick.at)} className={styles.axisLine} />
                  <text x={x(i) + 5} y={y(tick.at) + 4} fontSize={10.5} className={`parallel-tick ${styles.haloText ?? ''}`}>
                    {tick.label}
                  </text>
                </g>
              ))}
              {range ? (
                <rect
                  data-testid="parallel-brush"
                  x={x(i) - 7}
                  width={14}
                  y={y(range.to)}
                  height={Math.max(1, y(range.from) - y(range.to))}
                  className={summaries.brush}
                />
              ) : null}
              <rect
                data-testid="parallel-brush-area"
                aria-hidden="true"
                x={x(i) - 12}
                width={24}
                y={y(1)}
                height={plotHeight}
                fill="transparent"
                className={summaries.brushArea}
                onPointerDown={start(axis.key)}
                onPointerMove={move}
                onPointerUp={end}
              />
            </g>
          );
        })}
      </svg>
      <figcaption className={`${styles.key ?? ''} ${styles.keyBelow ?? ''}`}>
        <span>
          {shown.length < total
            ? `The best ${formatInteger(shown.length)} of ${formatInteger(total)} scores. `
            : `${shown.length} scores. `}
          Darker blue: higher score; orange: the best; dashed: diverged. Drag along an axis to filter the trials table; click the axis to
          clear it.
        </span>
        {brushing ? (
          <span className={summaries.brushStatus}>
            <span data-testid="parallel-selected">
              {formatInteger(selected.length)} of {formatInteger(shown.length)} trials selected
            </span>
            <button type="button" className={`${buttonStyles.button} ${buttonStyles.small}`} onClick={() => setBrushes({})}>
              Clear selection
            </button>
          </span>
        ) : null}
      </figcaption>
      <ChartDataTable
        caption="Hyperparameters and score of each trial drawn, best first"
        columns={['Trial', ...axes.map(label)]}
        rows={shown.map((d) => ({
          key: d.trialId,
          cells: [
            `Trial ${d.number}${d.diverged ? ' (diverged)' : ''}`,
            ...axes.map((axis) => {
              const value = valueOn(axis, d);
              return axis.key === 'score' ? formatPercent(d.score) : typeof value === 'number' ? formatHyperparameter(value) : value;
            }),
          ],
        }))}
      />
    </figure>
  );
}
