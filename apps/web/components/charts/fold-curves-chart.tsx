'use client';

import { elapsedSeconds, type TTrialCurves } from '@atelier/domain';
import type { ChartView } from './chart-settings';
import { CurvesPlot, type CurveSeries } from './curves-plot';
import swatchStyles from '@/components/ui/swatch.module.css';
import styles from './chart.module.css';
import { trialColor } from './trial-colors';
import { LegendToggle } from './legend-toggle';
import { useLegendToggles } from './use-legend-toggles';

export interface FoldCurvesChartProps {
  curves: TTrialCurves;
  metric?: 'valLoss' | 'valAccuracy';
  /** Colour of the mean line and band. */
  color?: string;
  title?: string;
  /** Log y, smoothing, x axis and zoom, from the chart controls; the plain view without. */
  view?: ChartView;
  width?: number;
  height?: number;
}

/** Folds in muted tints: the theme's neutral grey with a little of each series colour, so they stay apart yet behind the mean. */
const foldColor = (i: number) => `color-mix(in srgb, ${trialColor(i + 1)} 30%, var(--color-neutral-mark))`;

/**
 * One line per fold (thin, grey) and their mean with a ± one standard deviation band: how much
 * the score depends on which images land in the validation split.
 */
export function FoldCurvesChart({
  curves,
  metric = 'valLoss',
  color = 'var(--color-accent)',
  title,
  view,
  width,
  height = 240,
}: FoldCurvesChartProps) {
  const accuracy = metric === 'valAccuracy';
  const name = accuracy ? 'Validation accuracy' : 'Validation loss';
  const label = title ?? `${name} per fold`;
  const std = `${metric}Std` as const;
  const toggles = useLegendToggles();
  if (curves.mean.every((point) => point[metric] === null)) {
    return (
      <figure className={styles.chart} aria-label={label}>
        <div className={styles.empty} style={{ width: width ?? '100%', height }}>
          No validation epoch finished yet.
        </div>
      </figure>
    );
  }
  const folds = [...curves.folds].sort((a, b) => a.fold - b.fold);
  const series: CurveSeries[] = folds.map((fold, i) => {
    const elapsed = elapsedSeconds(fold.metrics);
    return {
      key: `fold${fold.fold}`,
      name: `Fold ${fold.fold + 1}`,
      color: foldColor(i),
      strokeWidth: 1.2,
      toggles: [`fold${fold.fold}`],
      points: fold.metrics.map((m) => ({ epoch: m.epoch, elapsed: elapsed.get(m.epoch) ?? null, value: m[metric] })),
    };
  });
  series.push({
    key: 'mean',
    name: 'Mean',
    color,
    strokeWidth: 2.5,
    dots: true,
    toggles: ['mean'],
    points: curves.mean.map((p) => ({ epoch: p.epoch, elapsed: p.elapsedSeconds, value: p[metric] })),
  });
  const band = {
    key: 'band',
    name: 'mean ± std',
    color,
    points: curves.mean.map((p) => {
      const mean = p[metric];
      const spread = p[std];
      const known = mean !== null && spread !== null;
      return { epoch: p.epoch, elapsed: p.elapsedSeconds, low: known ? mean - spread : null, high: known ? mean + spread : null };
    }),
  };
  return (
    <figure className={styles.chart} aria-label={label}>
      <CurvesPlot
        title={label}
        series={series}
        band={toggles.shown('mean') ? band : undefined}
        hidden={toggles.hidden}
        kind={accuracy ? 'accuracy' : 'loss'}
        yLabel={name}
        view={view}
        width={width}
        height={height}
      />
      <figcaption>
        <ul className={styles.legend} aria-label={`${label} legend`}>
          <li>
            <LegendToggle entry="mean" toggles={toggles} name="the mean ± std">
              <span className={swatchStyles.swatch} style={{ background: color }} aria-hidden="true" />
              mean ± std over {folds.length} {folds.length === 1 ? 'fold' : 'folds'}
            </LegendToggle>
          </li>
          {folds.map((fold, i) => (
            <li key={fold.fold}>
              <LegendToggle entry={`fold${fold.fold}`} toggles={toggles} name={`fold ${fold.fold + 1}`}>
                <span className={swatchStyles.swatch} style={{ background: foldColor(i) }} aria-hidden="true" />
                Fold {fold.fold + 1}
              </LegendToggle>
            </li>
          ))}
        </ul>
      </figcaption>
    </figure>
  );
}
