'use client';

import { hyperparameterDefinition, type TSearchSpace, type TTrialRow, type TTrialTable } from '@atelier/domain';
import Link from 'next/link';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useEffect, useMemo, useState, type ReactNode } from 'react';
import { ColumnPicker } from '@/components/runs/column-picker';
import { RunFilterBox } from '@/components/runs/run-filter-box';
import runStyles from '../runs/runs.module.css';
import { CompareToggle } from '@/components/trials/compare-toggle';
import { Num } from '@/components/ui/num';
import { ProgressBar } from '@/components/ui/progress-bar';
import { LoadingNote, ReadError } from '@/components/ui/state-panel';
import { StatusBadge } from '@/components/ui/status-badge';
import { DivergedBadge, TiedBadge } from '@/components/ui/trust-badges';
import { useRunColumns } from '@/components/runs/use-run-columns';
import { filterErrorOf, type FilterError } from '@/components/runs/use-runs-page';
import { browserApi, downloadUrls, type ApiClient } from '@/lib/api-client';
import { errorMessage } from '@/lib/query-client';
import { queryKeys } from '@/lib/query-keys';
import { formatInteger } from '@/lib/format';
import { withBrushedTrials } from '@/components/charts/parallel';
import { formatParamValue } from '@/components/runs/run-values';
import { visibleColumns, type RunColumn } from '@/components/runs/runs-table-state';
import {
  defaultTrialColumn,
  hyperparameterOf,
  INITIAL_TABLE_STATE,
  nextSort,
  NUMBER_COLUMN,
  tableQuery,
  trialColumns,
  type TrialTableState,
} from './trial-table';
import { replaceQuery, writeTableState } from './trial-url-state';
import buttonStyles from '@/components/ui/button.module.css';
import fieldStyles from '@/components/ui/field.module.css';
import tableStyles from '@/components/ui/table.module.css';
import paginationStyles from '@/components/ui/pagination.module.css';

interface Props {
  experimentId: string;
  experimentName: string;
  space: TSearchSpace;
  bestTrialId: string | null;
  /** Live share of each trial's epochs, finer than the server's; by trial id. */
  progress: Readonly<Record<string, number>>;
  showRung: boolean;
  /** Folds per trial: one (holdout) has no spread to show. */
  folds: number;
  /** Trials the parallel-coordinates brush selected (null: no brush): the table shows only those. */
  brushed?: readonly number[] | null;
  /** The leaderboard's ties: trials within one standard error of the best. */
  ties?: { bestTrialNumber: number | null; tiedTrialNumbers: readonly number[] };
  /** Sort, filter and page read from the page's URL; the table keeps the URL in step. */
  initialState?: TrialTableState;
  api?: ApiClient;
}

const ORDER_WORDS = { asc: 'ascending', desc: 'descending' } as const;
const EXAMPLE = "params.learningRate < 0.01 and metrics.val_accuracy > 0.9 and attributes.status = 'completed'";
/** The picker's choices of a search's table, apart from a runs table's (its own columns differ). */
export const trialColumnsScope = (experimentId: string) => `trials:${experimentId}`;

/**
 * The trials of a search, one server page at a time (sorting, filtering and paging happen in the
 * API, so 10,000 trials cost what 25 do), with live progress from the stream on top. Filtered
 * with the runs list's filter language, a column per params and metric key of the search (the
 * runs table's picker chooses which show, per experiment), any of them sorted by the API. Pages
 * come from the query cache; the live stream invalidates them when trials change status or score.
 */
