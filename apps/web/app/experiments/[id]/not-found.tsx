import Link from 'next/link';
import { StatePanel } from '@/components/ui/state-panel';

export default function ExperimentNotFound() {
  return (
    <div className="card">
      <StatePanel
        title="Experiment not found"
        headingLevel={1}
        action={
          <Link className="button button--primary" href="/experiments">
            Back to experiments
          </Link>
        }
      >
        It may have been deleted, or the link is mistyped.
      </StatePanel>
    </div>
  );
}
