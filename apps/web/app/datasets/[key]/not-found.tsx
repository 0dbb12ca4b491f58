import Link from 'next/link';
import { StatePanel } from '@/components/ui/state-panel';

export default function DatasetNotFound() {
  return (
    <div className="card">
      <StatePanel
        title="Dataset not found"
        headingLevel={1}
        action={
          <Link className="button button--primary" href="/datasets">
            All datasets
          </Link>
        }
      >
        No dataset has this key. It may be mistyped, or it was imported on another server.
      </StatePanel>
    </div>
  );
}
