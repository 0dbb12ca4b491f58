import { TERMINAL_TRIAL_STATUSES, type TExperimentStatus, type TTrialStatus } from './experiment';

/**
 * The one rule for how a search's trials stand and whether it is training now. The experiment
 * page, its header, the experiments list, the refit card and the API's overview totals all read
 * these, so "finished", "completed", "stopped" and "cancelled" mean the same thing everywhere.
 */

/** Experiment statuses under which folds can train right now: only they have a time left. */
export const TRAINING_EXPERIMENT_STATUSES: readonly TExperimentStatus[] = ['queued', 'running'];

/** Final experiment statuses: nothing more will train (a refit may still run after 'completed'). */
export const TERMINAL_EXPERIMENT_STATUSES: readonly TExperimentStatus[] = ['completed', 'failed', 'cancelled'];

/** Queued or running: work is under way or about to be, so a time left means something. Paused is not. */
export function isTrainingNow(status: TExperimentStatus): boolean {
  return TRAINING_EXPERIMENT_STATUSES.includes(status);
}

export function isTerminalExperiment(status: TExperimentStatus): boolean {
  return TERMINAL_EXPERIMENT_STATUSES.includes(status);
}

export function isTerminalTrial(status: TTrialStatus): boolean {
  return TERMINAL_TRIAL_STATUSES.includes(status);
}

/**
 * Whether a trial's unfinished epochs count as work left: not once it ended, and not while it
 * waits for an ASHA decision (a promotion adds its next rung then). Paused trials still count:
 * their epochs are left, they just are not being trained.
 */
export function hasEpochsLeft(status: TTrialStatus): boolean {
  return !isTerminalTrial(status) && status !== 'waiting';
}

export interface TTrialTally {
  total: number;
  /** Trained every planned epoch (ASHA: the last rung) and scored. */
  completed: number;
  /** ASHA: scored at a rung and not promoted: trained as far as the search wanted. */
  stopped: number;
  failed: number;
  cancelled: number;
  queued: number;
  running: number;
  paused: number;
  /** ASHA: finished a rung, waiting for the promotion decision. */
  waiting: number;
  /** Trained as far as the search wanted: completed + stopped. */
  done: number;
  /** Reached a final status, whichever: done + failed + cancelled. */
  ended: number;
}

/** Counts per status (missing statuses count 0) → the tally every view shows. */
export function tallyTrials(counts: Partial<Record<TTrialStatus, number>>, total: number): TTrialTally {
  const n = (status: TTrialStatus) => counts[status] ?? 0;
  const completed = n('completed');
  const stopped = n('stopped');
  const failed = n('failed');
  const cancelled = n('cancelled');
  return {
    total,
    completed,
    stopped,
    failed,
    cancelled,
    queued: n('queued'),
    running: n('running'),
    paused: n('paused'),
    waiting: n('waiting'),
    done: completed + stopped,
    ended: completed + stopped + failed + cancelled,
  };
}

/**
 * "2 / 6 completed · 4 cancelled", "1 / 4 completed · 3 stopped early": completed over the total
 * first, then every other final outcome that occurred, so a count never hides what it is made of.
 */
export function describeTally(tally: TTrialTally): string {
  const parts = [`${tally.completed} / ${tally.total} completed`];
  if (tally.stopped) parts.push(`${tally.stopped} stopped early`);
  if (tally.failed) parts.push(`${tally.failed} failed`);
  if (tally.cancelled) parts.push(`${tally.cancelled} cancelled`);
  return parts.join(' · ');
}

/** Share of the trials trained as far as the search wanted (completed or stopped by ASHA), 0..1. */
export function doneShare(tally: TTrialTally): number {
  return tally.total > 0 ? tally.done / tally.total : 0;
}

/**
 * Whether the search will still refit its best trial by itself: while it can finish. A cancelled
 * or failed search never refits; a completed one already has (or has no scored trial).
 */
export function refitStillExpected(status: TExperimentStatus): boolean {
  return !isTerminalExperiment(status);
}
