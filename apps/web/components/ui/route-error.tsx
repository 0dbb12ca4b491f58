'use client';

import { StatePanel } from '@/components/ui/state-panel';
import buttonStyles from '@/components/ui/button.module.css';
import cardStyles from '@/components/ui/card.module.css';

/** A route's error.tsx: the page threw (the API restarting, a bug); "Try again" renders it anew. */
export function RouteError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <div className={cardStyles.card}>
      <StatePanel
        tone="error"
        title="Something went wrong"
        headingLevel={1}
        detail={error.message || error.digest}
        action={
          <button type="button" className={`${buttonStyles.button} ${buttonStyles.primary}`} onClick={reset}>
            Try again
          </button>
        }
      >
        This page could not be shown. If the API was restarting, trying again usually helps.
      </StatePanel>
    </div>
  );
}
