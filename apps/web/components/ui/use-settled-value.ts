'use client';

import { useEffect, useState } from 'react';

/**
 * `value` once it has stayed the same for `delayMs` (the first one at once): a query keyed by it
 * asks the server when typing pauses, not at every keystroke.
 */
export function useSettledValue<T>(value: T, delayMs: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), delayMs);
    return () => clearTimeout(timer);
  }, [value, delayMs]);
  return settled;
}
