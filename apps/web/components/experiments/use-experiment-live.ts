'use client';

import {
  isRefitActive,
  METRICS_TRIALS_LIMIT,
  streamSnapshotSchema,
  ZProgressEvent,
  type TExperimentMetrics,
  type TExperimentOverview,
  type TProgressEvent,
} from '@atelier/domain';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useRef, useState } from 'react';
import { z } from 'zod';
import { browserApi, type ApiClient } from '@/lib/api-client';
import { errorMessage } from '@/lib/query-client';
import { queryKeys } from '@/lib/query-keys';
import {
  concernsUnlistedTrial,
  emptyMetrics,
  initialLiveState,
  isSettled,
  liveReducer,
  type LiveAction,
  type LiveState,
} from './live-state';

export type StreamStatus = 'connecting' | 'live' | 'reconnecting' | 'closed';

const EVENT_TYPES = ['experiment', 'trial', 'fold', 'epoch', 'batch', 'rung', 'refit'] as const satisfies readonly TProgressEvent['type'][];
/** Reconnect attempts are at most this far apart (±20%): the page is live again within 2 s of the API being back. */
const MAX_BACKOFF_MS = 1_500;
/** At most one overview reload per this interval when events call for one (ASHA rungs, a big search's trials). */
export const RELOAD_INTERVAL_MS = 2_000;
/** A burst of trial events (or a reload) becomes one read of the trials table and the leaderboard after this pause. */
export const TABLES_REFRESH_MS = 250;

/** The stream's first event (the page reads `resumed`; it loads its own state, see loadSnapshot). */
const ZStreamSnapshot = streamSnapshotSchema(z.unknown());
const safeJson = (text: string): unknown => {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
};

export interface UseExperimentLiveOptions {
  api?: ApiClient;
  createEventSource?: (url: string) => EventSource;
}

export interface ExperimentLive {
  state: LiveState;
  stream: StreamStatus;
  /** Last failure to load from the API (shown, never thrown: the page keeps its last good data). */
  error: string | null;
  /** The trial numbers whose curves the page shows: their curves are fetched if not loaded yet. */
  showCurves: (numbers: readonly number[]) => void;
}

/** What the cache holds under queryKeys.experiments.live(id): the live state, and how many overviews it has taken in. */
export interface LiveEntry {
  live: LiveState;
  /** Overviews read since the page rendered: a curve that failed to load is asked for again after the next one. */
  snapshot: number;
}

/** The live entry the server's render starts from (the page passes it as the query's initial data). */
export function initialLiveEntry(experiment: TExperimentOverview, metrics: TExperimentMetrics): LiveEntry {
  return { live: initialLiveState(experiment, metrics), snapshot: 0 };
}

/** Delay before reconnect attempt n (0-based): 1 s, then 1.5 s, with jitter so tabs don't stampede. */
export function backoffDelay(attempt: number, random: () => number = Math.random): number {
  const base = Math.min(MAX_BACKOFF_MS, 1000 * 2 ** attempt);
  return Math.round(base * (0.8 + 0.4 * random()));
}

/**
 * The overview of one experiment, kept current in the query cache (queryKeys.experiments.live)
 * by its progress stream (/api/experiments/:id/events), and the curves of the trials the page
 * shows (showCurves), fetched when first shown and then kept live. Events are written into the
 * cache in batches once per animation frame, so a burst of batch events costs one render.
 *
 * The overview is read again (the query refetched) once the stream first opens and after a
 * reconnect the server could not resume (it replays what a reconnect missed for an hour); when an event calls for it (a status change, ASHA's rung
 * decisions, a finished refit, a big search's unlisted trials: at most every RELOAD_INTERVAL_MS);
 * and whenever a mutation invalidates the experiment. Events that arrive while it loads are held
 * back and applied on top of the overview it answers, so a reload never loses them. A trial's
 * change of status or score invalidates the trials table and the leaderboard.
 */
