'use client';

import type { TMetricSeries, TRunMetrics } from '@atelier/domain';
import { useQueries } from '@tanstack/react-query';
import { useState } from 'react';
import { browserApi, type ApiClient } from '@/lib/api-client';
import { errorMessage } from '@/lib/query-client';
import { queryKeys } from '@/lib/query-keys';

/** Points per series in a comparison: several runs on one chart need fewer each. */
export const COMPARE_CHART_POINTS = 500;

export interface RunsMetrics {
  /** Series per run id, of the keys loaded so far. */
  series: Readonly<Record<string, readonly TMetricSeries[]>>;
  /** Keys still being read. */
  loading: boolean;
  error: string | null;
}

/**
 * Reads a run's series for the keys asked for in the same tick with one request: the cache holds
 * an entry per run and key, and the page still sends one GET per run.
 */
function seriesBatcher(api: ApiClient) {
  const pending = new Map<string, { keys: string[]; answer: Promise<TRunMetrics> }>();
  return (id: string, key: string): Promise<TMetricSeries[]> => {
    let batch = pending.get(id);
    if (!batch) {
      const keys: string[] = [];
      const answer = Promise.resolve().then(() => {
        pending.delete(id);
        return api.getRunMetrics(id, { keys, points: COMPARE_CHART_POINTS });
      });
      batch = { keys, answer };
      pending.set(id, batch);
    }
    batch.keys.push(key);
    return batch.answer.then((metrics) => metrics.series.filter((series) => series.key === key));
  };
}

/**
 * The series of some metric keys for several runs (GET /runs/:id/metrics?keys=), one cache entry
 * per run and key: picking another key reads only that key, and a key picked again comes from the
 * cache. A comparison is read once (staleTime: Infinity); the run page is the live view.
 */
export function useRunsMetrics(runIds: readonly string[], keys: readonly string[], options: { api?: ApiClient } = {}): RunsMetrics {
  const api = options.api ?? browserApi;
  const [read] = useState(() => seriesBatcher(api));
  const wanted = runIds.flatMap((id) => keys.map((key) => ({ id, key })));
  return useQueries({
    queries: wanted.map(({ id, key }) => ({
      queryKey: queryKeys.runs.metrics(id, { keys: [key], points: COMPARE_CHART_POINTS }),
      queryFn: () => read(id, key),
      staleTime: Infinity,
    })),
    combine: (results) => {
      const series: Record<string, TMetricSeries[]> = {};
      wanted.forEach(({ id }, index) => {
        series[id] = [...(series[id] ?? []), ...(results[index]?.data ?? [])];
      });
      return {
        series,
        loading: results.some((result) => result.isPending),
        error: errorMessage(results.find((result) => result.error)?.error),
      };
    },
  });
}
