'use client';

import type { TRunList, TRunSummary } from '@atelier/domain';
import Link from 'next/link';
import { useEffect, useMemo, useState, type ReactNode } from 'react';
import { CompareToggle } from '@/components/trials/compare-toggle';
import { Num } from '@/components/ui/num';
import { LoadingNote, ReadError } from '@/components/ui/state-panel';
import { StatusBadge } from '@/components/ui/status-badge';
import { useRunColumns } from './use-run-columns';
import { useRunsPage } from './use-runs-page';
import type { ApiClient } from '@/lib/api-client';
import { formatDateTime, formatInteger } from '@/lib/format';
import { formatParamValue } from './run-values';
import {
  discoverColumns,
  INITIAL_RUNS_STATE,
  NAME_SORT_FIELD,
  nextRunSort,
  visibleColumns,
  writeRunsState,
  type RunColumn,
  type RunsTableState,
} from './runs-table-state';
import { replaceQuery } from '@/components/experiments/trial-url-state';
import { ColumnPicker } from './column-picker';
import { RunFilterBox } from './run-filter-box';
import styles from './runs.module.css';
import buttonStyles from '@/components/ui/button.module.css';
import tableStyles from '@/components/ui/table.module.css';
import paginationStyles from '@/components/ui/pagination.module.css';

export interface RunsTableProps {
  /** Only this experiment's runs (GET /runs?experiment=); every run when absent. */
  experimentId?: string;
  /** Where the column picker's choices are kept: one set per experiment. */
  scope: string;
  /** Filter and sort read from the page's URL; the table keeps the URL in step. */
  initialState?: RunsTableState;
  /** The first page, loaded by the server for `initialState`. */
  initialPage?: TRunList | null;
  /** Name of what the table lists, for its caption ("Runs of notebook runs"). */
  caption: string;
  api?: ApiClient;
}

const ORDER_WORDS = { asc: 'ascending', desc: 'descending' } as const;

/** A run's name in the table: its own, else its number. */
export const runLabel = (run: Pick<TRunSummary, 'name' | 'number'>) => run.name ?? `#${run.number}`;

/**
 * The one table of runs: a column per parameter and metric key on the loaded rows (the picker
 * chooses which show, per experiment), sorted by a click on a header and filtered with the
 * filter language, both by the API; "Load more" follows the cursor. Any list of runs (a logged
 * experiment, later a search's trials) renders through it.
 */
