import Link from 'next/link';
import { StatePanel } from '@/components/ui/state-panel';
import buttonStyles from '@/components/ui/button.module.css';
import cardStyles from '@/components/ui/card.module.css';

export default function ExperimentNotFound() {
  return (
    <div className={cardStyles.card}>
      <StatePanel
        title="Experiment not found"
        headingLevel={1}
        action={
          <Link className={`${buttonStyles.button} ${buttonStyles.primary}`} href="/experiments">
            Back to experiments
          </Link>
        }
      >
        It may have been deleted, or the link is mistyped.
      </StatePanel>
    </div>
  );
}
