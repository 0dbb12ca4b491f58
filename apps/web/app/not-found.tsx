import Link from 'next/link';
import { StatePanel } from '@/components/ui/state-panel';

export default function NotFound() {
  return (
    <div className="card">
      <StatePanel
        title="Page not found"
        headingLevel={1}
        action={
          <Link className="button button--primary" href="/experiments">
            Go to experiments
          </Link>
        }
      >
        There is nothing at this address.
      </StatePanel>
    </div>
  );
}
