'use client';

import { canExperiment, type TExperimentStatus } from '@atelier/domain';
import { usePendingAction } from '@/components/ui/use-pending-action';
import { browserApi, type ApiClient } from '@/lib/api-client';
import buttonStyles from '@/components/ui/button.module.css';
import fieldStyles from '@/components/ui/field.module.css';

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
      <button type="button" className={buttonStyles.button} onClick={() => void run()} disabled={busy}>
        {canPause ? (busy ? 'Pausing…' : 'Pause') : busy ? 'Resuming…' : 'Resume'}
      </button>
      {error ? (
        <span className={fieldStyles.error} role="alert">
          {error}
        </span>
      ) : null}
    </>
  );
}
