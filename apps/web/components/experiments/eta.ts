import { isTrainingNow, type TExperimentStatus } from '@atelier/domain';
import type { LiveTotals } from './live-state';

export interface TimeLeft {
  /** Epochs still to train over every unfinished trial and fold. */
  remainingEpochs: number;
  /** Mean wall time of one epoch of one fold, from the recent epochs. */
  secondsPerEpoch: number;
  /** Folds training at once now (at least 1). */
  parallel: number;
  seconds: number;
}

/**
 * Time left from the epoch durations measured so far: remaining epochs × mean seconds per epoch
 * ÷ folds training in parallel. Null until an epoch has been timed or when nothing is left.
 * For ASHA it counts each unfinished trial's current rung only (promotions add more).
 */
export function estimateTimeLeft(
  status: TExperimentStatus,
  totals: Pick<LiveTotals, 'remainingFoldEpochs' | 'runningFolds'>,
  secondsPerEpoch: number | null,
): TimeLeft | null {
  if (!isTrainingNow(status) || secondsPerEpoch === null || !(secondsPerEpoch > 0)) return null;
  const remainingEpochs = totals.remainingFoldEpochs;
  if (!(remainingEpochs > 0)) return null;
  const parallel = Math.max(1, totals.runningFolds);
  return {
    remainingEpochs: Math.round(remainingEpochs),
    secondsPerEpoch,
    parallel,
    seconds: (remainingEpochs * secondsPerEpoch) / parallel,
  };
}