export function TrialsExplorer({
  experimentId,
  experimentName,
  space,
  bestTrialId,
  progress,
  showRung,
  folds,
  brushed = null,
  ties,
  initialState,
  api = browserApi,
}: Props) {
  const [state, setState] = useState<TrialTableState>(initialState ?? INITIAL_TABLE_STATE);
  // a reload, the back button or a shared link shows the same table
  useEffect(() => replaceQuery((params) => writeTableState(params, state)), [state]);
  const brushKey = brushed ? brushed.join(',') : null;
  const query = useMemo(
    () => withBrushedTrials(tableQuery(state), brushKey === null ? null : brushKey.split(',').filter(Boolean).map(Number)),
    [state, brushKey],
  );
  const tied = useMemo(() => new Set(ties?.tiedTrialNumbers ?? []), [ties]);
  // a new brush starts from the first page (set while rendering, so no request goes out for the old offset)
  const [brushSeen, setBrushSeen] = useState(brushKey);
  if (brushSeen !== brushKey) {
    setBrushSeen(brushKey);
    if (state.offset !== 0) setState({ ...state, offset: 0 });
  }
  const trialsPage = useQuery({
    queryKey: queryKeys.experiments.trialsPage(experimentId, query),
    queryFn: () => api.listTrials(experimentId, query),
    // the last rows stay on screen while the next page, sort or filter loads
    placeholderData: keepPreviousData,
  });
  // and when the API refuses a filter: its message shows in the box, over the last good rows
  const [page, setPage] = useState<TTrialTable | null>(trialsPage.data ?? null);
  if (trialsPage.data && trialsPage.data !== page) setPage(trialsPage.data);
  const failure = trialsPage.isFetching ? null : trialsPage.error;
  const filterError: FilterError | null = filterErrorOf(failure);
  const error = filterError ? null : errorMessage(failure);
  const loading = trialsPage.isPending || trialsPage.isPlaceholderData;

  // the columns follow the keys the search holds, not each page's object identity
  const keysKey = JSON.stringify(page?.keys ?? null);
  const columns = useMemo(() => trialColumns(JSON.parse(keysKey) as TTrialTable['keys'] | null, { showRung }), [keysKey, showRung]);
  const { choices, update } = useRunColumns(trialColumnsScope(experimentId));
  const byDefault = useMemo(() => defaultTrialColumn(space), [space]);
  const shown = useMemo(() => visibleColumns(columns, choices, byDefault), [columns, choices, byDefault]);
  const visible = useMemo(() => new Set(shown.map((c) => c.id)), [shown]);
  const groups = { attributes: 0, params: 0, metrics: 0 };
  for (const column of shown) groups[column.kind === 'attribute' ? 'attributes' : column.kind === 'param' ? 'params' : 'metrics'] += 1;

  const set = (patch: Partial<TrialTableState>) => setState((s) => ({ ...s, offset: 0, ...patch }));
  const header = (key: string, label: ReactNode, column: Pick<RunColumn, 'kind' | 'key' | 'sortField' | 'numeric'>, title?: string) => {
    const active = column.sortField !== null && state.sort === column.sortField;
    return (
      <th
        scope="col"
        key={key}
        className={column.numeric ? 'align-right' : undefined}
        aria-sort={active ? ORDER_WORDS[state.order] : undefined}
      >
        {column.sortField ? (
          <button
            type="button"
            className={tableStyles.sortButton}
            onClick={() => set(nextSort(state, column))}
            aria-pressed={active}
            title={title}
          >
            {label}
            <span aria-hidden="true">{active ? (state.order === 'asc' ? ' ↑' : ' ↓') : ' ↕'}</span>
          </button>
        ) : (
          label
        )}
      </th>
    );
  };
  const columnHeader = (column: RunColumn) => {
    if (column.kind === 'attribute') return header(column.id, column.label, column, `Sort by ${column.label}`);
    const name = column.kind === 'param' ? hyperparameterOf(column.key) : null;
    const title =
      column.kind === 'metric'
        ? `Sort by the last ${column.key} (mean of the folds)`
        : `Sort by ${name ? hyperparameterDefinition(name).label.toLowerCase() : column.key}`;
    return header(column.id, <span className={`mono ${runStyles.keyHeader}`}>{column.label}</span>, column, title);
  };
  const total = page?.total ?? 0;
  const from = total === 0 ? 0 : state.offset + 1;
  const to = Math.min(total, state.offset + state.limit);
  const sortedBy = state.sort === 'number' ? 'trial number' : (columns.find((c) => c.sortField === state.sort)?.label ?? state.sort);

  return (
    <div className={runStyles.runsTable}>
      <div className={runStyles.toolbar}>
        <RunFilterBox applied={state.filter} error={filterError} onApply={(filter) => set({ filter })} what="trials" example={EXAMPLE} />
        <div className={runStyles.toolbarEnd}>
          <ColumnPicker columns={columns} visible={visible} choices={choices} onChange={update} titles={{ attribute: 'Trial' }} />
          <button type="button" className={`${buttonStyles.button} ${buttonStyles.small}`} onClick={() => setState(INITIAL_TABLE_STATE)}>
            Reset
          </button>
          <a
            className={`${buttonStyles.button} ${buttonStyles.small}`}
            href={downloadUrls.trialsCsv(experimentId, query)}
            download
            data-testid="trials-csv"
          >
            Download CSV
          </a>
        </div>
      </div>
      {error ? <ReadError what="the trials" message={error} inset /> : null}
      <div className={tableStyles.scroll} aria-busy={loading}>
        <table
          className={`${tableStyles.table} ${tableStyles.compact}`}
          data-testid="trials-table"
          aria-busy={loading && page ? true : undefined}
        >
          <caption className="visually-hidden">
            Trials, sorted by {sortedBy}, {ORDER_WORDS[state.order]}, and filtered on the server, with live progress
          </caption>
          <thead>
            {groups.params + groups.metrics > 0 ? (
              <tr className={runStyles.groupRow}>
                <td colSpan={2 + groups.attributes} />
                {groups.params ? (
                  <th scope="colgroup" colSpan={groups.params}>
                    Parameters
                  </th>
                ) : null}
                {groups.metrics ? (
                  <th scope="colgroup" colSpan={groups.metrics}>
                    Metrics <span className={runStyles.keyHeader}>(last value, mean of the folds)</span>
                  </th>
                ) : null}
              </tr>
            ) : null}
            <tr>
              <th scope="col">
                <span className="visually-hidden">Compare</span>
              </th>
              {header('number', '#', { ...NUMBER_COLUMN, numeric: true }, 'Sort by trial number')}
              {shown.map(columnHeader)}
            </tr>
          </thead>
          <tbody>
            {page?.items.map((row) => (
              <TrialRow
                key={row.id}
                row={row}
                best={row.id === bestTrialId}
                tiedWith={tied.has(row.number) ? (ties?.bestTrialNumber ?? null) : null}
                progress={progress[row.id]}
                experimentName={experimentName}
                folds={folds}
                columns={shown}
              />
            ))}
          </tbody>
        </table>
        {page && page.items.length === 0 ? (
          <div className={runStyles.empty}>
            {filterError ? (
              <p>The filter above cannot be read, so no trials are listed: fix it, or clear it to list every trial.</p>
            ) : state.filter ? (
              <p>
                No trial matches <code className="mono">{state.filter}</code>
                {brushed ? ' among those brushed in the parallel-coordinates plot' : ''}.{' '}
                <button type="button" className={runStyles.linkButton} onClick={() => set({ filter: '' })}>
                  Clear the filter
                </button>
              </p>
            ) : (
              <p>No trial matches{brushed ? ' the parallel-coordinates brush' : ''}.</p>
            )}
          </div>
        ) : null}
        {!page && loading ? <LoadingNote>Loading trials…</LoadingNote> : null}
      </div>
      <div className={paginationStyles.pagination}>
        <span className="num" data-testid="trials-range">
          {formatInteger(from)}–{formatInteger(to)} of {formatInteger(total)} trials{state.filter ? ' matching' : ''}
        </span>
        <div className={paginationStyles.links}>
          <select
            className={`${fieldStyles.select} ${fieldStyles.autoWidth}`}
            aria-label="Rows per page"
            value={state.limit}
            onChange={(e) => set({ limit: Number(e.target.value) })}
          >
            {[10, 25, 50, 100].map((n) => (
              <option key={n} value={n}>
                {n} per page
              </option>
            ))}
          </select>
          <button
            type="button"
            className={`${buttonStyles.button} ${buttonStyles.small}`}
            disabled={state.offset === 0}
            onClick={() => setState((s) => ({ ...s, offset: Math.max(0, s.offset - s.limit) }))}
          >
            Previous
          </button>
          <button
            type="button"
            className={`${buttonStyles.button} ${buttonStyles.small}`}
            disabled={to >= total}
            onClick={() => setState((s) => ({ ...s, offset: s.offset + s.limit }))}
          >
            Next
          </button>
        </div>
      </div>
    </div>
  );
}

