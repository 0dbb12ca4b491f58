import { TableSkeleton } from '@/components/ui/table-skeleton';

export default function RunLoading() {
  return (
    <div className="card">
      <TableSkeleton rows={6} columns={4} label="Loading the run" />
    </div>
  );
}
