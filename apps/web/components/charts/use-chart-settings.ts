'use client';

import { useCallback, useMemo, useState, useSyncExternalStore } from 'react';
import { parseChartSettings, type ChartView, type TChartSettings, type TZoom } from './chart-settings';
import { sharedStorage } from '@/lib/shared-storage';

const storage = sharedStorage('atelier:chart-settings-change');
const storageKey = (scope: string) => `atelier:charts:${scope}`;

export interface ChartSettingsState {
  settings: TChartSettings;
  update: (patch: Partial<TChartSettings>) => void;
  zoom: TZoom | null;
  resetZoom: () => void;
  /** What to hand every chart that these controls drive. */
  view: ChartView;
}

/**
 * The settings of one group of line charts (a page's curves card): log y, smoothing and the x
 * axis are kept in localStorage per `scope` so they survive a reload and apply in every tab; the
 * zoom is the data's, so it lives only as long as the page, and a change of x axis clears it.
 */
export function useChartSettings(scope: string): ChartSettingsState {
  const key = storageKey(scope);
  const raw = useSyncExternalStore(
    storage.subscribe,
    () => window.localStorage.getItem(key),
    () => null,
  );
  const settings = useMemo(() => parseChartSettings(raw), [raw]);
  const [zoomState, setZoomState] = useState<{ zoom: TZoom; xAxis: TChartSettings['xAxis'] } | null>(null);
  const zoom = zoomState && zoomState.xAxis === settings.xAxis ? zoomState.zoom : null;

  const update = useCallback(
    (patch: Partial<TChartSettings>) => {
      const next = { ...parseChartSettings(window.localStorage.getItem(key)), ...patch };
      storage.write(key, next);
    },
    [key],
  );
  const onZoom = useCallback((next: TZoom) => setZoomState({ zoom: next, xAxis: settings.xAxis }), [settings.xAxis]);
  const resetZoom = useCallback(() => setZoomState(null), []);
  const view = useMemo<ChartView>(() => ({ settings, zoom, onZoom }), [settings, zoom, onZoom]);
  return { settings, update, zoom, resetZoom, view };
}
