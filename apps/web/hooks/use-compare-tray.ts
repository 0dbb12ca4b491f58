'use client';

import { useCallback, useSyncExternalStore } from 'react';
import { parseTray, toggleTrayItem, TRAY_STORAGE_KEY, type TrayItem } from '@/lib/compare-tray';

const CHANGE_EVENT = 'atelier:compare-tray-change';
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

function write(items: readonly TrayItem[]): void {
  window.localStorage.setItem(TRAY_STORAGE_KEY, JSON.stringify(items));
  window.dispatchEvent(new Event(CHANGE_EVENT));
}

function subscribe(onChange: () => void): () => void {
  // 'storage' fires for other tabs; our own writes announce themselves
  window.addEventListener('storage', onChange);
  window.addEventListener(CHANGE_EVENT, onChange);
  return () => {
    window.removeEventListener('storage', onChange);
    window.removeEventListener(CHANGE_EVENT, onChange);
  };
}

/** The compare tray, shared by every component and tab through localStorage. */
export function useCompareTray() {
  const items = useSyncExternalStore(subscribe, read, () => EMPTY);
  const toggle = useCallback((item: TrayItem) => write(toggleTrayItem(read(), item)), []);
  const remove = useCallback((id: string) => write(read().filter((i) => i.id !== id)), []);
  const clear = useCallback(() => write([]), []);
  const has = useCallback((id: string) => items.some((i) => i.id === id), [items]);
  return { items, toggle, remove, clear, has };
}
