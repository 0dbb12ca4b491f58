'use client';

import type { TComparedTrial } from '@atelier/domain';
import type { ChartView } from './chart-settings';
import { CurvesPlot, type CurveSeries } from './curves-plot';
import { LegendToggle } from './legend-toggle';
import { LINE_STYLE_ENTRIES, LineStyleKey } from './line-style-key';
import swatchStyles from '@/components/ui/swatch.module.css';
import styles from './chart.module.css';
import { trialColor } from './trial-colors';
import { useLegendToggles } from './use-legend-toggles';

export interface CompareCurvesChartProps {
  trials: readonly Pick<TComparedTrial, 'id' | 'curves'>[];
  /** Legend text per trial, in the same order (what differs between them, and their experiment when they come from several). */
  labels: readonly string[];
  metric: 'accuracy' | 'loss';
  /** Log y, smoothing, x axis and zoom, from the chart controls; the plain view without. */
  view?: ChartView;
  width?: number;
  height?: number;
}

/**
 * Training (dashed) and validation (solid) curves of several trials, each the mean over its
 * folds at every epoch, on one chart. Colours follow the order of the comparison.
 */
export function CompareCurvesChart({ trials, labels, metric, view, width, height = 300 }: CompareCurvesChartProps) {
  const label = metric === 'accuracy' ? 'Accuracy' : 'Loss';
  const toggles = useLegendToggles();
  if (trials.every((trial) => trial.curves.mean.length === 0)) {
    return (
      <figure className={styles.chart} aria-label={`${label} curves`}>
        <div className={styles.empty} style={{ width: width ?? '100%', height }}>
          None of these trials has finished an epoch yet.
        </div>
      </figure>
    );
  }
  const series: CurveSeries[] = trials.flatMap((trial, index) => {
    const color = trialColor(index + 1);
    const at = (p: TComparedTrial['curves']['mean'][number]) => ({ epoch: p.epoch, elapsed: p.elapsedSeconds });
    return [
      {
        key: `c${index}_val`,
        name: `${labels[index]} validation`,
        color,
        strokeWidth: 2,
        dots: true,
        toggles: [`c${index}`, LINE_STYLE_ENTRIES.validation],
        points: trial.curves.mean.map((p) => ({ ...at(p), value: metric === 'accuracy' ? p.valAccuracy : p.valLoss })),
      },
      {
        key: `c${index}_train`,
        name: `${labels[index]} training`,
        color,
        dashed: true,
        strokeWidth: 1.25,
        strokeOpacity: 0.8,
        toggles: [`c${index}`, LINE_STYLE_ENTRIES.training],
        points: trial.curves.mean.map((p) => ({ ...at(p), value: metric === 'accuracy' ? p.accuracy : p.loss })),
      },
    ];
  });
  return (
    <figure className={styles.chart} aria-label={`${label} curves`}>
      <CurvesPlot series={series} kind={metric} yLabel={label} view={view} hidden={toggles.hidden} width={width} height={height} />
      <figcaption>
        <ul className={styles.legend} aria-label={`${label} legend`}>
          {trials.map((trial, index) => (
            <li key={trial.id}>
              <LegendToggle entry={`c${index}`} toggles={toggles} name={labels[index] ?? `trial ${index + 1}`}>
                <span className={swatchStyles.swatch} style={{ background: trialColor(index + 1) }} aria-hidden="true" />
                <span>{labels[index]}</span>
              </LegendToggle>
            </li>
          ))}
          <LineStyleKey toggles={toggles} />
        </ul>
      </figcaption>
    </figure>
  );
}
