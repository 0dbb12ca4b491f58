import { TableSkeleton } from '@/components/ui/table-skeleton';

export default function DatasetsLoading() {
  return (
    <>
      <div className="page-header">
        <div>
          <h1>Datasets</h1>
          <p>Loading…</p>
        </div>
      </div>
      <div className="card">
        <TableSkeleton label="Loading datasets" columns={6} rows={3} />
      </div>
    </>
  );
}