interface TrialRowProps {
  row: TTrialRow;
  best: boolean;
  /** The best trial's number when this one ties with it. */
  tiedWith: number | null;
  progress: number | undefined;
  experimentName: string;
  folds: number;
  columns: readonly RunColumn[];
}

function TrialRow({ row, best, tiedWith, progress, experimentName, folds, columns }: TrialRowProps) {
  return (
    <tr
      className={best ? tableStyles.best : undefined}
      data-best={best || undefined}
      aria-label={best ? `Trial ${row.number}, best trial` : undefined}
      data-trial-id={row.id}
    >
      <td>
        <CompareToggle id={row.id} label={`${experimentName} #${row.number}`} compact />
      </td>
      <td className="num">
        <Link href={`/trials/${row.id}`}>{row.number}</Link>
        {best ? (
          <span className={tableStyles.bestMarker} title="Best trial">
            ★<span className="visually-hidden"> best</span>
          </span>
        ) : null}
        {tiedWith !== null ? <TiedBadge bestNumber={tiedWith} /> : null}
      </td>
      {columns.map((column) => (
        <TrialCell key={column.id} row={row} column={column} progress={progress} folds={folds} />
      ))}
    </tr>
  );
}

function TrialCell({ row, column, progress, folds }: { row: TTrialRow; column: RunColumn; progress: number | undefined; folds: number }) {
  const numeric = column.numeric ? 'align-right num' : undefined;
  switch (column.kind) {
    case 'param': {
      const value = row.params[column.key];
      const name = hyperparameterOf(column.key);
      return (
        <td className={numeric} data-column={column.id}>
          {value === undefined ? (
            // the language reads it as missing (params.x is null); the trial trained with the hyperparameter's default
            <span
              className="muted"
              title={
                name && hyperparameterDefinition(name).default !== undefined
                  ? 'Not recorded: this trial trained with the default'
                  : 'Not recorded'
              }
            >
              —
            </span>
          ) : (
            <span className={typeof value === 'number' ? undefined : 'mono'}>{formatParamValue(value)}</span>
          )}
        </td>
      );
    }
    case 'metric':
      return (
        <td className="align-right num" data-column={column.id}>
          <Num value={row.metrics[column.key]?.last ?? null} />
        </td>
      );
    case 'attribute':
      switch (column.key) {
        case 'status':
          return (
            <td data-column={column.id}>
              <StatusBadge status={row.status} />
              <DivergedBadge reason={row.diverged} />
              {row.error ? <div className={`${fieldStyles.error} ${tableStyles.cellNote}`}>{row.error}</div> : null}
            </td>
          );
        case 'progress':
          return (
            <td data-column={column.id}>
              <ProgressBar
                value={row.status === 'completed' ? 1 : Math.max(row.progress, progress ?? 0)}
                name={`Trial ${row.number} progress`}
                tone={row.status}
              />
            </td>
          );
        case 'meanValAccuracy':
          return (
            <td className="align-right num" data-testid="cell-accuracy" data-column={column.id}>
              <Num value={row.meanValAccuracy} std={folds > 1 ? row.stdValAccuracy : null} kind="accuracy" />
            </td>
          );
        case 'meanValLoss':
          return (
            <td className="align-right num" data-column={column.id}>
              <Num value={row.meanValLoss} />
            </td>
          );
        case 'testAccuracy':
          return (
            <td className="align-right num" data-column={column.id}>
              <Num value={row.testAccuracy} kind="percent" />
            </td>
          );
        case 'rung':
          return (
            <td className="align-right num" data-column={column.id}>
              {row.rung ?? '—'}
            </td>
          );
        default:
          return (
            <td className="align-right num" data-column={column.id}>
              <Num value={row.parameterCount} kind="compact" />
            </td>
          );
      }
  }
}
