'use client';

import { useCallback, useSyncExternalStore } from 'react';
import { parseTray, toggleTrayItem, TRAY_STORAGE_KEY, type TrayItem } from './compare-tray-state';
import { sharedStorage } from '@/lib/shared-storage';

const storage = sharedStorage('atelier:compare-tray-change');
const EMPTY: TrayItem[] = [];
let cachedText: string | null = null;
let cachedItems: TrayItem[] = EMPTY;

function read(): TrayItem[] {
  const text = window.localStorage.getItem(TRAY_STORAGE_KEY);
  if (text !== cachedText) {
    cachedText = text;
    cachedItems = parseTray(text);
  }
  return cachedItems;
}

const write = (items: readonly TrayItem[]) => storage.write(TRAY_STORAGE_KEY, items);

/** The compare tray, shared by every component and tab through localStorage. */
export function useCompareTray() {
  const items = useSyncExternalStore(storage.subscribe, read, () => EMPTY);
  const toggle = useCallback((item: TrayItem) => write(toggleTrayItem(read(), item)), []);
  const remove = useCallback((id: string) => write(read().filter((i) => i.id !== id)), []);
  const clear = useCallback(() => write([]), []);
  const has = useCallback((id: string) => items.some((i) => i.id === id), [items]);
  return { items, toggle, remove, clear, has };
}
