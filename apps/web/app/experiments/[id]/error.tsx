'use client';

import Link from 'next/link';
import { StatePanel } from '@/components/ui/state-panel';
import buttonStyles from '@/components/ui/button.module.css';
import cardStyles from '@/components/ui/card.module.css';

export default function ExperimentError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <div className={cardStyles.card}>
      <StatePanel
        tone="error"
        title="Cannot show this experiment"
        headingLevel={1}
        detail={error.message || error.digest}
        action={
          <div className="toolbar">
            <button type="button" className={`${buttonStyles.button} ${buttonStyles.primary}`} onClick={reset}>
              Try again
            </button>
            <Link className={buttonStyles.button} href="/experiments">
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
