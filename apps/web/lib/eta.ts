import type { TExperimentDetail, TExperimentMetrics } from '@atelier/domain';
import { foldsOf } from './grid';
import { isTerminal } from './live-state';

export interface TimeLeft {
  /** Epochs still to train over every unfinished trial and fold. */
  remainingEpochs: number;
  /** Mean wall time of one epoch of one fold, from the epochs measured so far. */
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
  experiment: Pick<TExperimentDetail, 'trials' | 'validation' | 'status'>,
  metrics: TExperimentMetrics,
  progressOf: (trialId: string) => number,
): TimeLeft | null {
  if (isTerminal(experiment.status)) return null;
  const durations = metrics.trials.flatMap((t) => t.folds.flatMap((f) => f.metrics.map((m) => m.seconds))).filter((s) => Number.isFinite(s) && s > 0);
  if (durations.length === 0) return null;
  // the latest epochs say most about the current machine load
  const recent = durations.slice(-200);
  const secondsPerEpoch = recent.reduce((a, b) => a + b, 0) / recent.length;
  const folds = foldsOf(experiment.validation);
  let remainingEpochs = 0;
  let parallel = 0;
  for (const trial of experiment.trials) {
    if (isTerminal(trial.status) || trial.status === 'waiting') continue;
    const planned = trial.hyperparameters.epochs * folds;
    remainingEpochs += Math.max(0, planned * (1 - progressOf(trial.id)));
    parallel += trial.folds.filter((f) => f.status === 'running').length;
  }
  if (remainingEpochs <= 0) return null;
  parallel = Math.max(1, parallel);
  return { remainingEpochs: Math.round(remainingEpochs), secondsPerEpoch, parallel, seconds: (remainingEpochs * secondsPerEpoch) / parallel };
}
