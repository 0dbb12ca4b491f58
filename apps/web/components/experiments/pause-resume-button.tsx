'use client';

import type { TExperimentStatus } from '@atelier/domain';
import { useState } from 'react';
import { browserApi, type ApiClient } from '@/lib/api-client';

interface Props {
  experimentId: string;
  status: TExperimentStatus;
  onChanged: () => void;
  api?: ApiClient;
}

/** Pause holds queued folds and stops running ones at their next batch; resume queues them again. */
export function PauseResumeButton({ experimentId, status, onChanged, api = browserApi }: Props) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const canPause = status === 'queued' || status === 'running';
  const canResume = status === 'paused';
  if (!canPause && !canResume) return null;
  const act = async () => {
    setBusy(true);
    setError(null);
    try {
      await (canPause ? api.pauseExperiment(experimentId) : api.resumeExperiment(experimentId));
      onChanged();
    } catch (cause) {
      setError((cause as Error).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <button type="button" className="button" onClick={() => void act()} disabled={busy}>
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
