'use client';

import type { TComparedTrial } from '@atelier/domain';
import { CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { accuracyScale } from '@/lib/curves';
import { formatLoss, formatPercent } from '@/lib/format';
import { trialColor } from './trial-colors';

export interface CompareCurvesChartProps {
  trials: readonly Pick<TComparedTrial, 'id' | 'curves'>[];
  /** Legend text per trial, in the same order (only what differs between them). */
  labels: readonly string[];
  metric: 'accuracy' | 'loss';
  width?: number;
  height?: number;
}

const key = (index: number, split: 'train' | 'val') => `c${index}_${split}`;

/**
 * Training (dashed) and validation (solid) curves of several trials, each the mean over its
 * folds at every epoch, on one chart. Colours follow the order of the comparison.
 */
export function CompareCurvesChart({ trials, labels, metric, width, height = 300 }: CompareCurvesChartProps) {
  const rows = new Map<number, Record<string, number | null>>();
  trials.forEach((trial, index) => {
    for (const point of trial.curves.mean) {
      const row = rows.get(point.epoch) ?? { epoch: point.epoch };
      row[key(index, 'train')] = metric === 'accuracy' ? point.accuracy : point.loss;
      row[key(index, 'val')] = metric === 'accuracy' ? point.valAccuracy : point.valLoss;
      rows.set(point.epoch, row);
    }
  });
  const data = [...rows.values()].sort((a, b) => Number(a['epoch']) - Number(b['epoch']));
  const label = metric === 'accuracy' ? 'Accuracy' : 'Loss';
  if (data.length === 0) {
    return (
      <figure className="chart" aria-label={`${label} curves`} style={{ margin: 0 }}>
        <div className="chart__empty" style={{ width: width ?? '100%', height }}>
          None of these trials has finished an epoch yet.
        </div>
      </figure>
    );
  }
  const values = data.flatMap((row) => Object.entries(row).filter(([k, v]) => k !== 'epoch' && typeof v === 'number').map(([, v]) => v as number));
  const scale = metric === 'accuracy' ? accuracyScale(values) : null;
  const maxEpoch = Math.max(2, ...data.map((row) => Number(row['epoch'])));
  const format = metric === 'accuracy' ? (v: number) => formatPercent(v, 1) : formatLoss;

  const chart = (
    <LineChart data={data} width={width} height={width ? height : undefined} margin={{ top: 8, right: 16, bottom: 24, left: 8 }}>
      <CartesianGrid stroke="#e6e8eb" strokeDasharray="3 3" />
      <XAxis
        dataKey="epoch"
        type="number"
        domain={[1, maxEpoch]}
        allowDecimals={false}
        tick={{ fontSize: 12, fill: '#59636e' }}
        label={{ value: 'Epoch', position: 'insideBottom', offset: -12, fontSize: 12, fill: '#59636e' }}
      />
      <YAxis
        width={64}
        domain={scale ? scale.domain : [0, 'auto']}
        ticks={scale?.ticks}
        tickFormatter={scale ? (v: number) => formatPercent(v, scale.percentDigits) : (v: number) => String(Number(v.toPrecision(3)))}
        tick={{ fontSize: 12, fill: '#59636e' }}
        label={{ value: label, angle: -90, position: 'insideLeft', fontSize: 12, fill: '#59636e', style: { textAnchor: 'middle' } }}
      />
      <Tooltip
        formatter={(value, name) => [typeof value === 'number' ? format(value) : String(value), name]}
        labelFormatter={(epoch) => `Epoch ${epoch}`}
        contentStyle={{ fontSize: 12, borderRadius: 6 }}
      />
      {trials.flatMap((trial, index) => [
        <Line
          key={key(index, 'val')}
          dataKey={key(index, 'val')}
          name={`${labels[index]} validation`}
          stroke={trialColor(index + 1)}
          strokeWidth={2}
          dot={maxEpoch <= 15 ? { r: 2.5 } : false}
          connectNulls
          isAnimationActive={false}
        />,
        <Line
          key={key(index, 'train')}
          dataKey={key(index, 'train')}
          name={`${labels[index]} training`}
          stroke={trialColor(index + 1)}
          strokeWidth={1.25}
          strokeDasharray="5 4"
          strokeOpacity={0.8}
          dot={false}
          connectNulls
          isAnimationActive={false}
        />,
      ])}
    </LineChart>
  );
  return (
    <figure className="chart" aria-label={`${label} curves`} style={{ margin: 0 }}>
      {width ? (
        chart
      ) : (
        <ResponsiveContainer width="100%" height={height}>
          {chart}
        </ResponsiveContainer>
      )}
      <figcaption>
        <ul className="chart__legend" aria-label={`${label} legend`}>
          {trials.map((trial, index) => (
            <li key={trial.id}>
              <span className="swatch" style={{ background: trialColor(index + 1) }} aria-hidden="true" />
              <span>{labels[index]}</span>
            </li>
          ))}
          <li className="chart__key" aria-label="Line styles">
            <span>
              <span className="chart__key-line" aria-hidden="true" />
              validation
            </span>
            <span>
              <span className="chart__key-line chart__key-line--dashed" aria-hidden="true" />
              training
            </span>
          </li>
        </ul>
      </figcaption>
    </figure>
  );
}
