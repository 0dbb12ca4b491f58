'use client';

import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { browserApi, type ApiClient } from '@/lib/api-client';
import buttonStyles from '@/components/ui/button.module.css';
import fieldStyles from '@/components/ui/field.module.css';
import styles from './trials.module.css';
import { errorMessage } from '@/lib/query-client';
import { useTrialModels } from './use-trial';

interface Props {
  trialId: string;
  api?: ApiClient;
  pollMs?: number;
}

/**
 * Retrains the trial on all its training images and scores it on the test set. Once queued, the
 * trial's models are read again every `pollMs` until one more is stored; the page then shows it
 * with its evaluation (see useTrialModels).
 */
export function RefitButton({ trialId, api = browserApi, pollMs = 3000 }: Props) {
  /** How many models the trial had when the refit was queued: it is done when there are more. */
  const [awaiting, setAwaiting] = useState<number | null>(null);
  const models = useTrialModels(trialId, { api, awaitMoreThan: awaiting, pollMs });
  const waiting = awaiting !== null && models.length <= awaiting;
  const refit = useMutation({
    mutationFn: () => api.refitTrial(trialId),
    onSuccess: (queued) => setAwaiting(Math.max(queued.generation, models.length)),
  });
  const error = errorMessage(refit.error);

  return (
    <div className="toolbar">
      <button type="button" className={buttonStyles.button} onClick={() => refit.mutate()} disabled={refit.isPending || waiting}>
        {waiting ? 'Refitting…' : refit.isPending ? 'Queuing…' : 'Refit this trial'}
      </button>
      {waiting ? (
        <span className={`muted ${styles.note ?? ''}`} role="status">
          Queued: training on every training image, then testing. This page updates when the model is stored.
        </span>
      ) : null}
      {error ? (
        <span className={fieldStyles.error} role="alert">
          {error}
        </span>
      ) : null}
    </div>
  );
}
