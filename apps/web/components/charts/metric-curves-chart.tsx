'use client';

import type { TExperimentMetrics } from '@atelier/domain';
import type { ChartView } from './chart-settings';
import { trialCurves, type CurveMetric } from './curves';
import { CurvesPlot, type CurveSeries } from './curves-plot';
import { LegendToggle } from './legend-toggle';
import { LINE_STYLE_ENTRIES, LineStyleKey } from './line-style-key';
import swatchStyles from '@/components/ui/swatch.module.css';
import styles from './chart.module.css';
import { trialColor } from './trial-colors';
import { useLegendToggles } from './use-legend-toggles';

export interface MetricCurvesChartProps {
  metrics: TExperimentMetrics;
  metric: CurveMetric;
  /** Trials to draw (by number); all of them when omitted. */
  trialNumbers?: readonly number[];
  /** Drawn thicker and marked in the legend. */
  bestTrialNumber?: number | null;
  /** Log y, smoothing, x axis and zoom, from the chart controls; the plain view without. */
  view?: ChartView;
  /** Fixed size (tests, print); without a width the chart fills its container. */
  width?: number;
  height?: number;
}

const LABELS: Record<CurveMetric, string> = { accuracy: 'Accuracy', loss: 'Loss' };

/**
 * Training (dashed) and validation (solid) curves per trial, each averaged over the trial's
 * folds at every epoch. Pure: everything it shows comes from its props.
 */
export function MetricCurvesChart({
  metrics,
  metric,
  trialNumbers,
  bestTrialNumber = null,
  view,
  width,
  height = 300,
}: MetricCurvesChartProps) {
  const visible = trialNumbers ? new Set(trialNumbers) : null;
  const curves = trialCurves(metrics, metric).filter((curve) => curve.points.length > 0 && (!visible || visible.has(curve.number)));
  const label = LABELS[metric];
  const toggles = useLegendToggles();

  if (curves.length === 0) {
    return (
      <figure className={styles.chart} aria-label={`${label} curves`}>
        <div className={styles.empty} style={{ width: width ?? '100%', height }}>
          No epochs finished yet: curves appear after the first epoch.
        </div>
      </figure>
    );
  }

  const series: CurveSeries[] = curves.flatMap((curve) => {
    const color = trialColor(curve.number);
    const best = curve.number === bestTrialNumber;
    return [
      {
        key: `t${curve.number}_val`,
        name: `Trial ${curve.number} validation`,
        color,
        strokeWidth: best ? 3 : 1.75,
        dots: true,
        dotRadius: best ? 3.5 : 2.5,
        toggles: [`t${curve.number}`, LINE_STYLE_ENTRIES.validation],
        points: curve.points.map((p) => ({ epoch: p.epoch, elapsed: p.elapsed, value: p.val })),
      },
      {
        key: `t${curve.number}_train`,
        name: `Trial ${curve.number} training`,
        color,
        dashed: true,
        strokeWidth: best ? 2 : 1.25,
        strokeOpacity: 0.8,
        toggles: [`t${curve.number}`, LINE_STYLE_ENTRIES.training],
        points: curve.points.map((p) => ({ epoch: p.epoch, elapsed: p.elapsed, value: p.train })),
      },
    ];
  });

  return (
    <figure className={styles.chart} aria-label={`${label} curves`}>
      <CurvesPlot series={series} kind={metric} yLabel={label} view={view} hidden={toggles.hidden} width={width} height={height} />
      <figcaption>
        <ul className={styles.legend} aria-label={`${label} legend`}>
          {curves.map((curve) => (
            <li key={curve.trialId}>
              <LegendToggle entry={`t${curve.number}`} toggles={toggles} name={`trial ${curve.number}`}>
                <span className={swatchStyles.swatch} style={{ background: trialColor(curve.number) }} aria-hidden="true" />
                <span className={curve.number === bestTrialNumber ? styles.legendBest : undefined}>
                  Trial {curve.number}
                  {curve.number === bestTrialNumber ? ' ★ best' : ''}
                </span>
              </LegendToggle>
            </li>
          ))}
          <LineStyleKey toggles={toggles} />
        </ul>
      </figcaption>
    </figure>
  );
}
