import { TableSkeleton } from '@/components/ui/table-skeleton';
import cardStyles from '@/components/ui/card.module.css';

export default function DatasetsLoading() {
  return (
    <>
      <div className="page-header">
        <div>
          <h1>Datasets</h1>
          <p>Loading…</p>
        </div>
      </div>
      <div className={cardStyles.card}>
        <TableSkeleton label="Loading datasets" columns={6} rows={3} />
      </div>
    </>
  );
}
