import type { TExperimentStatus, TTrialStatus } from '@atelier/domain';

export function StatusBadge({ status }: { status: TExperimentStatus | TTrialStatus }) {
  return <span className={`badge badge--${status}`}>{status}</span>;
}
