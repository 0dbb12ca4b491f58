'use client';

import { canExperiment, isRefitActive, type TExperimentStatus, type TRefit } from '@atelier/domain';
import { ConfirmAction } from '@/components/ui/confirm-action';
import { browserApi, type ApiClient } from '@/lib/api-client';
import { useExperimentAction } from './use-experiment-action';

interface RefitBestButtonProps {
  experimentId: string;
  status: TExperimentStatus;
  bestTrial: { id: string; number: number } | null;
  refit: Pick<TRefit, 'status' | 'trialId'> | null;
  api?: ApiClient;
}

/**
 * When a search offers to refit its best trial so far: nothing trains (paused, cancelled,
 * failed, or completed without a refit), a trial is scored, and that trial is not refit (or
 * being refit) already. The same rules the API enforces; it has the last word.
 */
export function canRefitBest(
  status: TExperimentStatus,
  bestTrial: { id: string } | null,
  refit: Pick<TRefit, 'status' | 'trialId'> | null,
): boolean {
  if (!bestTrial || !canExperiment('refit', status)) return false;
  if (!refit || refit.status === 'failed') return true;
  if (isRefitActive(refit.status)) return false;
  return refit.trialId !== bestTrial.id;
}

/** "Refit best so far" with a confirmation: the retraining takes a training slot. */
export function RefitBestButton({ experimentId, status, bestTrial, refit, api = browserApi }: RefitBestButtonProps) {
  const queue = useExperimentAction(experimentId, () => api.refitExperiment(experimentId));
  if (!bestTrial || !canRefitBest(status, bestTrial, refit)) return null;
  return (
    <ConfirmAction
      label="Refit best so far"
      title={`Refit trial ${bestTrial.number}?`}
      dismissLabel="Not now"
      confirmLabel={`Refit trial ${bestTrial.number}`}
      busyLabel="Queueing…"
      action={() => queue.mutateAsync()}
    >
      <p>
        Trial {bestTrial.number} is the best so far. It is retrained on every training image of this experiment and scored on the test set,
        like the refit a completed search gets; the model can then be downloaded and tried.
        {status === 'paused' ? ' The search stays paused.' : ''}
      </p>
    </ConfirmAction>
  );
}
