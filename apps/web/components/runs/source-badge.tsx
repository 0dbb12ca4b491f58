import styles from './runs.module.css';

/** Marks what was logged from code (POST /runs), beside Atelier's own searches. */
export function LoggedFromCodeBadge() {
  return (
    <span
      className={styles.sourceBadge}
      title="Runs logged from code with POST /runs (the SDK), not a search Atelier ran"
      data-testid="logged-from-code"
    >
      logged from code
    </span>
  );
}
