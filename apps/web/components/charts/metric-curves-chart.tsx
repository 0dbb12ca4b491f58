'use client';

import type { TExperimentMetrics } from '@atelier/domain';
import { CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { accuracyScale, chartRows, curveValues, seriesKey, trialCurves, type CurveMetric } from '@/lib/curves';
import { formatLoss, formatPercent } from '@/lib/format';
import { trialColor } from './trial-colors';

export interface MetricCurvesChartProps {
  metrics: TExperimentMetrics;
  metric: CurveMetric;
  /** Trials to draw (by number); all of them when omitted. */
  trialNumbers?: readonly number[];
  /** Drawn thicker and marked in the legend. */
  bestTrialNumber?: number | null;
  /** Fixed size (tests, print); without a width the chart fills its container. */
  width?: number;
  height?: number;
}

const LABELS: Record<CurveMetric, string> = { accuracy: 'Accuracy', loss: 'Loss' };

/**
 * Training (dashed) and validation (solid) curves per trial, each averaged over the trial's
 * folds at every epoch. Pure: everything it shows comes from its props.
 */
export function MetricCurvesChart({ metrics, metric, trialNumbers, bestTrialNumber = null, width, height = 300 }: MetricCurvesChartProps) {
  const visible = trialNumbers ? new Set(trialNumbers) : null;
  const curves = trialCurves(metrics, metric).filter((curve) => curve.points.length > 0 && (!visible || visible.has(curve.number)));
  const rows = chartRows(curves);
  const label = LABELS[metric];
  const format = metric === 'accuracy' ? (value: number) => formatPercent(value, 1) : formatLoss;
  const scale = metric === 'accuracy' ? accuracyScale(curveValues(curves)) : null;
  const formatTick = scale ? (value: number) => formatPercent(value, scale.percentDigits) : (value: number) => String(Number(value.toPrecision(3)));
  const maxEpoch = rows.reduce((max, row) => Math.max(max, Number(row['epoch'])), 1);

  if (curves.length === 0) {
    return (
      <figure className="chart" aria-label={`${label} curves`} style={{ margin: 0 }}>
        <div className="chart__empty" style={{ width: width ?? '100%', height }}>
          No epochs finished yet: curves appear after the first epoch.
        </div>
      </figure>
    );
  }

  const chart = (
    <LineChart data={rows} width={width} height={width ? height : undefined} margin={{ top: 8, right: 16, bottom: 24, left: 8 }}>
      <CartesianGrid stroke="#e6e8eb" strokeDasharray="3 3" />
      <XAxis
        dataKey="epoch"
        type="number"
        domain={[1, Math.max(2, maxEpoch)]}
        allowDecimals={false}
        tick={{ fontSize: 12, fill: '#59636e' }}
        label={{ value: 'Epoch', position: 'insideBottom', offset: -12, fontSize: 12, fill: '#59636e' }}
      />
      <YAxis
        tickFormatter={formatTick}
        width={64}
        domain={scale ? scale.domain : [0, 'auto']}
        ticks={scale?.ticks}
        tick={{ fontSize: 12, fill: '#59636e' }}
        label={{ value: label, angle: -90, position: 'insideLeft', offset: 0, fontSize: 12, fill: '#59636e', style: { textAnchor: 'middle' } }}
      />
      <Tooltip
        formatter={(value, name) => [typeof value === 'number' ? format(value) : String(value), name]}
        labelFormatter={(epoch) => `Epoch ${epoch}`}
        contentStyle={{ fontSize: 12, borderRadius: 6 }}
      />
      {curves.flatMap((curve) => {
        const color = trialColor(curve.number);
        const best = curve.number === bestTrialNumber;
        const dot = maxEpoch <= 12 ? { r: best ? 3.5 : 2.5 } : false;
        return [
          <Line
            key={seriesKey(curve.number, 'val')}
            dataKey={seriesKey(curve.number, 'val')}
            name={`Trial ${curve.number} validation`}
            stroke={color}
            strokeWidth={best ? 3 : 1.75}
            dot={dot}
            connectNulls
            isAnimationActive={false}
          />,
          <Line
            key={seriesKey(curve.number, 'train')}
            dataKey={seriesKey(curve.number, 'train')}
            name={`Trial ${curve.number} training`}
            stroke={color}
            strokeWidth={best ? 2 : 1.25}
            strokeDasharray="5 4"
            strokeOpacity={0.8}
            dot={false}
            connectNulls
            isAnimationActive={false}
          />,
        ];
      })}
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
          {curves.map((curve) => (
            <li key={curve.trialId}>
              <span className="swatch" style={{ background: trialColor(curve.number) }} aria-hidden="true" />
              <span style={{ fontWeight: curve.number === bestTrialNumber ? 700 : undefined }}>
                Trial {curve.number}
                {curve.number === bestTrialNumber ? ' ★ best' : ''}
              </span>
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
