'use client';

import type { TRunList, TRunSummary } from '@atelier/domain';
import { useCallback, useEffect, useRef, useState } from 'react';
import { browserApi, isApiError, type ApiClient } from '@/lib/api-client';
import { runsQuery, RUNS_PAGE_SIZE, type RunsTableState } from './runs-table-state';

/** While a shown run is unfinished, the rows are fetched again this often (the tab visible). */
export const RUNS_REFRESH_MS = 5000;
/** GET /runs answers at most this many runs at once. */
const MAX_LIMIT = 1000;

const LIVE_STATUSES: ReadonlySet<TRunSummary['status']> = new Set(['queued', 'running']);

export interface FilterError {
  message: string;
  position: number | null;
}

/** A 400 about the filter itself, rather than the sort, the cursor or the experiment (any list that takes the filter language). */
export function filterErrorOf(cause: unknown): FilterError | null {
  if (!isApiError(cause) || cause.status !== 400) return null;
  const about = cause.issues?.[0]?.path;
  if (about !== undefined ? about !== 'filter' : !/\bfilter\b/i.test(cause.message)) return null;
  return { message: cause.message, position: cause.position };
}

export interface RunsPage {
  runs: TRunSummary[];
  total: number | null;
  nextCursor: string | null;
  loading: boolean;
  loadingMore: boolean;
  /** The API's 400 for the filter (its message and the 0-based position): shown in the filter box, the last good rows kept. */
  filterError: FilterError | null;
  /** Any other failure. */
  error: string | null;
  loadMore: () => void;
}

/**
 * The runs of one table as the API filters and sorts them, a page at a time ("load more"
 * follows the cursor). While a shown run is still going, every row loaded so far is fetched
 * again now and then, so statuses and last values move.
 */
export function useRunsPage(
  state: RunsTableState,
  options: { experiment?: string; initial?: TRunList | null; api?: ApiClient; refreshMs?: number } = {},
): RunsPage {
  const api = options.api ?? browserApi;
  const { experiment } = options;
  const refreshMs = options.refreshMs ?? RUNS_REFRESH_MS;
  const [data, setData] = useState<{ runs: TRunSummary[]; total: number | null; nextCursor: string | null }>(() => ({
    runs: options.initial?.items ?? [],
    total: options.initial?.total ?? null,
    nextCursor: options.initial?.nextCursor ?? null,
  }));
  const [loading, setLoading] = useState(!options.initial);
  const [loadingMore, setLoadingMore] = useState(false);
  const [filterError, setFilterError] = useState<FilterError | null>(null);
  const [error, setError] = useState<string | null>(null);
  const key = JSON.stringify(runsQuery(state, { experiment }));
  // the server rendered the first page of this very query: no need to ask again
  const skipFirst = useRef(options.initial ? key : null);
  const generation = useRef(0);
  const loaded = useRef(data.runs.length);
  loaded.current = data.runs.length;

  const fail = useCallback((cause: unknown) => {
    const filter = filterErrorOf(cause);
    if (filter) setFilterError(filter);
    else setError((cause as Error).message);
  }, []);

  useEffect(() => {
    if (skipFirst.current === key) {
      skipFirst.current = null;
      return;
    }
    skipFirst.current = null;
    const mine = ++generation.current;
    setLoading(true);
    api.listRuns(JSON.parse(key)).then(
      (page) => {
        if (mine !== generation.current) return;
        setData({ runs: page.items, total: page.total, nextCursor: page.nextCursor });
        setFilterError(null);
        setError(null);
        setLoading(false);
      },
      (cause: unknown) => {
        if (mine !== generation.current) return;
        fail(cause);
        setLoading(false);
      },
    );
  }, [api, key, fail]);

  const live = data.runs.some((run) => LIVE_STATUSES.has(run.status));
  useEffect(() => {
    if (!live) return;
    const timer = setInterval(() => {
      if (typeof document !== 'undefined' && document.visibilityState === 'hidden') return;
      const mine = generation.current;
      const limit = Math.min(MAX_LIMIT, Math.max(RUNS_PAGE_SIZE, loaded.current));
      api.listRuns({ ...JSON.parse(key), limit }).then(
        (page) => {
          // a new query (or a load more) since: this answer is stale
          if (mine !== generation.current) return;
          setData({ runs: page.items, total: page.total, nextCursor: page.nextCursor });
          setError(null);
        },
        // a failed refresh keeps the rows; the next one may work
        () => undefined,
      );
    }, refreshMs);
    return () => clearInterval(timer);
  }, [api, key, live, refreshMs]);

  const loadMore = useCallback(() => {
    if (!data.nextCursor || loadingMore) return;
    const mine = ++generation.current;
    setLoadingMore(true);
    api.listRuns({ ...JSON.parse(key), cursor: data.nextCursor }).then(
      (page) => {
        if (mine !== generation.current) return;
        setData((previous) => {
          const seen = new Set(previous.runs.map((run) => run.id));
          return { runs: [...previous.runs, ...page.items.filter((run) => !seen.has(run.id))], total: page.total, nextCursor: page.nextCursor };
        });
        setLoadingMore(false);
      },
      (cause: unknown) => {
        if (mine !== generation.current) return;
        setError((cause as Error).message);
        setLoadingMore(false);
      },
    );
  }, [api, key, data.nextCursor, loadingMore]);

  return { ...data, loading, loadingMore, filterError, error, loadMore };
}
