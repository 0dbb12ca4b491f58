'use client';

import type { TComparedTrial, TEvaluationSummary, TRunDetail } from '@atelier/domain';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useEffect, useMemo, useState } from 'react';
import { ChartControls } from '@/components/charts/chart-controls';
import { RunMetricChart } from '@/components/charts/run-metric-chart';
import { trialColor } from '@/components/charts/trial-colors';
import {
  EvaluationComparison,
  loggedRunEvaluations,
  trialEvaluations,
  type TComparedEvaluations,
} from '@/components/compare/evaluation-comparison';
import { Num } from '@/components/ui/num';
import { ReadError } from '@/components/ui/state-panel';
import { StatusBadge } from '@/components/ui/status-badge';
import { useChartSettings } from '@/components/charts/use-chart-settings';
import { useRunsMetrics } from './use-runs-metrics';
import type { ApiClient } from '@/lib/api-client';
import { defaultMetricKeys, metricKeysOf, paramDiff, runLegendLabels, runsCompareUrl } from './run-compare';
import { RUN_X_AXIS_OPTIONS } from './run-curves';
import { formatParamValue } from './run-values';
import { replaceQuery } from '@/components/experiments/trial-url-state';
import { LoggedFromCodeBadge } from './source-badge';
import styles from './runs.module.css';
import buttonStyles from '@/components/ui/button.module.css';
import cardStyles from '@/components/ui/card.module.css';
import tableStyles from '@/components/ui/table.module.css';
import swatchStyles from '@/components/ui/swatch.module.css';

interface RunsCompareViewProps {
  runs: readonly TRunDetail[];
  /** The runs that are trials of searches, as GET /compare gives them (their evaluations); empty when none is. */
  trials: readonly TComparedTrial[];
  /** The evaluations each run logged from code logged (GET /runs/{id}/evaluations), by run id. */
  loggedEvaluations?: Readonly<Record<string, readonly TEvaluationSummary[]>>;
  /** Metric keys the URL asks for; null: the defaults. */
  initialKeys: readonly string[] | null;
  api?: ApiClient;
}

/**
 * Any runs side by side, from any experiments, searched or logged: chosen metric keys overlaid
 * per run, each key's last value, the parameters over the union of their keys (differences
 * highlighted, missing ones as —), and the confusion matrices of those that have them.
 */
