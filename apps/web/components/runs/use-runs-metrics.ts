'use client';

import type { TMetricSeries } from '@atelier/domain';
import { useEffect, useRef, useState } from 'react';
import { browserApi, type ApiClient } from '@/lib/api-client';

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
 * The series of some metric keys for several runs (GET /runs/:id/metrics?keys=), read once per
 * run and key: picking another key reads only that key.
 */
export function useRunsMetrics(runIds: readonly string[], keys: readonly string[], options: { api?: ApiClient } = {}): RunsMetrics {
  const api = options.api ?? browserApi;
  const [series, setSeries] = useState<Record<string, TMetricSeries[]>>({});
  const [pending, setPending] = useState(0);
  const [error, setError] = useState<string | null>(null);
  /** `${runId}\u0000${key}` asked for already. */
  const asked = useRef(new Set<string>());
  const runsKey = runIds.join(',');
  const keysKey = [...keys].sort().join('\u0000');

  useEffect(() => {
    let live = true;
    const wanted = keysKey ? keysKey.split('\u0000') : [];
    for (const id of runsKey ? runsKey.split(',') : []) {
      const missing = wanted.filter((key) => !asked.current.has(`${id}\u0000${key}`));
      if (missing.length === 0) continue;
      for (const key of missing) asked.current.add(`${id}\u0000${key}`);
      setPending((n) => n + 1);
      api.getRunMetrics(id, { keys: missing, points: COMPARE_CHART_POINTS }).then(
        (metrics) => {
          setSeries((previous) => ({ ...previous, [id]: [...(previous[id] ?? []).filter((s) => !missing.includes(s.key)), ...metrics.series] }));
          setPending((n) => n - 1);
        },
        (cause: unknown) => {
          // asked again on the next pick
          for (const key of missing) asked.current.delete(`${id}\u0000${key}`);
          if (live) setError((cause as Error).message);
          setPending((n) => n - 1);
        },
      );
    }
    return () => {
      live = false;
    };
    // api is fixed for the life of the page
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [runsKey, keysKey]);

  return { series, loading: pending > 0, error };
}
