import { TableSkeleton } from '@/components/ui/table-skeleton';
import cardStyles from '@/components/ui/card.module.css';

export default function RunLoading() {
  return (
    <div className={cardStyles.card}>
      <TableSkeleton rows={6} columns={4} label="Loading the run" />
    </div>
  );
}
