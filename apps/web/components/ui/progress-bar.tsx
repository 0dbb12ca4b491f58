import type { TExperimentStatus, TTrialStatus } from '@atelier/domain';
import styles from './progress-bar.module.css';

interface ProgressBarProps {
  /** 0..1 */
  value: number;
  /** Text beside the bar; defaults to the percentage. */
  label?: string;
  /** Accessible name, e.g. "Trial 3 progress". */
  name: string;
  tone?: TExperimentStatus | TTrialStatus;
}

export function ProgressBar({ value, label, name, tone = 'running' }: ProgressBarProps) {
  const share = Number.isFinite(value) ? Math.min(1, Math.max(0, value)) : 0;
  const percent = Math.round(share * 100);
  return (
    <div className={styles.progress}>
      <div
        className={styles.track}
        role="progressbar"
        aria-label={name}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
        aria-valuetext={label ?? `${percent}%`}
      >
        <div className={styles.fill} data-tone={tone} style={{ width: `${share * 100}%` }} />
      </div>
      <span className={styles.label}>{label ?? `${percent}%`}</span>
    </div>
  );
}
