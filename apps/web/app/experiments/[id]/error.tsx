'use client';

import Link from 'next/link';
import { StatePanel } from '@/components/ui/state-panel';

export default function ExperimentError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <div className="card">
      <StatePanel
        tone="error"
        title="Cannot show this experiment"
        headingLevel={1}
        detail={error.message || error.digest}
        action={
          <div className="toolbar" style={{ justifyContent: 'center' }}>
            <button type="button" className="button button--primary" onClick={reset}>
              Try again
            </button>
            <Link className="button" href="/experiments">
              All experiments
            </Link>
          </div>
        }
      >
        The API did not answer or sent something unexpected.
      </StatePanel>
    </div>
  );
}
