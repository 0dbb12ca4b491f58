import type { TTrialStatus } from '@atelier/domain';
import { Num } from '@/components/ui/num';
import { ProgressBar } from '@/components/ui/progress-bar';
import type { TimeLeft } from '@/lib/eta';
import { formatDuration, formatInteger, formatNumber } from '@/lib/format';

const SHOWN: { status: TTrialStatus; label: string }[] = [
  { status: 'queued', label: 'Queued' },
  { status: 'running', label: 'Running' },
  { status: 'paused', label: 'Paused' },
  { status: 'waiting', label: 'Waiting' },
  { status: 'completed', label: 'Done' },
  { status: 'stopped', label: 'Stopped' },
  { status: 'failed', label: 'Failed' },
  { status: 'cancelled', label: 'Cancelled' },
];

interface Props {
  counts: Partial<Record<TTrialStatus, number>>;
  total: number;
  /** Share of all planned epochs trained, 0..1. */
  overall: number;
  timeLeft: TimeLeft | null;
  running: boolean;
}

/** How far the search is: trials per status, an overall bar, and the time left from measured epoch durations. */
export function SearchProgress({ counts, total, overall, timeLeft, running }: Props) {
  const finished = (counts.completed ?? 0) + (counts.stopped ?? 0) + (counts.failed ?? 0) + (counts.cancelled ?? 0);
  return (
    <div className="stack" style={{ gap: 12 }} data-testid="search-progress">
      <dl className="counts">
        {SHOWN.filter(({ status }) => ['queued', 'running', 'completed'].includes(status) || (counts[status] ?? 0) > 0).map(({ status, label }) => (
          <div key={status} data-status={status}>
            <dt>{label}</dt>
            <dd className={`count--${status}`}>{formatInteger(counts[status] ?? 0)}</dd>
          </div>
        ))}
        <div>
          <dt>Time left</dt>
          <dd data-testid="time-left" title={timeLeft ? `${formatInteger(timeLeft.remainingEpochs)} epochs × ${formatNumber(timeLeft.secondsPerEpoch)} s ÷ ${timeLeft.parallel} in parallel` : undefined}>
            {!running ? '—' : timeLeft ? `≈ ${formatDuration(timeLeft.seconds * 1000)}` : 'measuring…'}
          </dd>
        </div>
      </dl>
      <ProgressBar value={overall} name="Search progress" label={`${finished} / ${total} trials finished · ${Math.round(overall * 100)}% of epochs`} />
      {timeLeft && running ? (
        <p className="muted" style={{ margin: 0, fontSize: '0.82rem' }}>
          {formatInteger(timeLeft.remainingEpochs)} epochs left at <Num value={timeLeft.secondsPerEpoch} /> s each (mean of the epochs measured), {timeLeft.parallel}{' '}
          {timeLeft.parallel === 1 ? 'fold' : 'folds'} training at once.
        </p>
      ) : null}
    </div>
  );
}
