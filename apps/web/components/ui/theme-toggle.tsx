'use client';

import { useEffect, useId, useSyncExternalStore } from 'react';
import { sharedStorage } from '@/lib/shared-storage';
import { applyTheme, DARK_QUERY, parseThemeChoice, THEME_CHOICES, THEME_STORAGE_KEY, type ThemeChoice } from './theme';
import styles from './theme-toggle.module.css';

const storage = sharedStorage('atelier:theme-change');
const LABELS: Record<ThemeChoice, string> = { light: 'Light', dark: 'Dark', system: 'System' };

/** Light, dark or the system's theme; remembered in localStorage and applied in every open tab. */
export function ThemeToggle() {
  const id = useId();
  const choice = parseThemeChoice(
    useSyncExternalStore(
      storage.subscribe,
      () => window.localStorage.getItem(THEME_STORAGE_KEY),
      () => null,
    ),
  );

  useEffect(() => {
    applyTheme(choice);
    if (choice !== 'system') return;
    // following the system: a change of the OS setting while the page is open applies at once
    const query = window.matchMedia(DARK_QUERY);
    const follow = () => applyTheme('system');
    query.addEventListener('change', follow);
    return () => query.removeEventListener('change', follow);
  }, [choice]);

  return (
    <div className={styles.toggle}>
      <label htmlFor={id} className={styles.label}>
        Theme
      </label>
      <select
        id={id}
        className={styles.select}
        value={choice}
        onChange={(event) => storage.write(THEME_STORAGE_KEY, parseThemeChoice(JSON.stringify(event.target.value)))}
      >
        {THEME_CHOICES.map((value) => (
          <option key={value} value={value}>
            {LABELS[value]}
          </option>
        ))}
      </select>
    </div>
  );
}
