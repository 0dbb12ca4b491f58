import Link from 'next/link';
import { StatePanel } from '@/components/ui/state-panel';

export default function RunNotFound() {
  return (
    <div className="card">
      <StatePanel
        title="Run not found"
        headingLevel={1}
        action={
          <Link className="button" href="/experiments">
            All experiments
          </Link>
        }
      >
        No run has this id. It may belong to a deleted experiment.
      </StatePanel>
    </div>
  );
}
