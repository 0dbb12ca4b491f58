'use client';

import type { ChartView } from './chart-settings';
import { curveKindOf, describeNonFinite, RUN_AXIS_LABELS, runCurves, type RunCurveInput } from '@/components/runs/run-curves';
import { CurvesPlot } from './curves-plot';
import swatchStyles from '@/components/ui/swatch.module.css';
import styles from './chart.module.css';
import { LegendToggle } from './legend-toggle';
import { useLegendToggles } from './use-legend-toggles';

export interface RunMetricChartProps {
  metricKey: string;
  /** One or more runs, each with its colour and label; their series of other keys are ignored. */
  runs: readonly RunCurveInput[];
  /** Also draw the per-fold lines of runs that have a run-wide series (the run page). */
  folds?: boolean;
  /** Log y, smoothing, x axis (step or wall time) and zoom, from the chart controls. */
  view?: ChartView;
  width?: number;
  height?: number;
}

/**
 * One metric key of logged runs against the step or the wall time: a line per run (per fold
 * for a search's trial). NaN and infinite points cannot be drawn; the chart names them below.
 * Pure: everything it shows comes from its props.
 */
export function RunMetricChart({ metricKey, runs, folds = false, view, width, height = 240 }: RunMetricChartProps) {
  const curves = runCurves(runs, metricKey, { folds });
  const label = `${metricKey} curve`;
  const toggles = useLegendToggles();
  const drawable = curves.series.some((s) => s.points.some((p) => p.value !== null));
  const note =
    curves.nonFinite.length > 0 ? (
      <p className={styles.note} data-testid="nonfinite-note">
        Not drawn: {describeNonFinite(curves.nonFinite, { runs: runs.length > 1 })}
      </p>
    ) : null;
  if (!drawable) {
    return (
      <figure className={styles.chart} aria-label={label} data-metric-key={metricKey}>
        <div className={styles.empty} style={{ width: width ?? '100%', height }}>
          {curves.series.length === 0 ? `No ${metricKey} logged yet.` : `No finite ${metricKey} value to draw.`}
        </div>
        {note}
      </figure>
    );
  }
  return (
    <figure className={styles.chart} aria-label={label} data-metric-key={metricKey}>
      <CurvesPlot
        series={curves.series}
        kind={curveKindOf(metricKey, curves.series)}
        yLabel={metricKey}
        view={view}
        xLabels={RUN_AXIS_LABELS}
        xStart={curves.firstStep}
        hidden={toggles.hidden}
        width={width}
        height={height}
      />
      <figcaption>
        {runs.length > 1 ? (
          <ul className={styles.legend} aria-label={`${metricKey} legend`}>
            {runs.map((run, index) => (
              <li key={run.id}>
                <LegendToggle entry={`r${index}`} toggles={toggles} name={run.label}>
                  <span className={swatchStyles.swatch} style={{ background: run.color }} aria-hidden="true" />
                  {run.label}
                </LegendToggle>
              </li>
            ))}
          </ul>
        ) : null}
        {note}
        {curves.downsampled ? (
          <p className={styles.note}>Downsampled for drawing: the shape, minimum and maximum of every series are kept.</p>
        ) : null}
      </figcaption>
    </figure>
  );
}
