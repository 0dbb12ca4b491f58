'use client';

import { useEffect, useState } from 'react';
import { durationBetween, formatDuration } from '@/lib/format';

/** Wall time of a span; ticks every second while the span is open. */
export function ElapsedTime({ start, end }: { start: string | null; end: string | null }) {
  const open = Boolean(start) && !end;
  const [now, setNow] = useState<number | null>(null);
  useEffect(() => {
    setNow(Date.now());
    if (!open) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [open]);
  // before hydration there is no trustworthy "now": render the closed span or a dash
  if (open && now === null) return <span className="num">—</span>;
  return <span className="num">{formatDuration(durationBetween(start, end, now ?? Date.now()))}</span>;
}
