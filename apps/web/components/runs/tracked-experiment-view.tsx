'use client';

import {
  RUN_DISPLAY_STATUSES,
  type TAnyExperimentDetail,
  type TRunList,
  type TTrackedExperimentDetail,
  type TUpdateExperimentRequest,
} from '@atelier/domain';
import Link from 'next/link';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ElapsedTime } from '@/components/experiments/elapsed-time';
import { LifecycleActions } from '@/components/lifecycle/lifecycle-actions';
import { StatusBadge } from '@/components/ui/status-badge';
import { browserApi, type ApiClient } from '@/lib/api-client';
import { queryKeys } from '@/lib/query-keys';
import { formatDateTime, formatInteger } from '@/lib/format';
import type { RunsTableState } from './runs-table-state';
import { RunNotes } from './run-notes';
import { LoggedFromCodeBadge } from './source-badge';
import { RunsTable } from './runs-table';
import { TagsEditor } from './tags-editor';
import alertStyles from '@/components/ui/alert.module.css';
import cardStyles from '@/components/ui/card.module.css';
import factsStyles from '@/components/ui/facts.module.css';

interface TrackedExperimentViewProps {
  experiment: TTrackedExperimentDetail;
  /** The first page of runs for `table`, read by the server; null: the table reads it. */
  runs: TRunList | null;
  table: RunsTableState;
  api?: ApiClient;
}

/** "1 running · 2 completed · 1 lost": the runs per status shown, in lifecycle order, the empty ones left out. */
export function describeRunCounts(counts: TTrackedExperimentDetail['runCounts']): string {
  const parts = RUN_DISPLAY_STATUSES.filter((status) => counts[status] > 0).map((status) => `${formatInteger(counts[status])} ${status}`);
  return parts.length > 0 ? parts.join(' · ') : 'no runs yet';
}

/** The answer of PATCH /experiments/:id for this page: a tracked experiment, as it was asked about. */
function asTracked(experiment: TAnyExperimentDetail): TTrackedExperimentDetail {
  if (experiment.kind !== 'tracked') throw new Error(`the API answered a search for experiment ${experiment.id}`);
  return experiment;
}

/**
 * An experiment whose runs were logged from code: what it is (its status follows its runs), its
 * tags and notes, edited in place (PATCH /experiments/:id: the answer replaces the cached
 * experiment, and the experiments lists are read again), and its runs in the runs table.
 */
export function TrackedExperimentView({ experiment: initial, runs, table, api = browserApi }: TrackedExperimentViewProps) {
  const client = useQueryClient();
  const key = queryKeys.experiments.tracked(initial.id);
  const { data: experiment } = useQuery({
    queryKey: key,
    queryFn: async () => asTracked(await api.getExperiment(initial.id)),
    initialData: initial,
  });
  const mutation = useMutation({
    mutationFn: async (patch: TUpdateExperimentRequest) => asTracked(await api.updateExperiment(initial.id, patch)),
    onSuccess: async (updated) => {
      await client.cancelQueries({ queryKey: key, exact: true });
      client.setQueryData(key, updated);
      void client.invalidateQueries({ queryKey: queryKeys.experiments.lists() });
    },
  });
  const update = async (patch: TUpdateExperimentRequest) => {
    await mutation.mutateAsync(patch);
  };
  const lost = experiment.runCounts.lost;
  return (
    <>
      <header className="page-intro">
        <div className="page-header">
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
          <LifecycleActions kind="experiment" id={experiment.id} name={experiment.name} archivedAt={experiment.archivedAt} />
        </div>
        {lost > 0 ? (
          <div className={`${alertStyles.alert} ${alertStyles.warn}`} role="status" data-testid="lost-runs">
            {lost === 1 ? '1 run went' : `${formatInteger(lost)} runs went`} silent: it still says it is running, but nothing was heard from
            it for a while, so it does not count as running. If it logs again, it does.
          </div>
        ) : null}
        <dl className={`${factsStyles.facts} ${cardStyles.card}`}>
          <div>
            <dt>Runs</dt>
            <dd className="num" data-testid="header-runs">
              {formatInteger(experiment.trialCount)}
            </dd>
          </div>
          <div>
            <dt>By status</dt>
            <dd data-testid="header-run-counts">{describeRunCounts(experiment.runCounts)}</dd>
          </div>
          <div>
            <dt>Created</dt>
            <dd>{formatDateTime(experiment.createdAt)}</dd>
          </div>
          <div>
            <dt>Duration</dt>
            <dd>
              {experiment.startedAt ? (
                <ElapsedTime start={experiment.startedAt} end={experiment.finishedAt} />
              ) : (
                <span className="muted">not started</span>
              )}
            </dd>
          </div>
          <div>
            <dt>Last heard</dt>
            <dd>{experiment.lastSeenAt ? formatDateTime(experiment.lastSeenAt) : <span className="muted">never</span>}</dd>
          </div>
        </dl>
      </header>
      <div className="stack">
        <section className={cardStyles.card} aria-labelledby="experiment-tags-title">
          <div className={cardStyles.header}>
            <h2 id="experiment-tags-title">Tags</h2>
          </div>
          <TagsEditor tags={experiment.tags} label="Experiment tags" save={(tags) => update({ tags })} />
        </section>
        <section className={cardStyles.card} aria-labelledby="experiment-notes-title">
          <div className={cardStyles.header}>
            <h2 id="experiment-notes-title">Notes</h2>
          </div>
          <RunNotes notes={experiment.notes} save={(notes) => update({ notes })} />
        </section>
        <section className={cardStyles.card} aria-labelledby="runs-title">
          <div className={cardStyles.header}>
            <h2 id="runs-title">Runs</h2>
            <span className={cardStyles.note}>Sorted and filtered by the API; tick runs to compare them, with runs of any experiment</span>
          </div>
          <RunsTable
            experimentId={experiment.id}
            scope={experiment.id}
            initialState={table}
            initialPage={runs}
            caption={`Runs of ${experiment.name}`}
          />
        </section>
      </div>
    </>
  );
}
