'use client';

import type { TRunDetail, TRunMetrics, TUpdateRunRequest } from '@atelier/domain';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { browserApi, type ApiClient } from '@/lib/api-client';
import { errorMessage } from '@/lib/query-client';
import { queryKeys } from '@/lib/query-keys';

/** How often a going run is read again. A logged run reports in batches; seconds are enough. */
export const RUN_POLL_MS = 3000;
/** Points per series the run page asks for: enough for a smooth line, bounded for a million steps. */
export const RUN_CHART_POINTS = 1000;

/** A run still going: queued, running, or running but silent for a while (lost, which may come back). */
export function isRunLive(status: TRunDetail['status']): boolean {
  return status === 'queued' || status === 'running' || status === 'lost';
}

/** Changes whenever a point is logged: every key's count and last step. */
function seriesSignature(run: Pick<TRunDetail, 'metrics'>): string {
  return Object.entries(run.metrics)
    .map(([key, summary]) => `${key}:${summary.count}:${summary.lastStep}`)
    .sort()
    .join('|');
}

export interface RunLive {
  run: TRunDetail;
  metrics: TRunMetrics | null;
  /** Last failure to read the run or its metrics; the page keeps what it had. */
  error: string | null;
}

/**
 * A run and its metric series from the query cache, starting from what the server read: the run
 * is read again every `pollMs` while it is going (and the tab visible), until it finishes; the
 * series only when its summaries say a point was logged (their signature is part of the key, and
 * the last series stay shown while the next load). Polling rather than the run's event stream: a
 * script logs in batches, seconds apart, and a poll needs no reconnection logic.
 */
export function useRunLive(
  initial: { run: TRunDetail; metrics: TRunMetrics | null },
  options: { api?: ApiClient; pollMs?: number } = {},
): RunLive {
  const api = options.api ?? browserApi;
  const pollMs = options.pollMs ?? RUN_POLL_MS;
  const id = initial.run.id;
  const runQuery = useQuery({
    queryKey: queryKeys.runs.detail(id),
    queryFn: () => api.getRun(id),
    initialData: initial.run,
    refetchInterval: (query) => (query.state.data && isRunLive(query.state.data.status) ? pollMs : false),
  });
  const run = runQuery.data;
  // the server's series belong to the summaries it read them with, and to no later ones
  const [initialSignature] = useState(() => (initial.metrics ? seriesSignature(initial.run) : null));
  const signature = seriesSignature(run);
  const metricsQuery = useQuery({
    queryKey: queryKeys.runs.metrics(id, { points: RUN_CHART_POINTS, at: signature }),
    queryFn: () => api.getRunMetrics(id, { points: RUN_CHART_POINTS }),
    initialData: signature === initialSignature && initial.metrics ? initial.metrics : undefined,
    // finished series cannot change: only a new signature reads them again
    staleTime: Infinity,
    placeholderData: keepPreviousData,
  });
  return { run, metrics: metricsQuery.data ?? null, error: errorMessage(runQuery.error) ?? errorMessage(metricsQuery.error) };
}

/**
 * PATCH /runs/:id (notes, name, tags): the answer replaces the cached run, after any read under
 * way is cancelled (it began before the edit, so it would bring the old notes back on screen);
 * the runs lists, which show names and tags, are read again.
 */
export function useUpdateRun(id: string, api: ApiClient = browserApi) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (patch: TUpdateRunRequest) => api.updateRun(id, patch),
    onSuccess: async (run) => {
      await client.cancelQueries({ queryKey: queryKeys.runs.detail(id), exact: true });
      client.setQueryData(queryKeys.runs.detail(id), run);
      void client.invalidateQueries({ queryKey: queryKeys.runs.lists() });
    },
  });
}
