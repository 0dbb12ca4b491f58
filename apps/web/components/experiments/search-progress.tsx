import { describeTally, isTrainingNow, tallyTrials, type TExperimentStatus, type TTrialStatus } from '@atelier/domain';
import { Num } from '@/components/ui/num';
import { ProgressBar } from '@/components/ui/progress-bar';
import type { TimeLeft } from './eta';
import { formatDuration, formatInteger, formatNumber } from '@/lib/format';
import styles from './experiments.module.css';
import factsStyles from '@/components/ui/facts.module.css';
import cardStyles from '@/components/ui/card.module.css';

const SHOWN: { status: TTrialStatus; label: string }[] = [
  { status: 'queued', label: 'Queued' },
  { status: 'running', label: 'Running' },
  { status: 'paused', label: 'Paused' },
  { status: 'waiting', label: 'Waiting' },
  { status: 'completed', label: 'Completed' },
  { status: 'stopped', label: 'Stopped early' },
  { status: 'failed', label: 'Failed' },
  { status: 'cancelled', label: 'Cancelled' },
];

interface Props {
  counts: Partial<Record<TTrialStatus, number>>;
  total: number;
  /** Share of all planned epochs trained, 0..1. */
  overall: number;
  timeLeft: TimeLeft | null;
  /** The experiment's status: only a queued or running search has a time left. */
  status: TExperimentStatus;
}

/** How far the search is: trials per status, an overall bar, and the time left from measured epoch durations. */
export function SearchProgress({ counts, total, overall, timeLeft, status }: Props) {
  const training = isTrainingNow(status);
  const shownTimeLeft = training ? timeLeft : null;
  return (
    <div className={`stack ${styles.tight}`} data-testid="search-progress">
      <dl className={factsStyles.counts}>
        {SHOWN.filter(({ status }) => ['queued', 'running', 'completed'].includes(status) || (counts[status] ?? 0) > 0).map(
          ({ status, label }) => (
            <div key={status} data-status={status}>
              <dt>{label}</dt>
              <dd className={`count--${status}`}>{formatInteger(counts[status] ?? 0)}</dd>
            </div>
          ),
        )}
        <div>
          <dt>Time left</dt>
          <dd
            data-testid="time-left"
            title={
              shownTimeLeft
                ? `${formatInteger(shownTimeLeft.remainingEpochs)} epochs × ${formatNumber(shownTimeLeft.secondsPerEpoch)} s ÷ ${shownTimeLeft.parallel} in parallel`
                : undefined
            }
          >
            {status === 'paused'
              ? 'paused'
              : !training
                ? '—'
                : shownTimeLeft
                  ? `≈ ${formatDuration(shownTimeLeft.seconds * 1000)}`
                  : 'measuring…'}
          </dd>
        </div>
      </dl>
      <ProgressBar
        value={overall}
        name="Search progress"
        label={`${describeTally(tallyTrials(counts, total))} · ${Math.round(overall * 100)}% of epochs`}
      />
      {shownTimeLeft ? (
        <p className={`${cardStyles.note} ${styles.flush}`}>
          {formatInteger(shownTimeLeft.remainingEpochs)} epochs left at <Num value={shownTimeLeft.secondsPerEpoch} /> s each (mean of the
          epochs measured), {shownTimeLeft.parallel} {shownTimeLeft.parallel === 1 ? 'fold' : 'folds'} training at once.
        </p>
      ) : null}
    </div>
  );
}