export function useExperimentLive(
  initial: { experiment: TExperimentOverview; metrics: TExperimentMetrics },
  options: UseExperimentLiveOptions = {},
): ExperimentLive {
  const id = initial.experiment.id;
  const api = options.api ?? browserApi;
  const createEventSource = options.createEventSource ?? ((url: string) => new EventSource(url));
  const client = useQueryClient();
  const liveKey = queryKeys.experiments.live(id);
  /**
   * Shared by the overview's query function and the stream: the events held back while an
   * overview loads (null: none loading), and which load is the latest (an earlier one can be
   * answered later, with older rows; only the latest may take the held-back events).
   */
  const reloading = useRef<{ heldBack: TProgressEvent[] | null; latest: number }>({ heldBack: null, latest: 0 });

  const { data, error: overviewError } = useQuery({
    queryKey: liveKey,
    queryFn: async (): Promise<LiveEntry> => {
      const session = reloading.current;
      session.heldBack ??= [];
      const mine = ++session.latest;
      const apply = (entry: LiveEntry, action: LiveAction): LiveEntry => ({ ...entry, live: liveReducer(entry.live, action) });
      let experiment: TExperimentOverview;
      try {
        experiment = await api.getExperimentOverview(id);
      } catch (cause) {
        if (mine === session.latest) {
          // the page keeps its last state: the held-back events go on top of it
          const replay = session.heldBack;
          session.heldBack = null;
          if (replay.length) client.setQueryData<LiveEntry>(liveKey, (entry) => entry && apply(entry, { type: 'events', events: replay }));
        }
        throw cause;
      }
      const previous = client.getQueryData<LiveEntry>(liveKey);
      // a later load is under way: this answer is discarded, and that one takes the held-back events
      if (mine !== session.latest) return previous ?? initialLiveEntry(experiment, emptyMetrics(id));
      const replay = session.heldBack;
      session.heldBack = null;
      let next: LiveEntry = previous
        ? { live: liveReducer(previous.live, { type: 'snapshot', experiment }), snapshot: previous.snapshot + 1 }
        : { ...initialLiveEntry(experiment, emptyMetrics(id)), snapshot: 1 };
      if (replay.length) next = apply(next, { type: 'events', events: replay });
      return next;
    },
    initialData: () => initialLiveEntry(initial.experiment, initial.metrics),
    // the stream's next reload retries; a retry loop would hold events back meanwhile
    retry: false,
  });
  const state = data.live;
  const [stream, setStream] = useState<StreamStatus>(isSettled(initial.experiment) ? 'closed' : 'connecting');
  const [shown, setShown] = useState<readonly number[]>(() => initial.metrics.trials.map((trial) => trial.number));
  const stopRef = useRef<() => void>(() => {});
  const reopenRef = useRef<() => void>(() => {});
  // a cancelled experiment still has trials winding down: listen until the last one settles
  const settled = isSettled(state.experiment);
  const settledRef = useRef(settled);
  useEffect(() => {
    settledRef.current = settled;
  }, [settled]);

  useEffect(() => {
    let disposed = false;
    let source: EventSource | null = null;
    let attempt = 0;
    let retryTimer: ReturnType<typeof setTimeout> | undefined;
    let reloadTimer: ReturnType<typeof setTimeout> | undefined;
    let tablesTimer: ReturnType<typeof setTimeout> | undefined;
    let lastReload = 0;
    let frame = 0;
    let pending: TProgressEvent[] = [];
    // the id of the last event seen: a reconnect asks the server for what came after it
    let lastEventId: string | null = null;
    const current = () => client.getQueryData<LiveEntry>(liveKey)?.live;

    const flush = () => {
      frame = 0;
      if (disposed || pending.length === 0) return;
      const events = pending;
      pending = [];
      client.setQueryData<LiveEntry>(liveKey, (entry) => entry && { ...entry, live: liveReducer(entry.live, { type: 'events', events }) });
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
    /** The trials table and the leaderboard, read again once a burst of changes is over. */
    const refreshTables = () => {
      if (tablesTimer !== undefined || disposed) return;
      tablesTimer = setTimeout(() => {
        tablesTimer = undefined;
        void client.invalidateQueries({ queryKey: queryKeys.experiments.trials(id) });
        void client.invalidateQueries({ queryKey: queryKeys.experiments.leaderboards(id) });
      }, TABLES_REFRESH_MS);
    };
    const loadSnapshot = () => {
      clearTimeout(reloadTimer);
      reloadTimer = undefined;
      lastReload = Date.now();
      // started here, at once, so that the events from now on are held back for it
      void client.invalidateQueries({ queryKey: liveKey, exact: true });
      refreshTables();
    };
    /** A reload soon, but not more than once per RELOAD_INTERVAL_MS. */
    const scheduleReload = () => {
      if (reloadTimer !== undefined || disposed) return;
      const wait = Math.max(0, lastReload + RELOAD_INTERVAL_MS - Date.now());
      reloadTimer = setTimeout(loadSnapshot, wait);
    };
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
      if (message.lastEventId) lastEventId = message.lastEventId;
      const parsed = ZProgressEvent.safeParse(safeJson(message.data));
      if (!parsed.success || parsed.data.experimentId !== id) return;
      const event = parsed.data;
      const heldBack = reloading.current.heldBack;
      if (heldBack) heldBack.push(event);
      else {
        pending.push(event);
        schedule();
      }
      const now = current();
      if (event.type === 'experiment') {
        // status changes are rare and carry only the status: a reload brings startedAt,
        // finishedAt and the final aggregates with them
        loadSnapshot();
      } else if (event.type === 'refit' && !isRefitActive(event.status)) {
        // a finished refit's evaluation and model zip come with the overview
        scheduleReload();
      } else if (
        event.type === 'rung' ||
        (now && !now.experiment.allTrials && (event.type === 'trial' || concernsUnlistedTrial(now, event)))
      ) {
        scheduleReload();
      }
      // a trial changed status or got a score: the table's rows and the leaderboard's order move
      if (event.type === 'trial' || event.type === 'rung') refreshTables();
    };

    const connect = () => {
      if (disposed) return;
      const reconnecting = attempt > 0;
      // a reconnect resumes after the last event seen: the server replays what was missed
      const resuming = lastEventId;
      source = createEventSource(
        `/api/experiments/${encodeURIComponent(id)}/events${resuming ? `?lastEventId=${encodeURIComponent(resuming)}` : ''}`,
      );
      source.onopen = () => {
        setStream('live');
        // On the first opening after the server's render (a page reload while the search trains:
        // the events between the server's read and this moment went to no one), and after a
        // reconnect the server cannot replay, the overview is read again, and the events that
        // arrive meanwhile are applied on top of it. A resumed stream says so in its snapshot.
        const fromServerRender = client.getQueryData<LiveEntry>(liveKey)?.snapshot === 0;
        if (!resuming && (reconnecting || fromServerRender)) loadSnapshot();
        attempt = 0;
      };
      // the first event of every stream: resumed (the missed events follow), or not (read it all again)
      source.addEventListener('snapshot', ((message: MessageEvent<string>) => {
        if (message.lastEventId) lastEventId = message.lastEventId;
        const snapshot = ZStreamSnapshot.safeParse(safeJson(message.data));
        if (resuming && !(snapshot.success && snapshot.data.resumed)) loadSnapshot();
      }) as EventListener);
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
      clearTimeout(tablesTimer);
      if (frame && typeof cancelAnimationFrame === 'function') cancelAnimationFrame(frame);
      source?.close();
    };
    // api, client and createEventSource are fixed for the life of the page; liveKey follows id
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [id]);

  useEffect(() => {
    if (settled) stopRef.current();
    else reopenRef.current();
  }, [settled]);

  // Curves of shown trials that are not loaded yet (newly shown, or unfinished at the last
  // overview), read through the cache and merged into the live state. A failed read shows its
  // error and is tried again after the next overview (the key holds the snapshot), not in a loop.
  const missing = shown.filter((number) => !state.metricsLoaded[number]);
  const curves = useQuery({
    queryKey: queryKeys.experiments.curves(id, missing, data.snapshot),
    enabled: missing.length > 0,
    staleTime: Infinity,
    retry: false,
    queryFn: async () => {
      for (let i = 0; i < missing.length; i += METRICS_TRIALS_LIMIT) {
        const metrics = await api.getExperimentMetrics(id, missing.slice(i, i + METRICS_TRIALS_LIMIT));
        client.setQueryData<LiveEntry>(
          liveKey,
          (entry) => entry && { ...entry, live: liveReducer(entry.live, { type: 'metrics', metrics }) },
        );
      }
      return missing.length;
    },
  });

  const showCurves = useCallback((numbers: readonly number[]) => {
    setShown((previous) => (previous.length === numbers.length && previous.every((n, i) => n === numbers[i]) ? previous : [...numbers]));
  }, []);
  return { state, stream, error: errorMessage(overviewError) ?? errorMessage(curves.error), showCurves };
}
