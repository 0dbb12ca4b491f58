'use client';

import type { TTrial } from '@atelier/domain';
import { useId, useState } from 'react';
import {
  Bar,
  BarChart,
  CartesianGrid,
  ErrorBar,
  Rectangle,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
  type BarShapeProps,
} from 'recharts';
import { accuracyScale } from './curves';
import { formatAccuracyWithStd, formatPercent } from '@/lib/format';
import { trialColor } from './trial-colors';
import styles from './chart.module.css';
import { ChartDataTable } from './chart-data-table';

export interface TrialAccuracyChartProps {
  trials: readonly TTrial[];
  bestTrialId?: string | null;
  /** Fixed size (tests, print); without a width the chart fills its container. */
  width?: number;
  height?: number;
}

const FROM_ZERO = { domain: [0, 1] as [number, number], ticks: [0, 0.2, 0.4, 0.6, 0.8, 1], percentDigits: 0 };

interface Row {
  label: string;
  number: number;
  mean: number;
  /** [below, above] the mean; zero for a single (holdout) split. */
  spread: [number, number];
  std: number | null;
  best: boolean;
}

/**
 * Mean validation accuracy of each finished trial with its spread over the folds (± one
 * standard deviation), best first: which settings win, and by how much more than the noise.
 */
export function TrialAccuracyChart({ trials, bestTrialId = null, width, height = 260 }: TrialAccuracyChartProps) {
  const [fit, setFit] = useState(false);
  const noteId = useId();
  const rows: Row[] = trials.flatMap((trial) => {
    const mean = trial.meanValAccuracy;
    if (trial.status !== 'completed' || mean === null) return [];
    const std = trial.stdValAccuracy ?? 0;
    return [
      {
        label: `Trial ${trial.number}`,
        number: trial.number,
        mean,
        spread: [Math.min(std, mean), Math.min(std, 1 - mean)] as [number, number],
        std: trial.stdValAccuracy,
        best: trial.id === bestTrialId,
      },
    ];
  });
  rows.sort((a, b) => b.mean - a.mean || a.number - b.number);

  if (rows.length === 0) {
    return (
      <figure className={styles.chart} aria-label="Validation accuracy by trial">
        <div className={styles.empty} style={{ width: width ?? '100%', height }}>
          No trial has finished yet.
        </div>
      </figure>
    );
  }

  const fitted = accuracyScale(rows.flatMap((row) => [Math.max(0, row.mean - row.spread[0]), Math.min(1, row.mean + row.spread[1])]));
  // a bar's length is its value, so the axis starts at zero unless the user asks to fit the scores
  const scale = fit ? fitted : FROM_ZERO;
  const offZero = scale.domain[0] > 0;
  const chart = (
    <BarChart data={rows} width={width} height={width ? height : undefined} margin={{ top: 8, right: 16, bottom: 8, left: 8 }}>
      <CartesianGrid strokeDasharray="3 3" vertical={false} />
      <XAxis dataKey="label" tick={{ fontSize: 12 }} interval={rows.length > 16 ? 'preserveStartEnd' : 0} />
      <YAxis
        domain={scale.domain}
        ticks={scale.ticks}
        allowDataOverflow
        tickFormatter={(value: number) => formatPercent(value, scale.percentDigits)}
        width={64}
        tick={{ fontSize: 12 }}
        label={{ value: 'Validation accuracy', angle: -90, position: 'insideLeft', fontSize: 12, style: { textAnchor: 'middle' } }}
      />
      <Tooltip
        cursor={{ fill: 'var(--chart-cursor)' }}
        formatter={(_value, _name, item) => {
          const row = (item as { payload: Row }).payload;
          return [formatAccuracyWithStd(row.mean, row.std), 'Mean val. accuracy'];
        }}
      />
      <Bar
        dataKey="mean"
        name="Mean validation accuracy"
        isAnimationActive={false}
        maxBarSize={48}
        shape={(props: BarShapeProps) => {
          const row = rows[props.index];
          if (!row) return <Rectangle {...props} />;
          return (
            <Rectangle
              {...props}
              fill={trialColor(row.number)}
              fillOpacity={row.best ? 1 : 0.7}
              stroke={row.best ? 'var(--color-chart-ink)' : undefined}
              strokeWidth={row.best ? 1.5 : 0}
            />
          );
        }}
      >
        <ErrorBar dataKey="spread" width={6} strokeWidth={1.5} stroke="var(--color-chart-ink)" direction="y" />
      </Bar>
    </BarChart>
  );

  return (
    <figure className={styles.chart} aria-label="Validation accuracy by trial" aria-describedby={offZero ? noteId : undefined}>
      <div className={`${styles.key ?? ''} ${styles.keyAbove ?? ''}`}>
        <label>
          <input type="checkbox" checked={fit} onChange={(e) => setFit(e.target.checked)} /> Fit the axis to the scores
        </label>
        {offZero ? (
          <strong id={noteId} data-testid="axis-note" className={styles.warning}>
            Axis starts at {formatPercent(scale.domain[0], scale.percentDigits)}, not zero: bar lengths exaggerate the differences.
          </strong>
        ) : null}
      </div>
      {width ? (
        chart
      ) : (
        <ResponsiveContainer width="100%" height={height}>
          {chart}
        </ResponsiveContainer>
      )}
      <figcaption className={`${styles.key ?? ''} ${styles.keyBelow ?? ''}`}>
        Finished trials, best first; whiskers show ± one standard deviation over the folds.
        {rows[0]?.best ? ` Best: ${rows[0].label}, ${formatAccuracyWithStd(rows[0].mean, rows[0].std)}.` : ''}
      </figcaption>
      <ChartDataTable
        caption="Mean validation accuracy by trial, best first"
        columns={['Trial', 'Mean validation accuracy', 'Std over folds']}
        rows={rows.map((row) => ({
          key: String(row.number),
          cells: [`${row.label}${row.best ? ' (best)' : ''}`, formatPercent(row.mean), row.std === null ? '—' : formatPercent(row.std)],
        }))}
      />
    </figure>
  );
}
