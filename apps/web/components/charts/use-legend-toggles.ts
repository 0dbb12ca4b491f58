'use client';

import { useCallback, useState } from 'react';

/** Which legend entries of a chart are switched off (their series hidden); every entry starts on. */
export function useLegendToggles() {
  const [hidden, setHidden] = useState<ReadonlySet<string>>(() => new Set());
  const toggle = useCallback(
    (key: string) =>
      setHidden((current) => {
        const next = new Set(current);
        if (!next.delete(key)) next.add(key);
        return next;
      }),
    [],
  );
  return { hidden, toggle, shown: (key: string) => !hidden.has(key) };
}

export type LegendToggles = ReturnType<typeof useLegendToggles>;
