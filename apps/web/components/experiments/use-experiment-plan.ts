'use client';

import type { TCreateExperimentRequest } from '@atelier/domain';
import { useEffect, useState } from 'react';
import { browserApi, isApiError, type ApiClient, type TExperimentPlan } from '@/lib/api-client';

export type PlanCheck =
  | { state: 'idle' }
  | { state: 'checking' }
  | { state: 'ok'; plan: TExperimentPlan }
  /** The server refused the request (400): launching would fail the same way. */
  | { state: 'rejected'; message: string; issues: { path: string; message: string }[] }
  /** The check itself failed (API down, 5xx): says nothing about the request. */
  | { state: 'unavailable'; message: string };

/**
 * Asks POST /experiments/plan about the request once typing pauses. The local estimate
 * answers instantly; this is the server's word (limits, dataset availability, sizes).
 */
export function useExperimentPlan(request: TCreateExperimentRequest | null, options: { api?: ApiClient; delayMs?: number } = {}): PlanCheck {
  const api = options.api ?? browserApi;
  const delayMs = options.delayMs ?? 350;
  const key = request ? JSON.stringify(request) : null;
  const [check, setCheck] = useState<PlanCheck>({ state: 'idle' });

  useEffect(() => {
    if (!key) {
      setCheck({ state: 'idle' });
      return;
    }
    let current = true;
    setCheck({ state: 'checking' });
    const timer = setTimeout(() => {
      api.planExperiment(JSON.parse(key) as TCreateExperimentRequest).then(
        (plan) => current && setCheck({ state: 'ok', plan }),
        (error: unknown) => {
          if (!current) return;
          if (isApiError(error) && error.status === 400) {
            setCheck({ state: 'rejected', message: error.message, issues: error.issues ?? [] });
          } else {
            setCheck({ state: 'unavailable', message: (error as Error).message });
          }
        },
      );
    }, delayMs);
    return () => {
      current = false;
      clearTimeout(timer);
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, delayMs]);

  return check;
}
