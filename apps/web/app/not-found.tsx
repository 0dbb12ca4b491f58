import Link from 'next/link';
import { StatePanel } from '@/components/ui/state-panel';
import buttonStyles from '@/components/ui/button.module.css';
import cardStyles from '@/components/ui/card.module.css';

export default function NotFound() {
  return (
    <div className={cardStyles.card}>
      <StatePanel
        title="Page not found"
        headingLevel={1}
        action={
          <Link className={`${buttonStyles.button} ${buttonStyles.primary}`} href="/experiments">
            Go to experiments
          </Link>
        }
      >
        There is nothing at this address.
      </StatePanel>
    </div>
  );
}
