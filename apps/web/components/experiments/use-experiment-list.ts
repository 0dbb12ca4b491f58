'use client';

import { isTrainingNow, type TExperimentList } from '@atelier/domain';
import { useQuery } from '@tanstack/react-query';
import { browserApi, type ApiClient } from '@/lib/api-client';
import { queryKeys } from '@/lib/query-keys';
import { listQuery, type ExperimentListState } from './experiment-list';

/** While an experiment on the page is queued or running, the page is read again this often (the tab visible). */
export const LIST_REFRESH_MS = 5000;

/**
 * One page of GET /experiments for the URL's state, starting from the page the server read, read
 * again every LIST_REFRESH_MS while one of its experiments trains, so progress bars move without
 * a stream per row. The header's total and the table share this one cache entry.
 */
export function useExperimentList(state: ExperimentListState, initial: TExperimentList, api: ApiClient = browserApi) {
  const query = listQuery(state);
  return useQuery({
    queryKey: queryKeys.experiments.list(query),
    queryFn: () => api.listExperiments(query),
    initialData: initial,
    refetchInterval: (current) => (current.state.data?.items.some((item) => isTrainingNow(item.status)) ? LIST_REFRESH_MS : false),
  });
}
