import Link from 'next/link';
import { StatePanel } from '@/components/ui/state-panel';
import buttonStyles from '@/components/ui/button.module.css';
import cardStyles from '@/components/ui/card.module.css';

export default function DatasetNotFound() {
  return (
    <div className={cardStyles.card}>
      <StatePanel
        title="Dataset not found"
        headingLevel={1}
        action={
          <Link className={`${buttonStyles.button} ${buttonStyles.primary}`} href="/datasets">
            All datasets
          </Link>
        }
      >
        No dataset has this key. It may be mistyped, or it was imported on another server.
      </StatePanel>
    </div>
  );
}
