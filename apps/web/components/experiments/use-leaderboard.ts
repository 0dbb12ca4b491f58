'use client';

import type { TLeaderboard } from '@atelier/domain';
import { useEffect, useState } from 'react';
import { browserApi, type ApiClient } from '@/lib/api-client';

export interface LeaderboardState {
  board: TLeaderboard | null;
  error: string | null;
}

/**
 * GET /experiments/:id/leaderboard, fetched again whenever `version` changes (a trial got a
 * score) or the ASHA rung of the view does. The last board stays shown while the next loads.
 */
export function useLeaderboard(experimentId: string, options: { version: string; rung: number | null; limit: number; enabled: boolean; api?: ApiClient }): LeaderboardState {
  const { version, rung, limit, enabled } = options;
  const api = options.api ?? browserApi;
  const [state, setState] = useState<LeaderboardState>({ board: null, error: null });
  useEffect(() => {
    if (!enabled) return;
    let current = true;
    api.getLeaderboard(experimentId, { limit, rung }).then(
      (board) => current && setState({ board, error: null }),
      (cause: unknown) => current && setState((s) => ({ board: s.board, error: (cause as Error).message })),
    );
    return () => {
      current = false;
    };
  }, [api, experimentId, version, rung, limit, enabled]);
  return state;
}
