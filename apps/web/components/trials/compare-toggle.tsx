'use client';

import type { TRunSummary } from '@atelier/domain';
import { useCompareTray } from '@/components/compare/use-compare-tray';
import buttonStyles from '@/components/ui/button.module.css';

interface CompareToggleProps {
  id: string;
  label: string;
  compact?: boolean;
  /** A run logged from code sends the tray to the runs comparison; a search's trial by default. */
  source?: TRunSummary['source'];
}

/** Adds a trial or run to (or removes it from) the compare tray. */
export function CompareToggle({ id, label, compact = false, source }: CompareToggleProps) {
  const tray = useCompareTray();
  const picked = tray.has(id);
  const item = source ? { id, label, source } : { id, label };
  if (compact) {
    return (
      <input
        type="checkbox"
        checked={picked}
        onChange={() => tray.toggle(item)}
        aria-label={`Compare ${label}`}
        data-testid="compare-checkbox"
      />
    );
  }
  return (
    <button type="button" className={buttonStyles.button} aria-pressed={picked} onClick={() => tray.toggle(item)}>
      {picked ? '✓ In comparison' : 'Add to comparison'}
    </button>
  );
}
