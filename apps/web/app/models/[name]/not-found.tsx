import Link from 'next/link';
import { StatePanel } from '@/components/ui/state-panel';
import buttonStyles from '@/components/ui/button.module.css';
import cardStyles from '@/components/ui/card.module.css';

export default function RegisteredModelNotFound() {
  return (
    <div className={cardStyles.card}>
      <StatePanel
        title="Registered model not found"
        headingLevel={1}
        action={
          <Link className={buttonStyles.button} href="/models">
            All models
          </Link>
        }
      >
        No registered model has this name.
      </StatePanel>
    </div>
  );
}