export function RunsCompareView({ runs, trials, loggedEvaluations = {}, initialKeys, api }: RunsCompareViewProps) {
  const router = useRouter();
  const labels = useMemo(() => runLegendLabels(runs), [runs]);
  const colors = runs.map((_, index) => trialColor(index + 1));
  const allKeys = useMemo(() => metricKeysOf(runs), [runs]);
  const [keys, setKeys] = useState<readonly string[]>(() => initialKeys ?? defaultMetricKeys(runs));
  useEffect(
    () =>
      replaceQuery((params) => {
        params.delete('keys');
        if (keys.length) params.set('keys', keys.join(','));
      }),
    [keys],
  );
  const metrics = useRunsMetrics(
    runs.map((run) => run.id),
    keys,
    { api },
  );
  const settings = useChartSettings('runs-compare');
  const [onlyDifferences, setOnlyDifferences] = useState(false);
  const diff = useMemo(() => paramDiff(runs), [runs]);
  const shownDiff = onlyDifferences ? diff.filter((row) => row.differs) : diff;
  const differing = diff.filter((row) => row.differs).length;
  // one entry per run that has, or could have, an evaluation, in the runs' order: a trial with
  // its evaluations, a logged run with the matrices it logged; a run with neither is left out
  const evaluated = useMemo(
    () =>
      runs.flatMap((run, index): { index: number; entry: TComparedEvaluations }[] => {
        const trial = trials.find((t) => t.id === run.id);
        if (trial) return [{ index, entry: trialEvaluations(trial) }];
        const logged = loggedEvaluations[run.id];
        return logged?.length ? [{ index, entry: loggedRunEvaluations(run.id, labels[index] ?? run.id, logged) }] : [];
      }),
    [runs, trials, loggedEvaluations, labels],
  );
  const remove = (id: string) =>
    router.push(
      runsCompareUrl(
        runs.filter((run) => run.id !== id).map((run) => run.id),
        keys,
      ),
    );
  const toggleKey = (key: string, on: boolean) =>
    setKeys((current) => (on ? allKeys.filter((k) => k === key || current.includes(k)) : current.filter((k) => k !== key)));

  return (
    <div className="stack">
      <section className={cardStyles.card} aria-labelledby="compared-runs-title">
        <div className={cardStyles.header}>
          <h2 id="compared-runs-title">Runs</h2>
        </div>
        <ul className={styles.runList}>
          {runs.map((run, index) => (
            <li key={run.id} data-testid="compared-run">
              <span className={swatchStyles.swatch} style={{ background: colors[index] }} aria-hidden="true" />
              <Link href={`/runs/${encodeURIComponent(run.id)}`} className={tableStyles.name}>
                {labels[index]}
              </Link>
              <StatusBadge status={run.status} />
              {run.source === 'tracked' ? <LoggedFromCodeBadge /> : <span className="muted">search trial #{run.number}</span>}
              {runs.length > 1 ? (
                <button
                  type="button"
                  className={`${buttonStyles.button} ${buttonStyles.small}`}
                  onClick={() => remove(run.id)}
                  aria-label={`Remove ${labels[index]}`}
                >
                  Remove
                </button>
              ) : null}
            </li>
          ))}
        </ul>
      </section>

      <section className={cardStyles.card} aria-labelledby="compare-metrics-title">
        <div className={cardStyles.header}>
          <h2 id="compare-metrics-title">Metrics</h2>
          <span className={cardStyles.note}>A line per run; a trial of a search draws one per fold</span>
        </div>
        <div className={cardStyles.body}>
          {allKeys.length === 0 ? (
            <p className="muted">None of these runs has logged a metric yet.</p>
          ) : (
            <>
              <fieldset className={styles.keyPicker}>
                <legend>Metrics to plot</legend>
                {allKeys.map((key) => (
                  <label key={key}>
                    <input type="checkbox" checked={keys.includes(key)} onChange={(e) => toggleKey(key, e.target.checked)} />
                    <span className="mono">{key}</span>
                  </label>
                ))}
              </fieldset>
              <ChartControls state={settings} label="Metrics" xAxisLabels={RUN_X_AXIS_OPTIONS} />
              {metrics.error ? <ReadError what="some curves" message={metrics.error} /> : null}
              <div className="charts" aria-busy={metrics.loading}>
                {keys.map((key) => (
                  <div key={key} data-testid="compare-metric-chart" data-metric-key={key}>
                    <h3 className={`mono ${styles.metricTitle}`}>{key}</h3>
                    <RunMetricChart
                      metricKey={key}
                      runs={runs.map((run, index) => ({
                        id: run.id,
                        label: labels[index] ?? run.id,
                        color: colors[index] ?? trialColor(index + 1),
                        startedAt: run.startedAt,
                        series: metrics.series[run.id] ?? [],
                      }))}
                      view={settings.view}
                    />
                  </div>
                ))}
              </div>
              {keys.length === 0 ? <p className="muted">Tick a metric above to plot it.</p> : null}
            </>
          )}
        </div>
        {allKeys.length > 0 ? (
          <div className={tableStyles.scroll} role="region" aria-label="Last values table" tabIndex={0}>
            <table className={`${tableStyles.table} ${tableStyles.compact}`} data-testid="compare-metric-summary">
              <caption className="visually-hidden">The last value of every metric, per run</caption>
              <thead>
                <tr>
                  <th scope="col">Metric (last value)</th>
                  {runs.map((run, index) => (
                    <th scope="col" key={run.id} className="align-right">
                      {labels[index]}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {allKeys.map((key) => (
                  <tr key={key}>
                    <th scope="row" className={`mono ${styles.rowKey}`}>
                      {key}
                    </th>
                    {runs.map((run) => (
                      <td key={run.id} className="align-right num">
                        {run.metrics[key] ? <Num value={run.metrics[key].last} /> : <span className={styles.missing}>—</span>}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : null}
      </section>

      <section className={cardStyles.card} aria-labelledby="compare-params-title">
        <div className={cardStyles.header}>
          <h2 id="compare-params-title">Parameters</h2>
          <label className={styles.inlineCheck}>
            <input type="checkbox" checked={onlyDifferences} onChange={(e) => setOnlyDifferences(e.target.checked)} />
            Only the {differing} that differ
          </label>
        </div>
        {diff.length === 0 ? (
          <p className={cardStyles.message}>None of these runs logged a parameter.</p>
        ) : (
          <div className={tableStyles.scroll} role="region" aria-label="Parameter differences table" tabIndex={0}>
            <table className={`${tableStyles.table} ${tableStyles.compact} diff-table`} data-testid="param-diff">
              <caption className="visually-hidden">
                Parameters of the compared runs over every key any of them has; differing rows are highlighted, a missing value is a dash
              </caption>
              <thead>
                <tr>
                  <th scope="col">Parameter</th>
                  {runs.map((run, index) => (
                    <th scope="col" key={run.id}>
                      <span
                        className={`${swatchStyles.swatch} ${styles.swatchGap}`}
                        style={{ background: colors[index] }}
                        aria-hidden="true"
                      />
                      {labels[index]}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {shownDiff.map((row) => (
                  <tr
                    key={row.key}
                    className={row.differs ? tableStyles.differs : undefined}
                    data-differs={row.differs || undefined}
                    data-param={row.key}
                  >
                    <th scope="row" className="mono">
                      {row.key}
                      {row.differs ? <span className="visually-hidden"> (differs)</span> : null}
                    </th>
                    {row.values.map((value, index) => (
                      <td
                        key={runs[index]?.id ?? index}
                        className={value === undefined ? styles.missing : typeof value === 'number' ? 'num' : 'mono'}
                      >
                        {formatParamValue(value)}
                        {value === undefined ? <span className="visually-hidden"> (not set)</span> : null}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      {evaluated.length > 0 ? (
        <EvaluationComparison
          entries={evaluated.map((e) => e.entry)}
          labels={evaluated.map((e) => labels[e.index] ?? '')}
          colors={evaluated.map((e) => colors[e.index] ?? trialColor(1))}
          noun="run"
        />
      ) : null}
      {evaluated.length < runs.length ? (
        <p className="muted" data-testid="no-evaluation-note">
          {evaluated.length === 0 ? 'No confusion matrices: ' : 'Not every run has a confusion matrix: '}a search trial gets one when its
          folds finish, and a run logged from code when its script calls run.logConfusionMatrix.
        </p>
      ) : null}
    </div>
  );
}
