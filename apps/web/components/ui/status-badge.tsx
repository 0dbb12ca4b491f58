import type { TExperimentStatus, TRunDisplayStatus } from '@atelier/domain';
import styles from './status-badge.module.css';

const TITLES: Partial<Record<TRunDisplayStatus, string>> = {
  lost: 'Lost: the run still says running, but it has not been heard from for a while (its process may have died)',
};

export function StatusBadge({ status }: { status: TExperimentStatus | TRunDisplayStatus }) {
  return (
    <span className={styles.badge} data-status={status} title={TITLES[status]}>
      {status}
    </span>
  );
}
