import Link from 'next/link';
import { StatePanel } from '@/components/ui/state-panel';
import buttonStyles from '@/components/ui/button.module.css';
import cardStyles from '@/components/ui/card.module.css';

export default function RunNotFound() {
  return (
    <div className={cardStyles.card}>
      <StatePanel
        title="Run not found"
        headingLevel={1}
        action={
          <Link className={buttonStyles.button} href="/experiments">
            All experiments
          </Link>
        }
      >
        No run has this id. It may belong to a deleted experiment.
      </StatePanel>
    </div>
  );
}
