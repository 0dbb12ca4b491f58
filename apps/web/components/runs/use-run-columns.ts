'use client';

import { useCallback, useMemo, useSyncExternalStore } from 'react';
import { parseColumnChoices, type ColumnChoices } from './runs-table-state';
import { sharedStorage } from '@/lib/shared-storage';

const storage = sharedStorage('atelier:run-columns-change');
export const runColumnsStorageKey = (scope: string) => `atelier:run-columns:${scope}`;

/**
 * The column picker's choices of one runs table (`scope`: its experiment), kept in localStorage
 * so they survive a reload and apply in every tab.
 */
export function useRunColumns(scope: string): { choices: ColumnChoices; update: (next: ColumnChoices) => void } {
  const key = runColumnsStorageKey(scope);
  const raw = useSyncExternalStore(
    storage.subscribe,
    () => window.localStorage.getItem(key),
    () => null,
  );
  const choices = useMemo(() => parseColumnChoices(raw), [raw]);
  const update = useCallback((next: ColumnChoices) => storage.write(key, next), [key]);
  return { choices, update };
}
