'use client';

import { hyperparameterDefinition, SEARCHABLE_HYPERPARAMETER_NAMES, TRIAL_STATUSES, type TSearchableHyperparameterName, type TSearchSpace, type TTrialRow, type TTrialSortField, type TTrialTable } from '@atelier/domain';
import Link from 'next/link';
import { useEffect, useMemo, useState } from 'react';
import { CompareToggle } from '@/components/trials/compare-toggle';
import { Num } from '@/components/ui/num';
import { ProgressBar } from '@/components/ui/progress-bar';
import { StatusBadge } from '@/components/ui/status-badge';
import { DivergedBadge, TiedBadge } from '@/components/ui/trust-badges';
import { browserApi, downloadUrls, type ApiClient } from '@/lib/api-client';
import { formatHyperparameterValue, hyperparameterColumn } from '@/lib/compare';
import { formatInteger } from '@/lib/format';
import { withBrushedTrials } from '@/lib/parallel';
import { replaceQuery, writeTableState } from '@/lib/trial-url-state';
import { CATEGORICAL_FILTER_FIELDS, INITIAL_TABLE_STATE, nextSort, RANGE_FIELDS, rangeError, tableQuery, valueOptions, type RangeField, type TrialTableState } from '@/lib/trial-table';

interface Props {
  experimentId: string;
  experimentName: string;
  space: TSearchSpace;
  bestTrialId: string | null;
  /** Live share of each trial's epochs, finer than the server's; by trial id. */
  progress: Readonly<Record<string, number>>;
  /** Changes when trials change status or score: the page is fetched again. */
  version: string;
  showRung: boolean;
  /** Folds per trial: one (holdout) has no spread to show. */
  folds: number;
  /** Trials the parallel-coordinates brush selected (null: no brush): the table shows only those. */
  brushed?: readonly number[] | null;
  /** The leaderboard's ties: trials within one standard error of the best. */
  ties?: { bestTrialNumber: number | null; tiedTrialNumbers: readonly number[] };
  /** Sort, filters and page read from the page's URL; the table keeps the URL in step. */
  initialState?: TrialTableState;
  api?: ApiClient;
}

/**
 * The hyperparameter columns: every one the space searches, in registry order; epochs also under
 * rungs, where the space leaves it out and the trial's rung sets it.
 */
function hyperparameterColumns(space: TSearchSpace): TSearchableHyperparameterName[] {
  return SEARCHABLE_HYPERPARAMETER_NAMES.filter((name) => name === 'epochs' || space[name] !== undefined);
}

/**
 * The trials of an experiment, one server page at a time (sorting, filtering and paging happen
 * in the API, so 10,000 trials cost what 25 do); live progress from the stream on top.
 */
