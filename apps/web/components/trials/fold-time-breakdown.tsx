'use client';

import { FOLD_PHASE_LABELS, FOLD_PHASES, type TFoldPhase, type TFoldRun, type TFoldTimings } from '@atelier/domain';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { ChartDataTable } from '@/components/charts/chart-data-table';
import { formatElapsed, formatInteger, formatPercent } from '@/lib/format';
import chartStyles from '@/components/charts/chart.module.css';
import cardStyles from '@/components/ui/card.module.css';
import styles from './trials.module.css';

/** What the phases leave out of an attempt's wall time (Redis checks between steps and the like). */
const OTHER = 'other';
type Segment = TFoldPhase | typeof OTHER;
const SEGMENTS: readonly Segment[] = [...FOLD_PHASES, OTHER];
const LABELS: Record<Segment, string> = { ...FOLD_PHASE_LABELS, [OTHER]: 'other' };
const color = (segment: Segment) =>
  segment === OTHER ? 'var(--color-muted)' : `var(--color-chart-${String(FOLD_PHASES.indexOf(segment) + 1)})`;

type Row = { name: string } & Record<Segment, number>;

/** Recharts 3 sorts legend and tooltip items by name: keep the phases' order, the order time is spent in. */
const inPhaseOrder = (item: { dataKey?: unknown }) => SEGMENTS.indexOf(String(item.dataKey) as Segment);

/** The attempt's own phases (the queue wait comes before it) and what they leave unaccounted. */
export function attemptSeconds(timings: TFoldTimings): { spent: number; other: number } {
  const spent = FOLD_PHASES.filter((phase) => phase !== 'queued').reduce((sum, phase) => sum + timings.phases[phase], 0);
  return { spent, other: Math.max(0, timings.wallSeconds - spent) };
}

/**
 * Where each fold's last attempt spent its wall time, phase by phase (the worker measures it:
 * FOLD_PHASES), and how many images it trained per second of that time against per second of the
 * batches alone: what the platform costs around the training.
 */
export function FoldTimeBreakdown({ folds, width, height }: { folds: readonly TFoldRun[]; width?: number; height?: number }) {
  const timed = folds.filter((fold): fold is TFoldRun & { timings: TFoldTimings } => fold.timings !== null);
  if (timed.length === 0) return null;
  const rows: Row[] = timed.map((fold) => ({
    name: `Fold ${String(fold.fold + 1)}`,
    ...fold.timings.phases,
    [OTHER]: attemptSeconds(fold.timings).other,
  }));
  const total = (pick: (timings: TFoldTimings) => number) => timed.reduce((sum, fold) => sum + pick(fold.timings), 0);
  const wall = total((t) => t.wallSeconds);
  const batches = total((t) => t.phases.train);
  const images = total((t) => t.trainImages);
  const chartHeight = height ?? 64 + rows.length * 36;
  const chart = (
    <BarChart
      data={rows}
      layout="vertical"
      width={width}
      height={width ? chartHeight : undefined}
      margin={{ top: 8, right: 16, bottom: 8, left: 8 }}
    >
      <CartesianGrid strokeDasharray="3 3" horizontal={false} />
      <XAxis type="number" tickFormatter={(v: number) => formatElapsed(v)} tick={{ fontSize: 12 }} />
      <YAxis type="category" dataKey="name" width={64} tick={{ fontSize: 12 }} />
      <Tooltip
        cursor={{ fill: 'var(--chart-cursor)' }}
        formatter={(value, name) => [formatElapsed(Number(value)), name]}
        itemSorter={inPhaseOrder}
      />
      <Legend itemSorter={inPhaseOrder} />
      {SEGMENTS.map((segment) => (
        <Bar key={segment} dataKey={segment} name={LABELS[segment]} stackId="wall" fill={color(segment)} isAnimationActive={false} />
      ))}
    </BarChart>
  );
  return (
    <section className={cardStyles.card} aria-labelledby="fold-time-title" data-testid="fold-time-breakdown">
      <div className={cardStyles.header}>
        <h2 id="fold-time-title">Where the time went</h2>
        <span className={`muted ${styles.note ?? ''}`} data-testid="fold-time-summary">
          {formatPercent(wall > 0 ? batches / wall : null)} of the folds&apos; time on their workers trained batches ·{' '}
          {formatInteger(wall > 0 ? images / wall : null)} images/s of wall time, {formatInteger(batches > 0 ? images / batches : null)}{' '}
          images/s while training
        </span>
      </div>
      <figure className={chartStyles.chart} aria-label="Wall time of each fold by phase">
        <div>
          {width ? (
            chart
          ) : (
            <ResponsiveContainer width="100%" height={chartHeight}>
              {chart}
            </ResponsiveContainer>
          )}
        </div>
        <ChartDataTable
          data-testid="fold-time-table"
          caption="Seconds of each fold's last attempt by phase"
          columns={['Phase', ...rows.map((row) => row.name)]}
          rows={SEGMENTS.map((segment) => ({
            key: segment,
            cells: [LABELS[segment], ...rows.map((row) => formatElapsed(row[segment]))],
          }))}
          footer={[
            { key: 'wall', cells: ['wall time on the worker', ...timed.map((fold) => formatElapsed(fold.timings.wallSeconds))] },
            { key: 'images', cells: ['images trained', ...timed.map((fold) => formatInteger(fold.timings.trainImages))] },
          ]}
        />
      </figure>
    </section>
  );
}
