import type { TExperimentStatus, TRunDisplayStatus } from '@atelier/domain';

const TITLES: Partial<Record<TRunDisplayStatus, string>> = {
  lost: 'Lost: the run still says running, but it has not been heard from for a while (its process may have died)',
};

export function StatusBadge({ status }: { status: TExperimentStatus | TRunDisplayStatus }) {
  return (
    <span className={`badge badge--${status}`} title={TITLES[status as TRunDisplayStatus]}>
      {status}
    </span>
  );
}
