'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { queryKeys } from '@/lib/query-keys';

/**
 * A command on one experiment (pause, resume, cancel, refit best): once the API accepts it,
 * everything read about that experiment (live state, trials pages, leaderboards) and the
 * experiments lists are stale, and the ones on screen are read again.
 */
export function useExperimentAction<T>(experimentId: string, action: () => Promise<T>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: action,
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: queryKeys.experiments.detail(experimentId) });
      void client.invalidateQueries({ queryKey: queryKeys.experiments.lists() });
    },
  });
}
