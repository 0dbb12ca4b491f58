'use client';

import type { TLeaderboard } from '@atelier/domain';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { browserApi, type ApiClient } from '@/lib/api-client';
import { errorMessage } from '@/lib/query-client';
import { queryKeys } from '@/lib/query-keys';

export interface LeaderboardState {
  board: TLeaderboard | null;
  error: string | null;
}

/**
 * GET /experiments/:id/leaderboard for the view's ASHA rung, from the cache; the live stream
 * invalidates it when a trial gets a score (see use-experiment-live.ts). The last board stays
 * shown while the next loads, and when reading it again fails.
 */
export function useLeaderboard(
  experimentId: string,
  options: { rung: number | null; limit: number; enabled: boolean; api?: ApiClient },
): LeaderboardState {
  const { rung, limit, enabled } = options;
  const api = options.api ?? browserApi;
  const { data, error } = useQuery({
    queryKey: queryKeys.experiments.leaderboard(experimentId, { rung, limit }),
    queryFn: () => api.getLeaderboard(experimentId, { limit, rung }),
    enabled,
    placeholderData: keepPreviousData,
  });
  return { board: data ?? null, error: errorMessage(error) };
}
