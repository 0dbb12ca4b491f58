import { TableSkeleton } from '@/components/ui/table-skeleton';
import cardStyles from '@/components/ui/card.module.css';

export default function RegisteredModelLoading() {
  return (
    <div className={cardStyles.card}>
      <TableSkeleton rows={4} columns={9} label="Loading the registered model" />
    </div>
  );
}
