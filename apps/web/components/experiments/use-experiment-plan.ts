'use client';

import type { TCreateExperimentRequest } from '@atelier/domain';
import { useQuery } from '@tanstack/react-query';
import { useSettledValue } from '@/components/ui/use-settled-value';
import { browserApi, isApiError, type ApiClient, type TExperimentPlan } from '@/lib/api-client';
import { errorMessage } from '@/lib/query-client';
import { queryKeys } from '@/lib/query-keys';

export type PlanCheck =
  | { state: 'idle' }
  | { state: 'checking' }
  | { state: 'ok'; plan: TExperimentPlan }
  /** The server refused the request (400): launching would fail the same way. */
  | { state: 'rejected'; message: string; issues: { path: string; message: string }[] }
  /** The check itself failed (API down, 5xx): says nothing about the request. */
  | { state: 'unavailable'; message: string };

/**
 * Asks POST /experiments/plan about the request once typing pauses, through the query cache (a
 * request typed again is answered from it). The local estimate answers instantly; this is the
 * server's word (limits, dataset availability, sizes).
 */
export function useExperimentPlan(
  request: TCreateExperimentRequest | null,
  options: { api?: ApiClient; delayMs?: number } = {},
): PlanCheck {
  const api = options.api ?? browserApi;
  const key = request ? JSON.stringify(request) : null;
  const settled = useSettledValue(key, options.delayMs ?? 350);
  const plan = useQuery({
    queryKey: queryKeys.experiments.plan(settled),
    queryFn: () => api.planExperiment(JSON.parse(settled ?? 'null') as TCreateExperimentRequest),
    enabled: settled !== null && settled === key,
    // the answer is the check: a failure is shown as it is, and the next edit asks again
    retry: false,
  });
  if (key === null) return { state: 'idle' };
  if (settled !== key || plan.isPending) return { state: 'checking' };
  if (plan.isError) {
    const error = plan.error;
    if (isApiError(error) && error.status === 400) return { state: 'rejected', message: error.message, issues: error.issues ?? [] };
    return { state: 'unavailable', message: errorMessage(error) ?? 'unknown error' };
  }
  return { state: 'ok', plan: plan.data };
}
