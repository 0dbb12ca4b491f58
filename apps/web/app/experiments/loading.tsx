import { TableSkeleton } from '@/components/ui/table-skeleton';
import cardStyles from '@/components/ui/card.module.css';

export default function ExperimentsLoading() {
  return (
    <>
      <div className="page-header">
        <div>
          <h1>Experiments</h1>
          <p>Loading…</p>
        </div>
      </div>
      <div className={cardStyles.card}>
        <TableSkeleton label="Loading experiments" columns={6} rows={6} />
      </div>
    </>
  );
}