export function RunsTable({ experimentId, scope, initialState = INITIAL_RUNS_STATE, initialPage = null, caption, api }: RunsTableProps) {
  const [state, setState] = useState<RunsTableState>(initialState);
  useEffect(() => replaceQuery((params) => writeRunsState(params, state)), [state]);
  const page = useRunsPage(state, { experiment: experimentId, initial: initialPage, api });
  const columns = useMemo(() => discoverColumns(page.runs), [page.runs]);
  const { choices, update } = useRunColumns(scope);
  const shown = useMemo(() => visibleColumns(columns, choices), [columns, choices]);
  const visible = useMemo(() => new Set(shown.map((c) => c.id)), [shown]);
  // the header row above the keys says which are parameters and which metrics (shown in that order)
  const groups = { attributes: 0, params: 0, metrics: 0 };
  for (const column of shown) groups[column.kind === 'attribute' ? 'attributes' : column.kind === 'param' ? 'params' : 'metrics'] += 1;

  const sortHeader = (key: string, label: ReactNode, field: string | null, onSort: () => void, numeric: boolean, title?: string) => {
    const direction = field !== null && state.sort?.field === field ? state.sort.direction : null;
    const active = direction !== null;
    return (
      <th scope="col" key={key} className={numeric ? 'align-right' : undefined} aria-sort={direction ? ORDER_WORDS[direction] : undefined}>
        {field ? (
          <button type="button" className={tableStyles.sortButton} onClick={onSort} aria-pressed={active} title={title}>
            {label}
            <span aria-hidden="true">{direction ? (direction === 'asc' ? ' ↑' : ' ↓') : ' ↕'}</span>
          </button>
        ) : (
          label
        )}
      </th>
    );
  };
  const columnHeader = (column: RunColumn) =>
    sortHeader(
      column.id,
      column.kind === 'attribute' ? column.label : <span className={`mono ${styles.keyHeader}`}>{column.label}</span>,
      column.sortField,
      () => setState((s) => ({ ...s, sort: nextRunSort(s.sort, column) })),
      column.numeric,
      column.kind === 'metric' ? `Sort by the last ${column.key} logged` : `Sort by ${column.label}`,
    );

  const filtered = state.filter !== '';
  const count = page.runs.length;
  return (
    <div className={styles.runsTable}>
      <div className={styles.toolbar}>
        <RunFilterBox applied={state.filter} error={page.filterError} onApply={(filter) => setState((s) => ({ ...s, filter }))} />
        <div className={styles.toolbarEnd}>
          <ColumnPicker columns={columns} visible={visible} choices={choices} onChange={update} />
          {state.sort ? (
            <button
              type="button"
              className={`${buttonStyles.button} ${buttonStyles.small}`}
              onClick={() => setState((s) => ({ ...s, sort: null }))}
            >
              Newest first
            </button>
          ) : null}
        </div>
      </div>
      {page.error ? <ReadError what="the runs" message={page.error} inset /> : null}
      <div className={tableStyles.scroll} aria-busy={page.loading}>
        <table
          className={`${tableStyles.table} ${tableStyles.compact}`}
          data-testid="runs-table"
          aria-busy={page.loading && count ? true : undefined}
        >
          <caption className="visually-hidden">
            {caption}
            {state.sort ? `, sorted by ${state.sort.field}, ${ORDER_WORDS[state.sort.direction]}` : ', newest first'}
          </caption>
          <thead>
            {groups.params + groups.metrics > 0 ? (
              <tr className={styles.groupRow}>
                <td colSpan={2 + groups.attributes} />
                {groups.params ? (
                  <th scope="colgroup" colSpan={groups.params}>
                    Parameters
                  </th>
                ) : null}
                {groups.metrics ? (
                  <th scope="colgroup" colSpan={groups.metrics}>
                    Metrics <span className={styles.keyHeader}>(last value)</span>
                  </th>
                ) : null}
              </tr>
            ) : null}
            <tr>
              <th scope="col">
                <span className="visually-hidden">Compare</span>
              </th>
              {sortHeader(
                'name',
                'Run',
                NAME_SORT_FIELD,
                () =>
                  setState((s) => ({ ...s, sort: nextRunSort(s.sort, { kind: 'attribute', key: 'name', sortField: NAME_SORT_FIELD }) })),
                false,
              )}
              {shown.map(columnHeader)}
            </tr>
          </thead>
          <tbody>
            {page.runs.map((run) => (
              <RunRow key={run.id} run={run} columns={shown} />
            ))}
          </tbody>
        </table>
        {!page.loading && count === 0 && !page.error ? (
          <div className={styles.empty}>
            {page.filterError ? (
              <p>The filter above cannot be read, so no runs are listed: fix it, or clear it to list every run.</p>
            ) : filtered ? (
              <p>
                No run matches <code className="mono">{state.filter}</code>.{' '}
                <button type="button" className={styles.linkButton} onClick={() => setState((s) => ({ ...s, filter: '' }))}>
                  Clear the filter
                </button>
              </p>
            ) : (
              <p>No runs yet. Runs logged from code (POST /runs) appear here as they start.</p>
            )}
          </div>
        ) : null}
        {page.loading && count === 0 ? <LoadingNote>Loading runs…</LoadingNote> : null}
      </div>
      <div className={paginationStyles.pagination}>
        <span className="num" data-testid="runs-count">
          {page.total === null
            ? ''
            : `${formatInteger(count)} of ${formatInteger(page.total)}${page.totalIsLowerBound ? '+' : ''} ${page.total === 1 && !page.totalIsLowerBound ? 'run' : 'runs'}${filtered ? ' matching' : ''}`}
        </span>
        {page.nextCursor ? (
          <button
            type="button"
            className={`${buttonStyles.button} ${buttonStyles.small}`}
            onClick={page.loadMore}
            disabled={page.loadingMore}
          >
            {page.loadingMore ? 'Loading…' : 'Load more'}
          </button>
        ) : null}
      </div>
    </div>
  );
}

function RunRow({ run, columns }: { run: TRunSummary; columns: readonly RunColumn[] }) {
  const label = runLabel(run);
  return (
    <tr data-run-id={run.id}>
      <td>
        <CompareToggle id={run.id} label={`${run.experimentName} · ${label}`} source={run.source} compact />
      </td>
      <td>
        <Link href={`/runs/${encodeURIComponent(run.id)}`} className={tableStyles.name} data-testid="run-link">
          {label}
        </Link>
        {run.name ? <span className="muted num"> #{run.number}</span> : null}
      </td>
      {columns.map((column) => (
        <td key={column.id} className={column.numeric ? 'align-right num' : undefined} data-column={column.id}>
          <RunCell run={run} column={column} />
        </td>
      ))}
    </tr>
  );
}

function RunCell({ run, column }: { run: TRunSummary; column: RunColumn }) {
  switch (column.kind) {
    case 'attribute':
      return column.key === 'status' ? (
        <StatusBadge status={run.status} />
      ) : (
        <span className="muted num">{formatDateTime(run.createdAt)}</span>
      );
    case 'param': {
      const value = run.params[column.key];
      if (value === undefined) return <span className="muted">—</span>;
      return <span className={typeof value === 'number' ? undefined : 'mono'}>{formatParamValue(value)}</span>;
    }
    case 'metric': {
      const summary = run.metrics[column.key];
      if (!summary) return <span className="muted">—</span>;
      return <Num value={summary.last} />;
    }
  }
}