export function TrialsExplorer({ experimentId, experimentName, space, bestTrialId, progress, version, showRung, folds, brushed = null, ties, initialState, api = browserApi }: Props) {
  const [state, setState] = useState<TrialTableState>(initialState ?? INITIAL_TABLE_STATE);
  // a reload, the back button or a shared link shows the same table
  useEffect(() => replaceQuery((params) => writeTableState(params, state)), [state]);
  const [page, setPage] = useState<TTrialTable | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const brushKey = brushed ? brushed.join(',') : null;
  const query = useMemo(() => withBrushedTrials(tableQuery(state), brushKey === null ? null : brushKey.split(',').filter(Boolean).map(Number)), [state, brushKey]);
  const tied = useMemo(() => new Set(ties?.tiedTrialNumbers ?? []), [ties]);
  // a new brush starts from the first page
  useEffect(() => setState((s) => (s.offset === 0 ? s : { ...s, offset: 0 })), [brushKey]);
  const queryKey = JSON.stringify(query);
  const options = valueOptions(space);
  const columns = useMemo(() => hyperparameterColumns(space), [space]);

  useEffect(() => {
    let current = true;
    setLoading(true);
    // a short pause lets a burst of live events (or keystrokes) become one request
    const timer = setTimeout(() => {
      api.listTrials(experimentId, JSON.parse(queryKey)).then(
        (data) => {
          if (!current) return;
          setPage(data);
          setError(null);
          setLoading(false);
        },
        (cause: unknown) => {
          if (!current) return;
          setError((cause as Error).message);
          setLoading(false);
        },
      );
    }, 250);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [api, experimentId, queryKey, version]);

  const set = (patch: Partial<TrialTableState>) => setState((s) => ({ ...s, offset: 0, ...patch }));
  const sortBy = (field: TTrialSortField) => set(nextSort(state, field));
  const header = (field: TTrialSortField, label: string, numeric: boolean) => (
    <th
      scope="col"
      key={field}
      className={numeric ? 'align-right' : undefined}
      aria-sort={state.sort === field ? (state.order === 'asc' ? 'ascending' : 'descending') : undefined}
    >
      <button type="button" className="sort-button" onClick={() => sortBy(field)} aria-pressed={state.sort === field}>
        {label}
        <span aria-hidden="true">{state.sort === field ? (state.order === 'asc' ? ' ↑' : ' ↓') : ' ↕'}</span>
      </button>
    </th>
  );
  const total = page?.total ?? 0;
  const from = total === 0 ? 0 : state.offset + 1;
  const to = Math.min(total, state.offset + state.limit);
  const invalidRange = rangeError(state);

  return (
    <div>
      <div className="filter-bar" role="search" aria-label="Filter trials">
        <div className="field">
          <label htmlFor="filter-status" className="field__label">
            Status
          </label>
          <select id="filter-status" className="select" value={state.values.status ?? ''} onChange={(e) => set({ values: { ...state.values, status: e.target.value } })}>
            <option value="">any</option>
            {TRIAL_STATUSES.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </div>
        {CATEGORICAL_FILTER_FIELDS.map((field) =>
          options[field].length > 1 ? (
            <div className="field" key={field}>
              <label htmlFor={`filter-${field}`} className="field__label">
                {hyperparameterDefinition(field).label}
              </label>
              <select id={`filter-${field}`} className="select" value={state.values[field] ?? ''} onChange={(e) => set({ values: { ...state.values, [field]: e.target.value } })}>
                <option value="">any</option>
                {options[field].map((v) => (
                  <option key={v} value={v}>
                    {v}
                  </option>
                ))}
              </select>
            </div>
          ) : null,
        )}
        <div className="field">
          <label htmlFor="filter-range-field" className="field__label">
            Range
          </label>
          <div className="range-inputs">
            <select
              id="filter-range-field"
              className="select"
              value={state.range.field}
              onChange={(e) => set({ range: { ...state.range, field: e.target.value as RangeField } })}
              style={{ width: 'auto' }}
            >
              {RANGE_FIELDS.map(([field, label]) => (
                <option key={field} value={field}>
                  {label}
                </option>
              ))}
            </select>
            <input className="input" aria-label="Minimum" placeholder="min" value={state.range.min} onChange={(e) => set({ range: { ...state.range, min: e.target.value } })} />
            <span aria-hidden="true">–</span>
            <input className="input" aria-label="Maximum" placeholder="max" value={state.range.max} onChange={(e) => set({ range: { ...state.range, max: e.target.value } })} />
          </div>
          {invalidRange ? <span className="field__error">{invalidRange}</span> : null}
        </div>
        <div className="toolbar" style={{ marginLeft: 'auto' }}>
          <button type="button" className="button button--small" onClick={() => setState(INITIAL_TABLE_STATE)}>
            Reset
          </button>
          <a className="button button--small" href={downloadUrls.trialsCsv(experimentId, query)} download data-testid="trials-csv">
            Download CSV
          </a>
        </div>
      </div>
      {error ? (
        <div className="alert alert--error" role="alert" style={{ margin: 12 }}>
          Could not load the trials: {error}
        </div>
      ) : null}
      <div className="table-scroll" aria-busy={loading}>
        <table className="table table--compact" data-testid="trials-table" style={{ opacity: loading && page ? 0.6 : 1 }}>
          <caption className="visually-hidden">Trials, sorted and filtered on the server, with live progress</caption>
          <thead>
            <tr>
              <th scope="col">
                <span className="visually-hidden">Compare</span>
              </th>
              {header('number', '#', true)}
              {columns.map((name) => {
                const column = hyperparameterColumn(name);
                return header(name, column.header, column.numeric);
              })}
              {header('status', 'Status', false)}
              <th scope="col">Progress</th>
              {header('meanValAccuracy', 'Mean val. acc. ± std', true)}
              {header('meanValLoss', 'Val. loss', true)}
              {header('testAccuracy', 'Test acc.', true)}
              {showRung ? header('rung', 'Rung', true) : null}
              {header('parameterCount', 'Params', true)}
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
                showRung={showRung}
                folds={folds}
                columns={columns}
              />
            ))}
          </tbody>
        </table>
        {page && page.items.length === 0 ? <p className="muted" style={{ padding: '12px 18px', margin: 0 }}>No trial matches these filters.</p> : null}
        {!page && loading ? <p className="muted" style={{ padding: '12px 18px', margin: 0 }}>Loading trials…</p> : null}
      </div>
      <div className="pagination">
        <span className="num" data-testid="trials-range">
          {formatInteger(from)}–{formatInteger(to)} of {formatInteger(total)} trials
        </span>
        <div className="pagination__links">
          <select className="select" aria-label="Rows per page" value={state.limit} onChange={(e) => set({ limit: Number(e.target.value) })} style={{ width: 'auto' }}>
            {[10, 25, 50, 100].map((n) => (
              <option key={n} value={n}>
                {n} per page
              </option>
            ))}
          </select>
          <button type="button" className="button button--small" disabled={state.offset === 0} onClick={() => setState((s) => ({ ...s, offset: Math.max(0, s.offset - s.limit) }))}>
            Previous
          </button>
          <button type="button" className="button button--small" disabled={to >= total} onClick={() => setState((s) => ({ ...s, offset: s.offset + s.limit }))}>
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
  showRung: boolean;
  folds: number;
  columns: readonly TSearchableHyperparameterName[];
}

