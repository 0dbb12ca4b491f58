'use client';

import type { TMetricSummary, TRunDetail, TRunMetrics } from '@atelier/domain';
import { useId, useState } from 'react';
import { ChartControls } from '@/components/charts/chart-controls';
import { RunMetricChart } from '@/components/charts/run-metric-chart';
import { trialColor } from '@/components/charts/trial-colors';
import { Num } from '@/components/ui/num';
import { useChartSettings } from '@/components/charts/use-chart-settings';
import { formatInteger } from '@/lib/format';
import { RUN_X_AXIS_OPTIONS } from './run-curves';
import styles from './runs.module.css';
import tableStyles from '@/components/ui/table.module.css';
import cardStyles from '@/components/ui/card.module.css';
import fieldStyles from '@/components/ui/field.module.css';

/** Above this many metric keys the section offers a search over them. */
const KEY_SEARCH_FROM = 7;

interface RunMetricsSectionProps {
  run: Pick<TRunDetail, 'id' | 'startedAt' | 'metrics'> & { label: string };
  /** Null while the series have not been read (or could not be). */
  metrics: TRunMetrics | null;
}

/** A chart per metric key (step or wall time, log y, smoothing from the one control bar), and each key's summary. */
export function RunMetricsSection({ run, metrics }: RunMetricsSectionProps) {
  const settings = useChartSettings('run-curves');
  const [query, setQuery] = useState('');
  const id = useId();
  // keys from the summaries (what the run logged), and any series not summarised yet
  const keys = [...new Set([...Object.keys(run.metrics), ...(metrics?.series.map((s) => s.key) ?? [])])].sort((a, b) =>
    a.localeCompare(b, 'en', { numeric: true }),
  );
  if (keys.length === 0) {
    return <p className={cardStyles.message}>No metrics logged yet: curves appear with the first POST /runs/{'{id}'}/log.</p>;
  }
  const needle = query.trim().toLowerCase();
  const shown = needle ? keys.filter((key) => key.toLowerCase().includes(needle)) : keys;
  const input = [{ id: run.id, label: run.label, color: trialColor(1), startedAt: run.startedAt, series: metrics?.series ?? [] }];
  return (
    <div className={styles.sectionBody}>
      <ChartControls state={settings} label="Metrics" xAxisLabels={RUN_X_AXIS_OPTIONS} />
      {keys.length >= KEY_SEARCH_FROM ? (
        <p>
          <label htmlFor={`${id}-keys`} className="visually-hidden">
            Find a metric
          </label>
          <input
            id={`${id}-keys`}
            className={`${fieldStyles.input} ${styles.search}`}
            type="search"
            placeholder={`Find one of ${keys.length} metrics`}
            value={query}
            onChange={(e) => setQuery(e.target.value)}
          />
        </p>
      ) : null}
      <div className="charts">
        {shown.map((key) => (
          <div key={key} data-testid="run-metric-chart" data-metric-key={key}>
            <h3 className={`mono ${styles.metricTitle}`}>{key}</h3>
            {metrics ? (
              <RunMetricChart metricKey={key} runs={input} folds view={settings.view} />
            ) : (
              <div className={styles.chartPlaceholder}>Loading {key}…</div>
            )}
          </div>
        ))}
      </div>
      <MetricSummaryTable summaries={run.metrics} keys={shown} />
    </div>
  );
}

function MetricSummaryTable({ summaries, keys }: { summaries: Readonly<Record<string, TMetricSummary>>; keys: readonly string[] }) {
  const rows = keys.flatMap((key) => {
    const summary = summaries[key];
    return summary ? [{ key, summary }] : [];
  });
  if (rows.length === 0) return null;
  return (
    <div className={`${tableStyles.scroll} ${styles.summaryTable}`} role="region" aria-label="Metric summary table" tabIndex={0}>
      <table className={`${tableStyles.table} ${tableStyles.compact}`} data-testid="metric-summary">
        <caption className="visually-hidden">Each metric: last value, minimum, maximum and points logged</caption>
        <thead>
          <tr>
            <th scope="col">Metric</th>
            <th scope="col" className="align-right">
              Last
            </th>
            <th scope="col" className="align-right">
              At step
            </th>
            <th scope="col" className="align-right">
              Min
            </th>
            <th scope="col" className="align-right">
              Max
            </th>
            <th scope="col" className="align-right">
              Points
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map(({ key, summary }) => {
            return (
              <tr key={key} data-metric={key}>
                <th scope="row" className={`mono ${styles.rowKey}`}>
                  {key}
                </th>
                <td className="align-right num" data-cell="last">
                  <Num value={summary.last} />
                </td>
                <td className="align-right num">{formatInteger(summary.lastStep)}</td>
                <td className="align-right num">
                  <Num value={summary.min} />
                </td>
                <td className="align-right num">
                  <Num value={summary.max} />
                </td>
                <td className="align-right num">{formatInteger(summary.count)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
