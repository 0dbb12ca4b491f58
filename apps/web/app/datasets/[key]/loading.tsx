import cardStyles from '@/components/ui/card.module.css';
import skeleton from '@/components/ui/skeleton.module.css';
export default function DatasetLoading() {
  return (
    <>
      <div className="page-header">
        <div>
          <h1>Dataset</h1>
          <p>Analysing every image… the first visit after the API starts takes a few seconds; later ones are instant.</p>
        </div>
      </div>
      <div className={`${cardStyles.card} ${cardStyles.body}`}>
        <div className={`${skeleton.skeleton} ${skeleton.panel}`} aria-label="Loading the dataset" role="status" />
      </div>
    </>
  );
}
