'use client';

import { isRefitActive, METRICS_TRIALS_LIMIT, ZProgressEvent, type TExperimentMetrics, type TExperimentOverview, type TProgressEvent } from '@atelier/domain';
import { useCallback, useEffect, useReducer, useRef, useState } from 'react';
import { browserApi, type ApiClient } from '@/lib/api-client';
import { concernsUnlistedTrial, initialLiveState, isSettled, liveReducer, type LiveState } from './live-state';

export type StreamStatus = 'connecting' | 'live' | 'reconnecting' | 'closed';

const EVENT_TYPES = ['experiment', 'trial', 'fold', 'epoch', 'batch', 'rung', 'refit'] as const satisfies readonly TProgressEvent['type'][];
const MAX_BACKOFF_MS = 30_000;
/** At most one overview reload per this interval when events call for one (ASHA rungs, a big search's trials). */
export const RELOAD_INTERVAL_MS = 2_000;

export interface UseExperimentLiveOptions {
  api?: ApiClient;
  createEventSource?: (url: string) => EventSource;
}

export interface ExperimentLive {
  state: LiveState;
  stream: StreamStatus;
  /** Last failure to load from the API (shown, never thrown: the page keeps its last good data). */
  error: string | null;
  reload: () => Promise<void>;
  /** The trial numbers whose curves the page shows: their curves are fetched if not loaded yet. */
  showCurves: (numbers: readonly number[]) => void;
}

/** Delay before reconnect attempt n (0-based): 1 s, 2 s, 4 s … capped at 30 s, with jitter so tabs don't stampede. */
export function backoffDelay(attempt: number, random: () => number = Math.random): number {
  const base = Math.min(MAX_BACKOFF_MS, 1000 * 2 ** attempt);
  return Math.round(base * (0.8 + 0.4 * random()));
}

/**
 * The overview of one experiment, kept current by its progress stream
 * (/api/experiments/:id/events), and the curves of the trials the page shows (showCurves),
 * fetched when first shown and then kept live. Events are applied in batches once per animation frame, so a burst
 * of batch events costs one render. After a reconnect the overview is reloaded (events missed
 * while offline are not replayed by the server), and events that arrive while it loads are held
 * back and applied on top of it. A big search's overview lists only some trials: events about
 * the others, ASHA's rung decisions and a finished refit reload it at most every RELOAD_INTERVAL_MS.
 */
