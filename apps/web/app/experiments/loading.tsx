import { TableSkeleton } from '@/components/ui/table-skeleton';

export default function ExperimentsLoading() {
  return (
    <>
      <div className="page-header">
        <div>
          <h1>Experiments</h1>
          <p>Loading…</p>
        </div>
      </div>
      <div className="card">
        <TableSkeleton label="Loading experiments" columns={6} rows={6} />
      </div>
    </>
  );
}
