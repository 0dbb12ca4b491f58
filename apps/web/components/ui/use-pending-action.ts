'use client';

import { useState } from 'react';

/**
 * One call to the API behind a button: busy while it runs (so a second click cannot send it
 * twice), its refusal kept as the message to show, onDone only once it succeeded.
 */
export function usePendingAction(action: () => Promise<unknown>, onDone: () => void) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const run = async () => {
    setBusy(true);
    setError(null);
    try {
      await action();
      onDone();
    } catch (cause) {
      setError((cause as Error).message);
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, run };
}
