import { TableSkeleton } from '@/components/ui/table-skeleton';
import cardStyles from '@/components/ui/card.module.css';

export default function TrialLoading() {
  return (
    <div className={cardStyles.card}>
      <TableSkeleton rows={6} columns={5} label="Loading the trial" />
    </div>
  );
}
