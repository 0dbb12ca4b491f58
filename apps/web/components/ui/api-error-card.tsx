import Link from 'next/link';
import type { ApiError } from '@/lib/api-client';
import { StatePanel } from './state-panel';
import buttonStyles from './button.module.css';
import cardStyles from './card.module.css';

/** A page whose API read failed for a reason other than "not there": what failed and a way to retry. */
export function ApiErrorCard({ title, error, retryHref }: { title: string; error: ApiError; retryHref: string }) {
  return (
    <div className={cardStyles.card}>
      <StatePanel
        tone="error"
        title={title}
        detail={error.message}
        action={
          <Link className={buttonStyles.button} href={retryHref}>
            Try again
          </Link>
        }
      >
        The Atelier API did not answer as expected. Check that it is running.
      </StatePanel>
    </div>
  );
}
