import type { TRunList } from '@atelier/domain';
import Link from 'next/link';
import { ElapsedTime } from '@/components/experiments/elapsed-time';
import { StatusBadge } from '@/components/ui/status-badge';
import type { TTrackedExperiment } from '@/lib/api-client';
import { formatDateTime, formatInteger } from '@/lib/format';
import type { RunsTableState } from '@/lib/runs-table';
import { MarkdownText } from './markdown';
import { RunTags } from './run-tags';
import { LoggedFromCodeBadge } from './source-badge';
import { RunsTable } from './runs-table';
import styles from './runs.module.css';

interface TrackedExperimentViewProps {
  experiment: TTrackedExperiment;
  /** The first page of runs for `table`, read by the server; null: the table reads it. */
  runs: TRunList | null;
  table: RunsTableState;
}

/** An experiment whose runs were logged from code: what it is, and its runs in the runs table. */
export function TrackedExperimentView({ experiment, runs, table }: TrackedExperimentViewProps) {
  return (
    <>
      <header className="stack" style={{ gap: 16, marginBottom: 20 }}>
        <div className="page-header" style={{ marginBottom: 0 }}>
          <div>
            <div className="breadcrumb">
              <Link href="/experiments">Experiments</Link> / {experiment.name}
            </div>
            <div className="title-row">
              <h1>{experiment.name}</h1>
              <StatusBadge status={experiment.status} />
              <LoggedFromCodeBadge />
            </div>
            {experiment.description ? <p>{experiment.description}</p> : null}
          </div>
        </div>
        <dl className="facts card">
          <div>
            <dt>Runs</dt>
            <dd className="num" data-testid="header-runs">
              {formatInteger(experiment.trialCount)}
            </dd>
          </div>
          <div>
            <dt>Created</dt>
            <dd>{formatDateTime(experiment.createdAt)}</dd>
          </div>
          <div>
            <dt>Duration</dt>
            <dd>{experiment.startedAt ? <ElapsedTime start={experiment.startedAt} end={experiment.finishedAt} /> : <span className="muted">not started</span>}</dd>
          </div>
          <div>
            <dt>Tags</dt>
            <dd>
              <RunTags tags={experiment.tags} label="Experiment tags" />
            </dd>
          </div>
        </dl>
        {experiment.notes.trim() ? (
          <section className="card" aria-label="Notes">
            <MarkdownText className={`${styles.notes} ${styles.sectionBody}`}>{experiment.notes}</MarkdownText>
          </section>
        ) : null}
      </header>
      <section className="card" aria-labelledby="runs-title">
        <div className="card__header">
          <h2 id="runs-title">Runs</h2>
          <span className="muted" style={{ fontSize: '0.85rem' }}>
            Sorted and filtered by the API; tick runs to compare them, with runs of any experiment
          </span>
        </div>
        <RunsTable experimentId={experiment.id} scope={experiment.id} initialState={table} initialPage={runs} caption={`Runs of ${experiment.name}`} />
      </section>
    </>
  );
}
