'use client';

import { ZProgressEvent, type TExperimentDetail, type TExperimentMetrics, type TProgressEvent } from '@atelier/domain';
import { useCallback, useEffect, useReducer, useRef, useState } from 'react';
import { browserApi, type ApiClient } from '@/lib/api-client';
import { initialLiveState, isTerminal, liveReducer, type LiveState } from '@/lib/live-state';

export type StreamStatus = 'connecting' | 'live' | 'reconnecting' | 'closed';

const EVENT_TYPES = ['experiment', 'trial', 'fold', 'epoch', 'batch'] as const satisfies readonly TProgressEvent['type'][];
const MAX_BACKOFF_MS = 30_000;

export interface UseExperimentLiveOptions {
  api?: ApiClient;
  createEventSource?: (url: string) => EventSource;
}

export interface ExperimentLive {
  state: LiveState;
  stream: StreamStatus;
  /** Last failure to load a snapshot (shown, never thrown: the page keeps its last good data). */
  error: string | null;
  reload: () => Promise<void>;
}

/** Nothing more can happen: the experiment and every trial reached a final status. */
export function isSettled(experiment: TExperimentDetail): boolean {
  return isTerminal(experiment.status) && experiment.trials.every((trial) => isTerminal(trial.status));
}

/** Delay before reconnect attempt n (0-based): 1 s, 2 s, 4 s … capped at 30 s, with jitter so tabs don't stampede. */
export function backoffDelay(attempt: number, random: () => number = Math.random): number {
  const base = Math.min(MAX_BACKOFF_MS, 1000 * 2 ** attempt);
  return Math.round(base * (0.8 + 0.4 * random()));
}

/**
 * Detail + metrics of one experiment, kept current by its progress stream
 * (/api/experiments/:id/events). Events are applied in batches once per animation frame, so a
 * burst of batch events costs one render. After a reconnect the snapshot is reloaded (events
 * missed while offline are not replayed by the server), and events that arrive while it
 * loads are held back and applied on top of it.
 */
export function useExperimentLive(
  initial: { experiment: TExperimentDetail; metrics: TExperimentMetrics },
  options: UseExperimentLiveOptions = {},
): ExperimentLive {
  const id = initial.experiment.id;
  const api = options.api ?? browserApi;
  const createEventSource = options.createEventSource ?? ((url: string) => new EventSource(url));
  const [state, dispatch] = useReducer(liveReducer, initial, ({ experiment, metrics }) => initialLiveState(experiment, metrics));
  const [stream, setStream] = useState<StreamStatus>(isSettled(initial.experiment) ? 'closed' : 'connecting');
  const [error, setError] = useState<string | null>(null);
  const settledRef = useRef(false);
  const reloadRef = useRef<() => Promise<void>>(async () => {});
  const stopRef = useRef<() => void>(() => {});
  // a cancelled experiment still has trials winding down: listen until the last one settles
  const settled = isSettled(state.experiment);
  settledRef.current = settled;

  useEffect(() => {
    let disposed = false;
    let source: EventSource | null = null;
    let attempt = 0;
    let retryTimer: ReturnType<typeof setTimeout> | undefined;
    let frame = 0;
    let pending: TProgressEvent[] = [];
    let heldBack: TProgressEvent[] | null = null;

    const flush = () => {
      frame = 0;
      if (disposed || pending.length === 0) return;
      const events = pending;
      pending = [];
      dispatch({ type: 'events', events });
    };
    const schedule = () => {
      if (frame) return;
      frame = typeof requestAnimationFrame === 'function' ? requestAnimationFrame(flush) : (setTimeout(flush, 16) as unknown as number);
    };
    const stopStream = () => {
      source?.close();
      source = null;
      setStream('closed');
    };

    const loadSnapshot = async () => {
      heldBack ??= [];
      try {
        const [experiment, metrics] = await Promise.all([api.getExperiment(id), api.getExperimentMetrics(id)]);
        if (disposed) return;
        dispatch({ type: 'snapshot', experiment, metrics });
        setError(null);
      } catch (cause) {
        if (!disposed) setError((cause as Error).message);
      } finally {
        const replay = heldBack ?? [];
        heldBack = null;
        if (!disposed && replay.length) dispatch({ type: 'events', events: replay });
      }
    };
    reloadRef.current = loadSnapshot;
    stopRef.current = stopStream;

    const onEvent = (message: MessageEvent<string>) => {
      let data: unknown;
      try {
        data = JSON.parse(message.data);
      } catch {
        return;
      }
      const parsed = ZProgressEvent.safeParse(data);
      if (!parsed.success || parsed.data.experimentId !== id) return;
      const event = parsed.data;
      if (heldBack) heldBack.push(event);
      else {
        pending.push(event);
        schedule();
      }
      if (event.type === 'experiment') {
        // status changes are rare and carry only the status: a reload brings startedAt,
        // finishedAt and the final aggregates with them
        void loadSnapshot();
      }
    };

    const connect = () => {
      if (disposed) return;
      const reconnecting = attempt > 0;
      source = createEventSource(`/api/experiments/${encodeURIComponent(id)}/events`);
      source.onopen = () => {
        setStream('live');
        if (reconnecting) void loadSnapshot();
        attempt = 0;
      };
      for (const type of EVENT_TYPES) source.addEventListener(type, onEvent as EventListener);
      source.onerror = () => {
        source?.close();
        source = null;
        if (disposed) return;
        if (settledRef.current) {
          setStream('closed');
          return;
        }
        setStream('reconnecting');
        retryTimer = setTimeout(connect, backoffDelay(attempt));
        attempt += 1;
      };
    };

    if (!settledRef.current) connect();
    return () => {
      disposed = true;
      clearTimeout(retryTimer);
      if (frame && typeof cancelAnimationFrame === 'function') cancelAnimationFrame(frame);
      source?.close();
    };
    // api and createEventSource are fixed for the life of the page
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [id]);

  useEffect(() => {
    if (settled) stopRef.current();
  }, [settled]);

  const reload = useCallback(() => reloadRef.current(), []);
  return { state, stream, error, reload };
}
