'use client';

import type { TModelAlias, TModelVersion, TRegisteredModelDetail } from '@atelier/domain';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { browserApi, isApiError, type ApiClient } from '@/lib/api-client';
import { queryKeys } from '@/lib/query-keys';

/** One registered model, its versions and aliases, read again in its own project; the server's first read seeds the cache. */
export function useRegisteredModel(initial: TRegisteredModelDetail, api: ApiClient = browserApi) {
  const project = initial.project.slug;
  return useQuery({
    queryKey: queryKeys.registry.detail(project, initial.name),
    queryFn: () => api.getRegisteredModel(initial.name, { project }),
    initialData: initial,
  });
}

/** Everything read about the registry is stale once a version or an alias changes. */
function useInvalidateRegistry() {
  const client = useQueryClient();
  return () => void client.invalidateQueries({ queryKey: queryKeys.registry.all });
}

/** PUT /registered-models/:name/aliases/:alias?project=<slug> */
export function useSetAlias(name: string, project: string, api: ApiClient = browserApi) {
  const invalidate = useInvalidateRegistry();
  return useMutation<TModelAlias, Error, { alias: string; version: number }>({
    mutationFn: ({ alias, version }) => api.setModelAlias(name, alias, { version }, { project }),
    onSuccess: invalidate,
  });
}

/**
 * A stored model becomes the next version of a registered model of `project` (the model's own
 * project: the API refuses a model of another), which is created first when the name is new
 * there (the API refuses a taken name with 409, so two tabs cannot create it twice).
 */
export function useRegisterModel(project: string, api: ApiClient = browserApi) {
  const invalidate = useInvalidateRegistry();
  return useMutation<TModelVersion, Error, { name: string; modelId: string }>({
    mutationFn: async ({ name, modelId }) => {
      try {
        return await api.registerModelVersion(name, { modelId }, { project });
      } catch (error) {
        if (!isApiError(error) || error.status !== 404 || !/No registered model named/.test(error.message)) throw error;
      }
      try {
        await api.createRegisteredModel({ name, project });
      } catch (error) {
        // created meanwhile by someone else: register under it all the same
        if (!isApiError(error) || error.status !== 409) throw error;
      }
      return api.registerModelVersion(name, { modelId }, { project });
    },
    onSuccess: invalidate,
  });
}
