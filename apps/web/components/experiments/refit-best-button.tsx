'use client';

import type { TExperimentStatus, TRefit } from '@atelier/domain';
import { useRef, useState } from 'react';
import { browserApi, type ApiClient } from '@/lib/api-client';

interface RefitBestButtonProps {
  experimentId: string;
  status: TExperimentStatus;
  bestTrial: { id: string; number: number } | null;
  refit: Pick<TRefit, 'status' | 'trialId'> | null;
  onQueued: () => void;
  api?: ApiClient;
}

/**
 * When a search offers to refit its best trial so far: nothing trains (paused, cancelled,
 * failed, or completed without a refit), a trial is scored, and that trial is not refit (or
 * being refit) already. The same rules the API enforces; it has the last word.
 */
export function canRefitBest(status: TExperimentStatus, bestTrial: { id: string } | null, refit: Pick<TRefit, 'status' | 'trialId'> | null): boolean {
  if (!bestTrial || status === 'queued' || status === 'running') return false;
  if (!refit || refit.status === 'failed') return true;
  if (refit.status === 'queued' || refit.status === 'running') return false;
  return refit.trialId !== bestTrial.id;
}

/** "Refit best so far" with a confirmation: the retraining takes a training slot. */
export function RefitBestButton({ experimentId, status, bestTrial, refit, onQueued, api = browserApi }: RefitBestButtonProps) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  if (!canRefitBest(status, bestTrial, refit)) return null;

  const confirm = async () => {
    setBusy(true);
    setError(null);
    try {
      await api.refitExperiment(experimentId);
      dialog.current?.close();
      onQueued();
    } catch (cause) {
      setError((cause as Error).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <button type="button" className="button" onClick={() => dialog.current?.showModal()}>
        Refit best so far
      </button>
      <dialog ref={dialog} className="dialog" aria-labelledby="refit-best-title">
        <h2 id="refit-best-title">Refit trial {bestTrial!.number}?</h2>
        <p>
          Trial {bestTrial!.number} is the best so far. It is retrained on every training image of this experiment and scored on the test set,
          like the refit a completed search gets; the model can then be downloaded and tried.
          {status === 'paused' ? ' The search stays paused.' : ''}
        </p>
        {error ? (
          <div className="alert alert--error" role="alert">
            {error}
          </div>
        ) : null}
        <div className="dialog__actions">
          <button type="button" className="button" onClick={() => dialog.current?.close()} autoFocus>
            Not now
          </button>
          <button type="button" className="button button--primary" onClick={confirm} disabled={busy}>
            {busy ? 'Queueing…' : `Refit trial ${bestTrial!.number}`}
          </button>
        </div>
      </dialog>
    </>
  );
}
