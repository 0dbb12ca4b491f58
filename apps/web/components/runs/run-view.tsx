'use client';

import type { TEvaluation, TRunArtifact, TRunDetail, TRunMetrics } from '@atelier/domain';
import Link from 'next/link';
import { EvaluationPanel } from '@/components/evaluation/evaluation-panel';
import { ElapsedTime } from '@/components/experiments/elapsed-time';
import { CompareToggle } from '@/components/trials/compare-toggle';
import { ReadError } from '@/components/ui/state-panel';
import { StatusBadge } from '@/components/ui/status-badge';
import { isRunLive, useRunLive, useUpdateRun } from './use-run-live';
import { browserApi, type ApiClient } from '@/lib/api-client';
import { formatDateTime } from '@/lib/format';
import { ParamsTable } from './params-table';
import { RunArtifacts } from './run-artifacts';
import { RunMetricsSection } from './run-metrics-section';
import { RunNotes } from './run-notes';
import { RunTags } from './run-tags';
import { LoggedFromCodeBadge } from './source-badge';
import { runLabel } from './runs-table';
import styles from './runs.module.css';
import alertStyles from '@/components/ui/alert.module.css';
import cardStyles from '@/components/ui/card.module.css';
import factsStyles from '@/components/ui/facts.module.css';

interface RunViewProps {
  run: TRunDetail;
  metrics: TRunMetrics | null;
  /** GET /runs/:id/artifacts, or the run's own list when that could not be read. */
  artifacts: readonly TRunArtifact[];
  /** GET /runs/:id/evaluations (a confusion matrix logged from code, or a trial's); none when it could not be read. */
  evaluations?: readonly TEvaluation[];
  api?: ApiClient;
}

/** One run, searched or logged: what it is, its curves, parameters, tags, notes and files; live while it goes. */
export function RunView({ run: initialRun, metrics: initialMetrics, artifacts, evaluations = [], api = browserApi }: RunViewProps) {
  const { run, metrics, error } = useRunLive({ run: initialRun, metrics: initialMetrics }, { api });
  const update = useUpdateRun(run.id, api);
  const label = runLabel(run);
  const live = isRunLive(run.status);
  return (
    <>
      <header className="page-intro">
        <div className="page-header">
          <div>
            <div className="breadcrumb">
              <Link href="/experiments">Experiments</Link> /{' '}
              <Link href={`/experiments/${encodeURIComponent(run.experimentId)}`}>{run.experimentName}</Link> / {label}
            </div>
            <div className="title-row">
              <h1 data-testid="run-name">{label}</h1>
              <StatusBadge status={run.status} />
              {run.source === 'tracked' ? (
                <LoggedFromCodeBadge />
              ) : (
                <Link className={styles.sourceBadge} href={`/trials/${encodeURIComponent(run.id)}`}>
                  search trial #{run.number}
                </Link>
              )}
            </div>
            <p className="muted">
              Run #{run.number} of {run.experimentName}
              {live ? ' · updates live' : ''}
            </p>
          </div>
          <div className="toolbar">
            <CompareToggle id={run.id} label={`${run.experimentName} · ${label}`} source={run.source} />
          </div>
        </div>
        {run.error ? (
          <div className={`${alertStyles.alert} ${alertStyles.error}`} role="alert">
            {run.error}
          </div>
        ) : null}
        {run.status === 'lost' ? (
          <div className={`${alertStyles.alert} ${alertStyles.warn}`} role="status">
            Lost: this run still says it is running, but nothing was heard from it since {formatDateTime(run.lastSeenAt)}. Its process may
            have died; if it comes back, the run goes on.
          </div>
        ) : null}
        {error ? <ReadError what="the run" message={error} stale /> : null}
        <dl className={`${factsStyles.facts} ${cardStyles.card}`}>
          <div>
            <dt>Experiment</dt>
            <dd>
              <Link href={`/experiments/${encodeURIComponent(run.experimentId)}`}>{run.experimentName}</Link>
            </dd>
          </div>
          <div>
            <dt>Created</dt>
            <dd>{formatDateTime(run.createdAt)}</dd>
          </div>
          <div>
            <dt>Duration</dt>
            <dd>
              {run.startedAt ? <ElapsedTime start={run.startedAt} end={run.finishedAt} /> : <span className="muted">not started</span>}
            </dd>
          </div>
          <div>
            <dt>Last heard</dt>
            <dd>{formatDateTime(run.lastSeenAt)}</dd>
          </div>
          {run.folds.length > 0 ? (
            <div>
              <dt>Folds</dt>
              <dd className="num">{run.folds.length}</dd>
            </div>
          ) : null}
          <div>
            <dt>Tags</dt>
            <dd>
              <RunTags tags={run.tags} />
            </dd>
          </div>
        </dl>
      </header>
      <div className="stack">
        <section className={cardStyles.card} aria-labelledby="run-metrics-title">
          <div className={cardStyles.header}>
            <h2 id="run-metrics-title">Metrics</h2>
          </div>
          <RunMetricsSection run={{ ...run, label }} metrics={metrics} />
        </section>
        {evaluations.map((evaluation) => (
          <EvaluationPanel key={evaluation.id} evaluation={evaluation} title={label} loggedFromCode={run.source === 'tracked'} />
        ))}
        <section className={cardStyles.card} aria-labelledby="run-params-title">
          <div className={cardStyles.header}>
            <h2 id="run-params-title">Parameters</h2>
          </div>
          <ParamsTable params={run.params} />
        </section>
        <section className={cardStyles.card} aria-labelledby="run-notes-title">
          <div className={cardStyles.header}>
            <h2 id="run-notes-title">Notes</h2>
          </div>
          <RunNotes
            notes={run.notes}
            save={async (notes) => {
              await update.mutateAsync({ notes });
            }}
          />
        </section>
        <section className={cardStyles.card} aria-labelledby="run-artifacts-title">
          <div className={cardStyles.header}>
            <h2 id="run-artifacts-title">Artifacts</h2>
          </div>
          <RunArtifacts runId={run.id} artifacts={artifacts.length ? artifacts : run.artifacts} />
        </section>
      </div>
    </>
  );
}
