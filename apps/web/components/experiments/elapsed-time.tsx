'use client';

import { useSyncExternalStore } from 'react';
import { durationBetween, formatDuration } from '@/lib/format';

// One wall clock for the open spans on the page, read through useSyncExternalStore so that no render
// calls Date.now() itself: it ticks every second while a span listens, and reads null on the server
// and before the first span subscribes (there is no trustworthy "now" before hydration).
let ticked: number | null = null;
let timer: ReturnType<typeof setInterval> | undefined;
const listeners = new Set<() => void>();

function subscribeToClock(listener: () => void): () => void {
  listeners.add(listener);
  if (listeners.size === 1) {
    ticked = Date.now();
    timer = setInterval(() => {
      ticked = Date.now();
      for (const notify of listeners) notify();
    }, 1000);
  }
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0) {
      clearInterval(timer);
      ticked = null;
    }
  };
}
const readClock = () => ticked;
const noClock = () => null;
const noSubscription = () => () => undefined;

/** Wall time of a span; ticks every second while the span is open. */
export function ElapsedTime({ start, end }: { start: string | null; end: string | null }) {
  const open = Boolean(start) && !end;
  const now = useSyncExternalStore(open ? subscribeToClock : noSubscription, readClock, noClock);
  // a closed span (or one not started) needs no clock
  if (!open) return <span className="num">{formatDuration(durationBetween(start, end))}</span>;
  // before hydration there is no trustworthy "now": render a dash
  if (now === null) return <span className="num">—</span>;
  return <span className="num">{formatDuration(durationBetween(start, end, now))}</span>;
}
