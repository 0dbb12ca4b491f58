import { TableSkeleton } from '@/components/ui/table-skeleton';
import cardStyles from '@/components/ui/card.module.css';

export default function ModelsLoading() {
  return (
    <div className={cardStyles.card}>
      <TableSkeleton rows={4} columns={6} label="Loading the model registry" />
    </div>
  );
}
