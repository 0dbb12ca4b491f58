import cardStyles from '@/components/ui/card.module.css';
import skeleton from '@/components/ui/skeleton.module.css';
import styles from './loading.module.css';
export default function NewExperimentLoading() {
  return (
    <>
      <div className="page-header">
        <div>
          <h1>New experiment</h1>
          <p>Loading datasets and architectures…</p>
        </div>
      </div>
      <div className={styles.layout} aria-busy="true">
        <div className={styles.sections}>
          {[0, 1, 2].map((i) => (
            <div key={i} className={`${cardStyles.card} ${styles.panel}`}>
              <div className={`${skeleton.skeleton} ${skeleton.heading}`} />
              <div className={`${skeleton.skeleton} ${skeleton.input}`} />
              <div className={`${skeleton.skeleton} ${skeleton.inputShort}`} />
            </div>
          ))}
        </div>
        <div className={`${cardStyles.card} ${styles.panel}`}>
          <div className={`${skeleton.skeleton} ${skeleton.bigNumber}`} />
          <div className={`${skeleton.skeleton} ${skeleton.button}`} />
        </div>
      </div>
    </>
  );
}
