'use client';

import { StatePanel } from '@/components/ui/state-panel';

export default function ExperimentsError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <div className="card">
      <StatePanel
        tone="error"
        title="Something went wrong"
        headingLevel={1}
        detail={error.message || error.digest}
        action={
          <button type="button" className="button button--primary" onClick={reset}>
            Try again
          </button>
        }
      >
        This page could not be shown. If the API was restarting, trying again usually helps.
      </StatePanel>
    </div>
  );
}
