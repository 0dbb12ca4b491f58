'use client';

import type { TParameterImportance } from '@atelier/domain';
import { Bar, BarChart, CartesianGrid, LabelList, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { HYPERPARAMETER_LABELS } from '@/lib/compare';
import { formatPercent } from '@/lib/format';

export interface ImportanceChartProps {
  importance: readonly TParameterImportance[];
  width?: number;
  height?: number;
}

/**
 * Which hyperparameters explain the spread of the scores: η² of a one-way ANOVA per
 * hyperparameter, shown as its share of the total, largest first.
 */
export function ImportanceChart({ importance, width, height }: ImportanceChartProps) {
  const rows = [...importance]
    .sort((a, b) => b.share - a.share)
    .map((item) => ({ ...item, label: HYPERPARAMETER_LABELS[item.name] ?? item.name }));
  const h = height ?? Math.max(120, rows.length * 34 + 40);
  if (rows.length === 0) {
    return (
      <figure className="chart" aria-label="Parameter importance" style={{ margin: 0 }}>
        <div className="chart__empty" style={{ width: width ?? '100%', height: 120 }}>
          Importance needs at least 3 scored trials.
        </div>
      </figure>
    );
  }
  const chart = (
    <BarChart data={rows} layout="vertical" width={width} height={width ? h : undefined} margin={{ top: 4, right: 56, bottom: 4, left: 8 }}>
      <CartesianGrid stroke="#e6e8eb" strokeDasharray="3 3" horizontal={false} />
      <XAxis type="number" domain={[0, 1]} tickFormatter={(v: number) => formatPercent(v, 0)} tick={{ fontSize: 12, fill: '#59636e' }} />
      <YAxis type="category" dataKey="label" width={110} tick={{ fontSize: 12, fill: '#1b1f24' }} />
      <Tooltip
        formatter={(_value, _name, item) => {
          const row = (item as { payload: (typeof rows)[number] }).payload;
          return [`${formatPercent(row.share, 1)} of the total (η² ${row.etaSquared.toFixed(3)}, ${row.groups} groups)`, 'Importance'];
        }}
        contentStyle={{ fontSize: 12, borderRadius: 6 }}
      />
      <Bar dataKey="share" fill="#2f5bd3" isAnimationActive={false} maxBarSize={22}>
        <LabelList dataKey="share" position="right" formatter={(v: unknown) => formatPercent(Number(v), 1)} style={{ fontSize: 12, fill: '#1b1f24' }} />
      </Bar>
    </BarChart>
  );
  return (
    <figure className="chart" aria-label="Parameter importance" style={{ margin: 0 }}>
      {width ? (
        chart
      ) : (
        <ResponsiveContainer width="100%" height={h}>
          {chart}
        </ResponsiveContainer>
      )}
      <figcaption className="chart__key" style={{ marginTop: 6 }}>
        Share of the variance in mean validation accuracy explained by each hyperparameter (η², one-way ANOVA; numeric values in quartile bins).
      </figcaption>
    </figure>
  );
}
