'use client';

import { canExperiment, type TExperimentStatus } from '@atelier/domain';
import { usePendingAction } from '@/components/ui/use-pending-action';
import { browserApi, type ApiClient } from '@/lib/api-client';

interface Props {
  experimentId: string;
  status: TExperimentStatus;
  onChanged: () => void;
  api?: ApiClient;
}

/** Pause holds queued folds and stops running ones at their next batch; resume queues them again. */
export function PauseResumeButton({ experimentId, status, onChanged, api = browserApi }: Props) {
  const canPause = canExperiment('pause', status);
  const canResume = canExperiment('resume', status);
  const { busy, error, run } = usePendingAction(() => (canPause ? api.pauseExperiment(experimentId) : api.resumeExperiment(experimentId)), onChanged);
  if (!canPause && !canResume) return null;
  return (
    <>
      <button type="button" className="button" onClick={() => void run()} disabled={busy}>
        {canPause ? (busy ? 'Pausing…' : 'Pause') : busy ? 'Resuming…' : 'Resume'}
      </button>
      {error ? (
        <span className="field__error" role="alert">
          {error}
        </span>
      ) : null}
    </>
  );
}
