import styles from './chart.module.css';

/** The legend's key to the two line styles, shared by the curve charts. */
export function LineStyleKey() {
  return (
    <li className={styles.key} aria-label="Line styles">
      <span>
        <span className={styles.keyLine} aria-hidden="true" />
        validation
      </span>
      <span>
        <span className={`${styles.keyLine ?? ''} ${styles.keyLineDashed ?? ''}`} aria-hidden="true" />
        training
      </span>
    </li>
  );
}
