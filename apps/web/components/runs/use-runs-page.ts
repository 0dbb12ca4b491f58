'use client';

import type { TRunList, TRunSummary } from '@atelier/domain';
import { keepPreviousData, useInfiniteQuery, type InfiniteData } from '@tanstack/react-query';
import { useState } from 'react';
import { browserApi, isApiError, type ApiClient } from '@/lib/api-client';
import { errorMessage } from '@/lib/query-client';
import { queryKeys } from '@/lib/query-keys';
import { runsQuery, type RunsTableState } from './runs-table-state';

/** While a shown run is unfinished, the rows are fetched again this often (the tab visible). */
export const RUNS_REFRESH_MS = 5000;
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
  /** More runs match than `total`: the API stopped counting there (shown as "10,000+"). */
  totalIsLowerBound: boolean;
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
 * The runs of one table as the API filters and sorts them, from the query cache: one entry per
 * query, holding the pages "load more" read (following the cursor). While a shown run is still
 * going, every page loaded so far is read again now and then, so statuses and last values move.
 * The first page the server read for the URL's query is the entry's initial data.
 */
export function useRunsPage(
  state: RunsTableState,
  options: { experiment?: string; initial?: TRunList | null; api?: ApiClient; refreshMs?: number } = {},
): RunsPage {
  const api = options.api ?? browserApi;
  const { experiment } = options;
  const refreshMs = options.refreshMs ?? RUNS_REFRESH_MS;
  const query = runsQuery(state, { experiment });
  const key = JSON.stringify(query);
  // the server rendered the first page of this query, and of no other
  const [initialKey] = useState(() => (options.initial ? key : null));
  const initialPages: InfiniteData<TRunList, string | null> | undefined =
    options.initial && key === initialKey ? { pages: [options.initial], pageParams: [null] } : undefined;
  const pages = useInfiniteQuery({
    queryKey: queryKeys.runs.list(query),
    queryFn: ({ pageParam }) => api.listRuns(pageParam ? { ...query, cursor: pageParam } : query),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    initialData: initialPages,
    // the last rows stay on screen while another filter or sort loads
    placeholderData: keepPreviousData,
    refetchInterval: (current) =>
      current.state.data?.pages.some((page) => page.items.some((run) => LIVE_STATUSES.has(run.status))) ? refreshMs : false,
  });
  // and when the API refuses a filter: its message shows in the box, over the last good rows
  const [shown, setShown] = useState(pages.data);
  if (pages.data && pages.data !== shown) setShown(pages.data);
  const failure = pages.isFetching ? null : pages.error;
  const filterError = filterErrorOf(failure);
  const runs: TRunSummary[] = [];
  const seen = new Set<string>();
  for (const page of shown?.pages ?? []) {
    // a run that moved between pages while "load more" read them is listed once
    for (const run of page.items) {
      if (seen.has(run.id)) continue;
      seen.add(run.id);
      runs.push(run);
    }
  }
  const last = shown?.pages.at(-1);
  return {
    runs,
    total: last?.total ?? null,
    totalIsLowerBound: last?.totalIsLowerBound ?? false,
    nextCursor: last?.nextCursor ?? null,
    loading: pages.isPending || pages.isPlaceholderData,
    loadingMore: pages.isFetchingNextPage,
    filterError,
    error: filterError ? null : errorMessage(failure),
    loadMore: () => {
      if (pages.hasNextPage && !pages.isFetchingNextPage) void pages.fetchNextPage();
    },
  };
}
