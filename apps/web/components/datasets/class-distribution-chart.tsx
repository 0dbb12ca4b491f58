'use client';

import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { formatInteger, formatPercent } from '@/lib/format';
import styles from './datasets.module.css';
import chartStyles from '../charts/chart.module.css';
import { ChartDataTable } from '@/components/charts/chart-data-table';

export interface ClassDistributionChartProps {
  classNames: readonly string[];
  distribution: { train: readonly number[]; test: readonly number[] };
  width?: number;
  height?: number;
}

interface Row {
  name: string;
  train: number;
  test: number;
}

const COLORS = { train: 'var(--color-chart-1)', test: 'var(--color-chart-2)' } as const;

/** Recharts 3 sorts legend and tooltip items by name ("Test" before "Train"): keep the bars' order instead. */
const SPLIT_ORDER: Record<string, number> = { train: 0, test: 1 };
const bySplit = (item: { dataKey?: unknown }) => SPLIT_ORDER[String(item.dataKey)] ?? 2;

/** Images per class in each split, side by side: imbalance, and a test split unlike train, show at a glance. */
export function ClassDistributionChart({ classNames, distribution, width, height = 280 }: ClassDistributionChartProps) {
  const rows: Row[] = classNames.map((name, i) => ({ name, train: distribution.train[i] ?? 0, test: distribution.test[i] ?? 0 }));
  const totals = { train: rows.reduce((s, r) => s + r.train, 0), test: rows.reduce((s, r) => s + r.test, 0) };
  const chart = (
    <BarChart data={rows} width={width} height={width ? height : undefined} margin={{ top: 8, right: 16, bottom: 24, left: 8 }}>
      <CartesianGrid strokeDasharray="3 3" vertical={false} />
      <XAxis
        dataKey="name"
        tick={{ fontSize: 12 }}
        interval={0}
        angle={rows.length > 6 ? -30 : 0}
        textAnchor={rows.length > 6 ? 'end' : 'middle'}
        height={rows.length > 6 ? 56 : 30}
      />
      <YAxis tickFormatter={(v: number) => formatInteger(v)} width={64} tick={{ fontSize: 12 }} allowDecimals={false} />
      <Tooltip
        cursor={{ fill: 'var(--chart-cursor)' }}
        formatter={(value, name) => {
          const split = name === 'Train' ? 'train' : 'test';
          const n = Number(value);
          return [`${formatInteger(n)} (${formatPercent(totals[split] ? n / totals[split] : 0)})`, name];
        }}
        itemSorter={bySplit}
      />
      <Legend itemSorter={bySplit} />
      <Bar dataKey="train" name="Train" fill={COLORS.train} isAnimationActive={false} maxBarSize={36} />
      <Bar dataKey="test" name="Test" fill={COLORS.test} isAnimationActive={false} maxBarSize={36} />
    </BarChart>
  );
  return (
    <figure className={`${chartStyles.chart ?? ''} ${styles.distribution ?? ''}`} aria-label="Class distribution per split">
      <div>
        {width ? (
          chart
        ) : (
          <ResponsiveContainer width="100%" height={height}>
            {chart}
          </ResponsiveContainer>
        )}
      </div>
      <ChartDataTable
        open
        data-testid="class-distribution-table"
        caption="Images per class and split"
        columns={['Class', 'Train', 'Test']}
        rows={rows.map((row) => ({ key: row.name, cells: [row.name, formatInteger(row.train), formatInteger(row.test)] }))}
        footer={[{ key: 'total', cells: ['Total', formatInteger(totals.train), formatInteger(totals.test)] }]}
      />
    </figure>
  );
}
