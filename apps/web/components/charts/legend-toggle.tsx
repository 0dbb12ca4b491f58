'use client';

import type { ReactNode } from 'react';
import type { LegendToggles } from './use-legend-toggles';
import styles from './legend-toggle.module.css';

export interface LegendToggleProps {
  /** The legend entry's key in CurveSeries.toggles. */
  entry: string;
  toggles: LegendToggles;
  /** What the entry names, for the button's title: "Trial 3". */
  name: string;
  children: ReactNode;
}

/**
 * A legend entry that shows or hides its series: a real button, so Tab reaches it and Enter or
 * Space toggles it, with aria-pressed saying whether its series is drawn.
 */
export function LegendToggle({ entry, toggles, name, children }: LegendToggleProps) {
  const shown = toggles.shown(entry);
  return (
    <button
      type="button"
      className={styles.toggle}
      aria-pressed={shown}
      title={shown ? `Hide ${name}` : `Show ${name}`}
      onClick={() => toggles.toggle(entry)}
    >
      {children}
    </button>
  );
}
