import { MAX_COMPARED_TRIALS, type TRunSummary } from '@atelier/domain';
import { runsCompareUrl } from '@/components/runs/run-compare';

/**
 * The compare tray: trials picked for comparison, from any experiments, kept in localStorage so
 * the selection survives navigating between experiment pages. The compare page itself reads
 * its trials from the URL (shareable); the tray is how a selection gets there.
 */
export interface TrayItem {
  /** A trial's id, which is its run's id: a search's trial is a run. */
  id: string;
  /** "Experiment name #3": what the tray shows before the comparison loads. */
  label: string;
  /** Where the run came from; absent (older trays): a search's trial. */
  source?: TRunSummary['source'];
}

export const TRAY_STORAGE_KEY = 'atelier:compare-tray';

export function parseTray(text: string | null): TrayItem[] {
  if (!text) return [];
  try {
    const value: unknown = JSON.parse(text);
    if (!Array.isArray(value)) return [];
    return value
      .filter(
        (item: unknown): item is TrayItem =>
          typeof item === 'object' &&
          item !== null &&
          'id' in item &&
          typeof item.id === 'string' &&
          'label' in item &&
          typeof item.label === 'string',
      )
      .map((item) =>
        item.source === 'tracked' || item.source === 'search'
          ? { id: item.id, label: item.label, source: item.source }
          : { id: item.id, label: item.label },
      )
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

/**
 * Where the tray's Compare goes: trials of searches only open the trials comparison (folds,
 * hyperparameters, evaluations); once a run logged from code is in it, the runs comparison,
 * which reads any runs.
 */
export function trayCompareHref(items: readonly TrayItem[], trialsHref: (ids: string[]) => string): string {
  const ids = items.map((item) => item.id);
  return items.every((item) => item.source !== 'tracked') ? trialsHref(ids) : runsCompareUrl(ids);
}
