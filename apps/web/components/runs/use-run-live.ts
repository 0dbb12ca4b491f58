'use client';

import type { TRunDetail, TRunMetrics } from '@atelier/domain';
import { useCallback, useEffect, useRef, useState } from 'react';
import { browserApi, type ApiClient } from '@/lib/api-client';

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
  /** Replaces the run after an edit (notes), so the next poll does not undo it on screen. */
  setRun: (run: TRunDetail) => void;
}

/**
 * A run and its metric series, read again every RUN_POLL_MS while the run is going (and the
 * tab visible), until it finishes; the series only when its summaries say a point was logged.
 * Polling rather than the run's event stream: a script logs in batches, seconds apart, and a poll
 * needs no reconnection logic.
 */
export function useRunLive(initial: { run: TRunDetail; metrics: TRunMetrics | null }, options: { api?: ApiClient; pollMs?: number } = {}): RunLive {
  const api = options.api ?? browserApi;
  const pollMs = options.pollMs ?? RUN_POLL_MS;
  const [run, setRunState] = useState(initial.run);
  const [metrics, setMetrics] = useState(initial.metrics);
  const [error, setError] = useState<string | null>(null);
  const id = initial.run.id;
  const live = isRunLive(run.status);
  const edits = useRef(0);

  /** What the series were last read at: summaries move with every point logged. */
  const readAt = useRef(initial.metrics ? seriesSignature(initial.run) : null);

  const load = useCallback(async () => {
    const before = edits.current;
    try {
      const nextRun = await api.getRun(id);
      // an edit saved while this read was under way is newer than what it read
      if (edits.current === before) setRunState(nextRun);
      // the series are the heavy read: only when a point was logged since
      const signature = seriesSignature(nextRun);
      if (signature !== readAt.current) {
        setMetrics(await api.getRunMetrics(id, { points: RUN_CHART_POINTS }));
        readAt.current = signature;
      }
      setError(null);
    } catch (cause) {
      setError((cause as Error).message);
    }
  }, [api, id]);

  useEffect(() => {
    // the server page could not read the metrics: try once from here
    if (initial.metrics === null) void load();
    // only on arrival
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  useEffect(() => {
    if (!live) return;
    const timer = setInterval(() => {
      if (typeof document !== 'undefined' && document.visibilityState === 'hidden') return;
      void load();
    }, pollMs);
    return () => clearInterval(timer);
  }, [live, load, pollMs]);

  const setRun = useCallback((next: TRunDetail) => {
    edits.current += 1;
    setRunState(next);
  }, []);
  return { run, metrics, error, setRun };
}
