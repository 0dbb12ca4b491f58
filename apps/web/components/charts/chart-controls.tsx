'use client';

import { useId } from 'react';
import type { ChartSettingsState } from './use-chart-settings';
import { MAX_SMOOTHING, type TXAxis } from './chart-settings';
import { formatElapsed, formatTick } from '@/lib/format';
import buttonStyles from '@/components/ui/button.module.css';
import styles from './chart-controls.module.css';

export interface ChartControlsProps {
  state: ChartSettingsState;
  /** Names the group for assistive technology, e.g. "Curves". */
  label: string;
  /** The x axes' names, as the charts it drives call them (a logged run counts steps and wall time). */
  xAxisLabels?: Record<TXAxis, string>;
}

const EPOCH_LABELS: Record<TXAxis, string> = { epoch: 'Epoch', time: 'Training time' };

/**
 * The one control bar of every line chart: log y, EMA smoothing, epoch or wall-time x axis,
 * and the reset of a zoom made by dragging across a chart.
 */
export function ChartControls({ state, label, xAxisLabels = EPOCH_LABELS }: ChartControlsProps) {
  const { settings, update, zoom, resetZoom } = state;
  const id = useId();
  return (
    <div className={styles.controls} role="group" aria-label={`${label} chart settings`}>
      <label className={styles.field}>
        <input type="checkbox" checked={settings.logY} onChange={(e) => update({ logY: e.target.checked })} />
        Log scale
      </label>
      <label className={styles.field} htmlFor={`${id}-smoothing`}>
        Smoothing
        <input
          id={`${id}-smoothing`}
          type="range"
          min={0}
          max={MAX_SMOOTHING}
          step={0.01}
          value={settings.smoothing}
          onChange={(e) => update({ smoothing: Number(e.target.value) })}
          aria-valuetext={settings.smoothing === 0 ? 'off' : formatTick(settings.smoothing)}
        />
        <output className={styles.value} htmlFor={`${id}-smoothing`}>
          {settings.smoothing === 0 ? 'off' : formatTick(settings.smoothing)}
        </output>
      </label>
      <label className={styles.field}>
        X axis
        <select value={settings.xAxis} onChange={(e) => update({ xAxis: e.target.value as TXAxis })}>
          {Object.entries(xAxisLabels).map(([value, text]) => (
            <option key={value} value={value}>
              {text}
            </option>
          ))}
        </select>
      </label>
      <button type="button" className={`${buttonStyles.button} ${buttonStyles.small}`} onClick={resetZoom} disabled={!zoom}>
        Reset zoom
      </button>
      <span className={styles.hint}>
        {zoom
          ? `Showing ${xAxisLabels[settings.xAxis].toLowerCase()} ${formatX(zoom[0], settings.xAxis)}–${formatX(zoom[1], settings.xAxis)}`
          : 'Drag across a chart to zoom'}
      </span>
    </div>
  );
}

function formatX(value: number, axis: TXAxis): string {
  return axis === 'epoch' ? String(value) : formatElapsed(value);
}
