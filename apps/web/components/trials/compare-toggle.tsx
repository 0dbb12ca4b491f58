'use client';

import { useCompareTray } from '@/hooks/use-compare-tray';

/** Adds a trial to (or removes it from) the compare tray. */
export function CompareToggle({ id, label, compact = false }: { id: string; label: string; compact?: boolean }) {
  const tray = useCompareTray();
  const picked = tray.has(id);
  if (compact) {
    return (
      <input
        type="checkbox"
        checked={picked}
        onChange={() => tray.toggle({ id, label })}
        aria-label={`Compare ${label}`}
        data-testid="compare-checkbox"
      />
    );
  }
  return (
    <button type="button" className="button" aria-pressed={picked} onClick={() => tray.toggle({ id, label })}>
      {picked ? '✓ In comparison' : 'Add to comparison'}
    </button>
  );
}
