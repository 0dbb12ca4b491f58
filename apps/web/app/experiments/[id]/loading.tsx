import { TableSkeleton } from '@/components/ui/table-skeleton';
import cardStyles from '@/components/ui/card.module.css';
import skeleton from '@/components/ui/skeleton.module.css';

export default function ExperimentLoading() {
  return (
    <div className="stack" aria-busy="true">
      <div>
        <div className={`${skeleton.skeleton} ${skeleton.breadcrumb}`} />
        <div className={`${skeleton.skeleton} ${skeleton.title}`} />
      </div>
      <div className={`${cardStyles.card} ${skeleton.facts}`} />
      <div className={`${cardStyles.card} ${cardStyles.body}`}>
        <div className={`${skeleton.skeleton} ${skeleton.heading}`} />
        <div className={`${skeleton.skeleton} ${skeleton.chart}`} />
      </div>
      <div className={cardStyles.card}>
        <TableSkeleton label="Loading trials" columns={8} rows={4} />
      </div>
    </div>
  );
}
