'use client';

import { useRef, useState } from 'react';
import { browserApi } from '@/lib/api-client';

interface CancelExperimentButtonProps {
  experimentId: string;
  experimentName: string;
  onCancelled: () => void;
}

/** Cancel with a confirmation dialog: a cancelled search cannot be resumed. */
export function CancelExperimentButton({ experimentId, experimentName, onCancelled }: CancelExperimentButtonProps) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const confirm = async () => {
    setBusy(true);
    setError(null);
    try {
      await browserApi.cancelExperiment(experimentId);
      dialog.current?.close();
      onCancelled();
    } catch (cause) {
      setError((cause as Error).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <button type="button" className="button button--danger" onClick={() => dialog.current?.showModal()}>
        Cancel experiment
      </button>
      <dialog ref={dialog} className="dialog" aria-labelledby="cancel-title">
        <h2 id="cancel-title">Cancel “{experimentName}”?</h2>
        <p>Running trials stop after their current batch and queued trials never start. Finished trials and their metrics are kept.</p>
        {error ? (
          <div className="alert alert--error" role="alert">
            {error}
          </div>
        ) : null}
        <div className="dialog__actions">
          <button type="button" className="button" onClick={() => dialog.current?.close()} autoFocus>
            Keep running
          </button>
          <button type="button" className="button button--danger-solid" onClick={confirm} disabled={busy}>
            {busy ? 'Cancelling…' : 'Cancel experiment'}
          </button>
        </div>
      </dialog>
    </>
  );
}
