/**
 * localStorage as a store that every component and tab shares, for useSyncExternalStore. The
 * 'storage' event fires only in the other tabs, so this tab's own writes announce themselves with
 * `changeEvent`.
 */
export function sharedStorage(changeEvent: string) {
  const subscribe = (onChange: () => void): (() => void) => {
    window.addEventListener('storage', onChange);
    window.addEventListener(changeEvent, onChange);
    return () => {
      window.removeEventListener('storage', onChange);
      window.removeEventListener(changeEvent, onChange);
    };
  };
  const write = (key: string, value: unknown): void => {
    window.localStorage.setItem(key, JSON.stringify(value));
    window.dispatchEvent(new Event(changeEvent));
  };
  return { subscribe, write };
}
