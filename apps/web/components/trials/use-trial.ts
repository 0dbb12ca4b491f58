'use client';

import type { TComparedTrial, TEvaluation, TModelArtifact, TTrial } from '@atelier/domain';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { browserApi, type ApiClient } from '@/lib/api-client';
import { queryKeys } from '@/lib/query-keys';

/** What the trial page shows, as the server read it. */
export interface TrialPageData {
  trial: TTrial;
  compared: TComparedTrial;
  evaluations: readonly TEvaluation[];
  models: readonly TModelArtifact[];
}

/**
 * The trial page's reads, each under its resource's key and starting from the server's answer.
 * The models list is what a refit waits on (RefitButton polls it); when it grows, what the refit
 * produced besides the model (the test evaluation, the trial's test accuracy) is read again too.
 */
export function useTrialPage(initial: TrialPageData, options: { api?: ApiClient } = {}) {
  const api = options.api ?? browserApi;
  const id = initial.trial.id;
  const trial = useQuery({ queryKey: queryKeys.trials.detail(id), queryFn: () => api.getTrial(id), initialData: initial.trial });
  const compared = useQuery({
    queryKey: queryKeys.trials.compared(id),
    queryFn: async () => (await api.compareTrials([id])).trials[0] ?? initial.compared,
    initialData: initial.compared,
  });
  const evaluations = useQuery({
    queryKey: queryKeys.trials.evaluations(id),
    queryFn: async (): Promise<readonly TEvaluation[]> => (await api.getTrialEvaluations(id)).items,
    initialData: initial.evaluations,
  });
  const models = useTrialModels(id, { api, initial: initial.models });
  return { trial: trial.data, compared: compared.data, evaluations: evaluations.data, models };
}

/**
 * GET /trials/:id/models from the cache. With `awaitMoreThan` (a refit queued when the trial had
 * that many models), read again every `pollMs` until there are more; see useTrialPage.
 */
export function useTrialModels(
  trialId: string,
  options: { api?: ApiClient; initial?: readonly TModelArtifact[]; awaitMoreThan?: number | null; pollMs?: number } = {},
): readonly TModelArtifact[] {
  const { awaitMoreThan = null, pollMs = 3000 } = options;
  const api = options.api ?? browserApi;
  const client = useQueryClient();
  const key = queryKeys.trials.models(trialId);
  const { data } = useQuery({
    queryKey: key,
    queryFn: async (): Promise<readonly TModelArtifact[]> => {
      const before = client.getQueryData<readonly TModelArtifact[]>(key);
      const models = (await api.listTrialModels(trialId)).items;
      if ((awaitMoreThan !== null && models.length > awaitMoreThan) || (before && models.length > before.length)) {
        // a refit landed: its evaluation and the trial's test accuracy came with it
        void client.invalidateQueries({ queryKey: queryKeys.trials.evaluations(trialId) });
        void client.invalidateQueries({ queryKey: queryKeys.trials.detail(trialId), exact: true });
        void client.invalidateQueries({ queryKey: queryKeys.trials.compared(trialId) });
        void client.invalidateQueries({ queryKey: queryKeys.comparisons.all });
      }
      return models;
    },
    initialData: options.initial,
    // a refit button elsewhere (the comparison) reads the models only once it waits for one
    enabled: options.initial !== undefined || awaitMoreThan !== null,
    refetchInterval: (query) => (awaitMoreThan !== null && (query.state.data?.length ?? 0) <= awaitMoreThan ? pollMs : false),
  });
  return data ?? options.initial ?? [];
}
