import { MAX_COMPARED_TRIALS } from '@atelier/domain';

/**
 * The compare tray: trials picked for comparison, from any experiments, kept in localStorage so
 * the selection survives navigating between experiment pages. The compare page itself reads
 * its trials from the URL (shareable); the tray is how a selection gets there.
 */
export interface TrayItem {
  id: string;
  /** "Experiment name #3": what the tray shows before the comparison loads. */
  label: string;
}

export const TRAY_STORAGE_KEY = 'atelier:compare-tray';

export function parseTray(text: string | null): TrayItem[] {
  if (!text) return [];
  try {
    const value: unknown = JSON.parse(text);
    if (!Array.isArray(value)) return [];
    return value
      .filter((item): item is TrayItem => typeof item === 'object' && item !== null && typeof item.id === 'string' && typeof item.label === 'string')
      .slice(0, MAX_COMPARED_TRIALS);
  } catch {
    return [];
  }
}

export function toggleTrayItem(items: readonly TrayItem[], item: TrayItem): TrayItem[] {
  if (items.some((i) => i.id === item.id)) return items.filter((i) => i.id !== item.id);
  if (items.length >= MAX_COMPARED_TRIALS) return [...items];
  return [...items, item];
}
