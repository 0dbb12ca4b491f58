import { TableSkeleton } from '@/components/ui/table-skeleton';

export default function TrialLoading() {
  return (
    <div className="card">
      <TableSkeleton rows={6} columns={5} label="Loading the trial" />
    </div>
  );
}