function TrialRow({ row, best, tiedWith, progress, experimentName, showRung, folds, columns }: TrialRowProps) {
  const hp = row.hyperparameters;
  return (
    <tr className={best ? 'row--best' : undefined} aria-label={best ? `Trial ${row.number}, best trial` : undefined} data-trial-id={row.id}>
      <td>
        <CompareToggle id={row.id} label={`${experimentName} #${row.number}`} compact />
      </td>
      <td className="num">
        <Link href={`/trials/${row.id}`}>{row.number}</Link>
        {best ? (
          <span className="best-marker" title="Best trial">
            ★<span className="visually-hidden"> best</span>
          </span>
        ) : null}
        {tiedWith !== null ? <TiedBadge bestNumber={tiedWith} /> : null}
      </td>
      {columns.map((name) => (
        <td key={name} className={name === 'architecture' ? 'mono' : hyperparameterColumn(name).numeric ? 'align-right num' : undefined}>
          {formatHyperparameterValue(name, hp[name])}
        </td>
      ))}
      <td>
        <StatusBadge status={row.status} />
        <DivergedBadge reason={row.diverged} />
        {row.error ? (
          <div className="field__error" style={{ maxWidth: 220 }}>
            {row.error}
          </div>
        ) : null}
      </td>
      <td>
        <ProgressBar value={row.status === 'completed' ? 1 : Math.max(row.progress, progress ?? 0)} name={`Trial ${row.number} progress`} tone={row.status} />
      </td>
      <td className="align-right num" data-testid="cell-accuracy">
        <Num value={row.meanValAccuracy} std={folds > 1 ? row.stdValAccuracy : null} kind="accuracy" />
      </td>
      <td className="align-right num"><Num value={row.meanValLoss} /></td>
      <td className="align-right num"><Num value={row.testAccuracy} kind="percent" /></td>
      {showRung ? <td className="align-right num">{row.rung ?? '—'}</td> : null}
      <td className="align-right num"><Num value={row.parameterCount} kind="compact" /></td>
    </tr>
  );
}