export function useExperimentLive(
  initial: { experiment: TExperimentOverview; metrics: TExperimentMetrics },
  options: UseExperimentLiveOptions = {},
): ExperimentLive {
  const id = initial.experiment.id;
  const api = options.api ?? browserApi;
  const createEventSource = options.createEventSource ?? ((url: string) => new EventSource(url));
  const [state, dispatch] = useReducer(liveReducer, initial, ({ experiment, metrics }) => initialLiveState(experiment, metrics));
  const [stream, setStream] = useState<StreamStatus>(isSettled(initial.experiment) ? 'closed' : 'connecting');
  const [error, setError] = useState<string | null>(null);
  const [shown, setShown] = useState<readonly number[]>(() => initial.metrics.trials.map((trial) => trial.number));
  const stateRef = useRef(state);
  stateRef.current = state;
  const reloadRef = useRef<() => Promise<void>>(async () => {});
  const stopRef = useRef<() => void>(() => {});
  const reopenRef = useRef<() => void>(() => {});
  /** Trial numbers whose curves were asked for since the last overview. */
  const requested = useRef(new Set<number>());
  // a cancelled experiment still has trials winding down: listen until the last one settles
  const settled = isSettled(state.experiment);
  const settledRef = useRef(settled);
  settledRef.current = settled;

  useEffect(() => {
    let disposed = false;
    let source: EventSource | null = null;
    let attempt = 0;
    let retryTimer: ReturnType<typeof setTimeout> | undefined;
    let reloadTimer: ReturnType<typeof setTimeout> | undefined;
    let lastReload = 0;
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

    // Reloads can overlap (the Pause button reloads, and so does the 'experiment' event it
    // causes): only the last one started may apply its overview, since an earlier request can be
    // answered later with older rows, and the events held back since the first of them are
    // replayed on top of it (an event that the overview already holds changes nothing).
    let latestReload = 0;
    const loadSnapshot = async () => {
      clearTimeout(reloadTimer);
      reloadTimer = undefined;
      lastReload = Date.now();
      heldBack ??= [];
      const reloadNumber = ++latestReload;
      let experiment: TExperimentOverview | undefined;
      let failure: unknown;
      try {
        experiment = await api.getExperimentOverview(id);
      } catch (cause) {
        failure = cause;
      }
      if (disposed || reloadNumber !== latestReload) return;
      if (experiment) {
        requested.current.clear();
        dispatch({ type: 'snapshot', experiment });
        setError(null);
      } else {
        setError((failure as Error).message);
      }
      const replay = heldBack ?? [];
      heldBack = null;
      if (replay.length) dispatch({ type: 'events', events: replay });
    };
    /** A reload soon, but not more than once per RELOAD_INTERVAL_MS. */
    const scheduleReload = () => {
      if (reloadTimer !== undefined || disposed) return;
      const wait = Math.max(0, lastReload + RELOAD_INTERVAL_MS - Date.now());
      reloadTimer = setTimeout(() => void loadSnapshot(), wait);
    };
    reloadRef.current = loadSnapshot;
    stopRef.current = stopStream;
    // The stream closes as soon as the state looks settled, which an event can make it look
    // before the overview that follows says otherwise (a completed search whose refit was just
    // queued): then it opens again, and reloads on opening for what passed meanwhile.
    reopenRef.current = () => {
      if (disposed || source || retryTimer !== undefined) return;
      attempt = 1;
      setStream('connecting');
      connect();
    };

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
      const current = stateRef.current;
      if (event.type === 'experiment') {
        // status changes are rare and carry only the status: a reload brings startedAt,
        // finishedAt and the final aggregates with them
        void loadSnapshot();
      } else if (event.type === 'refit' && !isRefitActive(event.status)) {
        // a finished refit's evaluation and model zip come with the overview
        scheduleReload();
      } else if (event.type === 'rung' || (!current.experiment.allTrials && (event.type === 'trial' || concernsUnlistedTrial(current, event)))) {
        scheduleReload();
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
        retryTimer = setTimeout(() => {
          retryTimer = undefined;
          connect();
        }, backoffDelay(attempt));
        attempt += 1;
      };
    };

    if (!settledRef.current) connect();
    return () => {
      disposed = true;
      clearTimeout(retryTimer);
      clearTimeout(reloadTimer);
      if (frame && typeof cancelAnimationFrame === 'function') cancelAnimationFrame(frame);
      source?.close();
    };
    // api and createEventSource are fixed for the life of the page
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [id]);

  useEffect(() => {
    if (settled) stopRef.current();
    else reopenRef.current();
  }, [settled]);

  const mounted = useRef(true);
  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);

  // Curves of shown trials that are not loaded yet (newly shown, or unfinished at the last
  // overview). A number is asked for once per overview: a failed fetch shows its error and is
  // tried again after the next reload, not in a loop.
  const missing = shown.filter((number) => !state.metricsLoaded[number] && !requested.current.has(number));
  const missingKey = missing.join(',');
  useEffect(() => {
    if (!missingKey) return;
    const numbers = missingKey.split(',').map(Number);
    for (const number of numbers) requested.current.add(number);
    void (async () => {
      for (let i = 0; i < numbers.length && mounted.current; i += METRICS_TRIALS_LIMIT) {
        try {
          const metrics = await api.getExperimentMetrics(id, numbers.slice(i, i + METRICS_TRIALS_LIMIT));
          if (mounted.current) dispatch({ type: 'metrics', metrics });
        } catch (cause) {
          if (mounted.current) setError((cause as Error).message);
        }
      }
    })();
    // api is fixed for the life of the page
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [id, missingKey]);

  const reload = useCallback(() => reloadRef.current(), []);
  const showCurves = useCallback((numbers: readonly number[]) => {
    setShown((previous) => (previous.length === numbers.length && previous.every((n, i) => n === numbers[i]) ? previous : [...numbers]));
  }, []);
  return { state, stream, error, reload, showCurves };
}
