import { TableSkeleton } from '@/components/ui/table-skeleton';

export default function ExperimentLoading() {
  return (
    <div className="stack" aria-busy="true">
      <div>
        <div className="skeleton" style={{ width: 120, height: 12, marginBottom: 10 }} />
        <div className="skeleton" style={{ width: 320, height: 28 }} />
      </div>
      <div className="card" style={{ height: 68 }} />
      <div className="card card__body">
        <div className="skeleton" style={{ width: 160, height: 18, marginBottom: 16 }} />
        <div className="skeleton" style={{ width: '100%', height: 260 }} />
      </div>
      <div className="card">
        <TableSkeleton label="Loading trials" columns={8} rows={4} />
      </div>
    </div>
  );
}
