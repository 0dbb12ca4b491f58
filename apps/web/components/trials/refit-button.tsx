'use client';

import { useRouter } from 'next/navigation';
import { useEffect, useState } from 'react';
import { browserApi, type ApiClient } from '@/lib/api-client';
import styles from './trials.module.css';

interface Props {
  trialId: string;
  /** Models the trial has now: the refit is done when there is one more. */
  modelCount: number;
  api?: ApiClient;
  pollMs?: number;
}

/** Retrains the trial on all its training images and scores it on the test set; reloads the page when the model lands. */
export function RefitButton({ trialId, modelCount, api = browserApi, pollMs = 3000 }: Props) {
  const router = useRouter();
  const [state, setState] = useState<{ kind: 'idle' } | { kind: 'sending' } | { kind: 'queued'; generation: number } | { kind: 'error'; message: string }>({
    kind: 'idle',
  });

  useEffect(() => {
    if (state.kind !== 'queued') return;
    const timer = setInterval(async () => {
      try {
        const models = await api.listTrialModels(trialId);
        if (models.items.length > state.generation) {
          setState({ kind: 'idle' });
          router.refresh();
        }
      } catch {
        // keep polling: a blip of the API should not end the wait
      }
    }, pollMs);
    return () => clearInterval(timer);
  }, [state, api, trialId, pollMs, router]);

  const refit = async () => {
    setState({ kind: 'sending' });
    try {
      const queued = await api.refitTrial(trialId);
      setState({ kind: 'queued', generation: Math.max(queued.generation, modelCount) });
    } catch (error) {
      setState({ kind: 'error', message: (error as Error).message });
    }
  };

  return (
    <div className="toolbar">
      <button type="button" className="button" onClick={() => void refit()} disabled={state.kind === 'sending' || state.kind === 'queued'}>
        {state.kind === 'queued' ? 'Refitting…' : state.kind === 'sending' ? 'Queuing…' : 'Refit this trial'}
      </button>
      {state.kind === 'queued' ? (
        <span className={`muted ${styles.note ?? ''}`} role="status">
          Queued: training on every training image, then testing. This page updates when the model is stored.
        </span>
      ) : null}
      {state.kind === 'error' ? (
        <span className="field__error" role="alert">
          {state.message}
        </span>
      ) : null}
    </div>
  );
}
