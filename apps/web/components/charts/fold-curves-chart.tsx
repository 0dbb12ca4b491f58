'use client';

import type { TTrialCurves } from '@atelier/domain';
import { Area, CartesianGrid, ComposedChart, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { foldBandRows } from '@/lib/compare';
import { accuracyScale } from '@/lib/curves';
import { formatLoss, formatPercent } from '@/lib/format';

export interface FoldCurvesChartProps {
  curves: TTrialCurves;
  metric?: 'valLoss' | 'valAccuracy';
  /** Colour of the mean line and band. */
  color?: string;
  title?: string;
  width?: number;
  height?: number;
}

const FOLD_COLORS = ['#8a96a3', '#a3917a', '#7a9aa3', '#9a7aa3', '#7aa386', '#a37a7a', '#a3a07a', '#7a84a3', '#a38c7a', '#86a37a'];

/**
 * One line per fold (thin, grey) and their mean with a ± one standard deviation band: how much
 * the score depends on which images land in the validation split.
 */
export function FoldCurvesChart({ curves, metric = 'valLoss', color = '#2f5bd3', title, width, height = 240 }: FoldCurvesChartProps) {
  const rows = foldBandRows(curves, metric);
  const accuracy = metric === 'valAccuracy';
  const name = accuracy ? 'Validation accuracy' : 'Validation loss';
  const label = title ?? `${name} per fold`;
  if (rows.length === 0 || rows.every((row) => row['mean'] === null)) {
    return (
      <figure className="chart" aria-label={label} style={{ margin: 0 }}>
        <div className="chart__empty" style={{ width: width ?? '100%', height }}>
          No validation epoch finished yet.
        </div>
      </figure>
    );
  }
  const values = rows.flatMap((row) =>
    Object.entries(row).flatMap(([k, v]) => (k === 'epoch' ? [] : Array.isArray(v) ? v : typeof v === 'number' ? [v] : [])),
  );
  const scale = accuracy ? accuracyScale(values) : null;
  const format = accuracy ? (v: number) => formatPercent(v, 1) : formatLoss;
  const folds = curves.folds.map((f) => f.fold).sort((a, b) => a - b);
  const chart = (
    <ComposedChart data={rows} width={width} height={width ? height : undefined} margin={{ top: 8, right: 16, bottom: 24, left: 8 }}>
      <CartesianGrid stroke="#e6e8eb" strokeDasharray="3 3" />
      <XAxis
        dataKey="epoch"
        type="number"
        domain={[1, Math.max(2, ...rows.map((r) => Number(r['epoch'])))]}
        allowDecimals={false}
        tick={{ fontSize: 12, fill: '#59636e' }}
        label={{ value: 'Epoch', position: 'insideBottom', offset: -12, fontSize: 12, fill: '#59636e' }}
      />
      <YAxis
        width={64}
        domain={scale ? scale.domain : ['auto', 'auto']}
        ticks={scale?.ticks}
        tickFormatter={scale ? (v: number) => formatPercent(v, scale.percentDigits) : (v: number) => String(Number(v.toPrecision(3)))}
        tick={{ fontSize: 12, fill: '#59636e' }}
        label={{ value: name, angle: -90, position: 'insideLeft', fontSize: 12, fill: '#59636e', style: { textAnchor: 'middle' } }}
      />
      <Tooltip
        formatter={(value, series) => [Array.isArray(value) ? value.map((v) => format(Number(v))).join(' – ') : format(Number(value)), series]}
        labelFormatter={(epoch) => `Epoch ${epoch}`}
        contentStyle={{ fontSize: 12, borderRadius: 6 }}
      />
      <Area dataKey="band" name="mean ± std" stroke="none" fill={color} fillOpacity={0.15} isAnimationActive={false} connectNulls />
      {folds.map((fold, i) => (
        <Line
          key={fold}
          dataKey={`fold${fold}`}
          name={`Fold ${fold + 1}`}
          stroke={FOLD_COLORS[i % FOLD_COLORS.length]}
          strokeWidth={1.2}
          dot={false}
          connectNulls
          isAnimationActive={false}
        />
      ))}
      <Line dataKey="mean" name="Mean" stroke={color} strokeWidth={2.5} dot={{ r: 2.5 }} connectNulls isAnimationActive={false} />
    </ComposedChart>
  );
  return (
    <figure className="chart" aria-label={label} style={{ margin: 0 }}>
      {width ? (
        chart
      ) : (
        <ResponsiveContainer width="100%" height={height}>
          {chart}
        </ResponsiveContainer>
      )}
      <figcaption>
        <ul className="chart__legend" aria-label={`${label} legend`}>
          <li>
            <span className="swatch" style={{ background: color }} aria-hidden="true" />
            mean ± std over {folds.length} {folds.length === 1 ? 'fold' : 'folds'}
          </li>
          {folds.map((fold, i) => (
            <li key={fold}>
              <span className="swatch" style={{ background: FOLD_COLORS[i % FOLD_COLORS.length] }} aria-hidden="true" />
              Fold {fold + 1}
            </li>
          ))}
        </ul>
      </figcaption>
    </figure>
  );
}
