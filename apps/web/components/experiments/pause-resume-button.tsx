'use client';

import { canExperiment, type TExperimentStatus } from '@atelier/domain';
import { browserApi, type ApiClient } from '@/lib/api-client';
import buttonStyles from '@/components/ui/button.module.css';
import fieldStyles from '@/components/ui/field.module.css';
import { errorMessage } from '@/lib/query-client';
import { useExperimentAction } from './use-experiment-action';

interface Props {
  experimentId: string;
  status: TExperimentStatus;
  api?: ApiClient;
}

/** Pause holds queued folds and stops running ones at their next batch; resume queues them again. The page reads the experiment again once the API agrees. */
export function PauseResumeButton({ experimentId, status, api = browserApi }: Props) {
  const canPause = canExperiment('pause', status);
  const canResume = canExperiment('resume', status);
  const mutation = useExperimentAction(experimentId, () =>
    canPause ? api.pauseExperiment(experimentId) : api.resumeExperiment(experimentId),
  );
  const busy = mutation.isPending;
  const error = errorMessage(mutation.error);
  if (!canPause && !canResume) return null;
  return (
    <>
      <button type="button" className={buttonStyles.button} onClick={() => mutation.mutate()} disabled={busy}>
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
