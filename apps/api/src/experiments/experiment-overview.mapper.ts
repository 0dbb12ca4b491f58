import {
  countByStatus,
  foldCount,
  hasEpochsLeft,
  rungEpochsOf,
  RUNG_POINTS_LIMIT,
  scoreRungOf,
  toBestTrial,
  type TExperimentOverview,
  type TOtherTrials,
  type TRankedBestTrial,
  type TRungOutcome,
  type TRungSummary,
  type TSearchStrategy,
  ZTrialStatus,
  ZValidationPlan,
} from '@atelier/domain';
import { type TrialRecord, toTrial } from '../trials/trial.mapper';
import { toExperimentFields } from './experiment.mapper';
import type { ExperimentRow, RankedTrialRow, RungResultRow, RungSummaryRow, TrialStatusSummary } from './experiments.repository';

/** Above OVERVIEW_ALL_TRIALS_LIMIT trials, the overview lists these: running ones (capped), the best, the finished last. */
export const WATCHED_RUNNING_LIMIT = 100;
export const WATCHED_BEST = 10;
export const WATCHED_RECENT = 10;

/** A search trial's planned epochs as the summary triggers read them (atelier_trial_epochs): 0 unless a number. */
export function plannedEpochsOf(params: unknown): number {
  const epochs = (params as { epochs?: unknown } | null)?.epochs;
  return typeof epochs === 'number' && Number.isFinite(epochs) ? Math.max(0, Math.round(epochs)) : 0;
}

/** A listed trial with the fold sums the triggers keep on it (Run.foldEpochs, Run.runningFolds). */
export type ListedTrial = TrialRecord & { foldEpochs: number; runningFolds: number };

/**
 * Totals over the trials the overview does not list: the search's summary per status minus the
 * listed trials' share, with the page's rules. A trial's progress × epochs is its fold epochs over
 * the planned folds (a completed fold counts 1, another its clamped epochs / epochs), or its epochs
 * once completed; remaining epochs count only trials still to train (not terminal, not waiting for
 * an ASHA decision), over every planned fold.
 */
export function summarizeOtherTrials(
  summary: readonly TrialStatusSummary[],
  listed: readonly ListedTrial[],
  plannedFolds: number,
  best: TOtherTrials['best'],
): TOtherTrials {
  const byStatus = new Map<string, TrialStatusSummary>(summary.map((row) => [row.status, { ...row }]));
  for (const trial of listed) {
    const row = byStatus.get(trial.status);
    if (!row) continue; // a trial whose status changed between the two reads: the summary is the newer
    row.trials -= 1;
    row.epochs -= plannedEpochsOf(trial.params);
    row.foldEpochs -= trial.foldEpochs;
    row.runningFolds -= trial.runningFolds;
    if (trial.meanValAccuracy !== null) row.scored -= 1;
  }
  const others = [...byStatus.values()].filter((row) => row.trials > 0);
  const sum = (value: (row: TrialStatusSummary) => number) => others.reduce((total, row) => total + value(row), 0);
  return {
    count: sum((row) => row.trials),
    trialCounts: countByStatus(others.map((row) => ({ status: row.status, count: row.trials }))),
    plannedEpochs: sum((row) => row.epochs),
    trainedEpochs: sum((row) => (row.status === 'completed' ? row.epochs : row.foldEpochs / plannedFolds)),
    remainingFoldEpochs: sum((row) => (hasEpochsLeft(row.status) ? Math.max(0, row.epochs * plannedFolds - row.foldEpochs) : 0)),
    runningFolds: sum((row) => row.runningFolds),
    scored: sum((row) => row.scored),
    best,
  };
}

/** Nothing left over: the overview lists every trial. */
export function noOtherTrials(): TOtherTrials {
  return summarizeOtherTrials([], [], 1, null);
}

/** The best of the unlisted trials as the overview carries it (the page compares it with the listed ones). */
export function toRankedBestTrial(row: RankedTrialRow | undefined): TRankedBestTrial | null {
  if (!row || row.meanValAccuracy === null) return null;
  return { ...toBestTrial(row), status: ZTrialStatus.parse(row.status), parameterCount: row.parameterCount, scoreRung: scoreRungOf(row) };
}

/** What became of a trial at a rung: the one rule for a point and for a count. */
function rungOutcome(result: { rung: number; promoted: boolean; waiting: boolean }, last: number): TRungOutcome {
  return result.rung === last ? 'final' : result.promoted ? 'promoted' : result.waiting ? 'waiting' : 'stopped';
}

/**
 * ASHA's rungs: who reached each rung, with what score, and whether it was promoted, is waiting
 * for a decision, was stopped there, or finished the last rung. Counts and best come from every
 * result (the rungs' maintained `summaries`); points are the best first (ties: lower number), at
 * most RUNG_POINTS_LIMIT.
 */
export function summarizeRungs(
  points: readonly RungResultRow[],
  epochs: readonly number[],
  summaries: readonly RungSummaryRow[],
): TRungSummary[] {
  const last = epochs.length - 1;
  return epochs.map((rungEpochs, rung) => {
    const counts: Record<TRungOutcome, number> = { promoted: 0, stopped: 0, waiting: 0, final: 0 };
    let best: number | null = null;
    for (const summary of summaries) {
      if (summary.rung !== rung) continue;
      // the three kinds of result a summary counts, each through the one outcome rule
      counts[rungOutcome({ rung, promoted: true, waiting: false }, last)] += summary.promoted;
      counts[rungOutcome({ rung, promoted: false, waiting: true }, last)] += summary.waiting;
      counts[rungOutcome({ rung, promoted: false, waiting: false }, last)] += summary.results - summary.promoted - summary.waiting;
      best = summary.best;
    }
    const listed = points
      .filter((p) => p.rung === rung)
      .map((p) => ({
        trialId: p.trialId,
        number: p.number,
        score: p.score,
        outcome: rungOutcome({ ...p, waiting: p.status === 'waiting' }, last),
      }))
      .sort((a, b) => b.score - a.score || a.number - b.number)
      .slice(0, RUNG_POINTS_LIMIT);
    return {
      rung,
      epochs: rungEpochs,
      reached: counts.promoted + counts.stopped + counts.waiting + counts.final,
      promoted: counts.promoted,
      stopped: counts.stopped,
      waiting: counts.waiting,
      best,
      points: listed,
    };
  });
}

/** Mean of the positive, finite durations; null when there is none. */
export function meanSecondsPerEpoch(seconds: readonly number[]): number | null {
  const valid = seconds.filter((s) => Number.isFinite(s) && s > 0);
  return valid.length === 0 ? null : valid.reduce((a, b) => a + b, 0) / valid.length;
}

export interface OverviewParts {
  experiment: ExperimentRow;
  strategy: TSearchStrategy;
  /** The search's trials summed per status (experiment_trial_summary). */
  summary: readonly TrialStatusSummary[];
  bestTrial: TExperimentOverview['bestTrial'];
  /** The full rows of the trials the overview lists. */
  listed: readonly ListedTrial[];
  allTrials: boolean;
  /** The best of the trials not listed; ignored when every trial is. */
  otherBest: RankedTrialRow | undefined;
  /** Null unless the search trains in rungs (ASHA, Hyperband, TPE with early stopping). */
  rungResults: { summaries: readonly RungSummaryRow[]; points: readonly RungResultRow[] } | null;
  recentSeconds: readonly number[];
}

/** Trial counts per status from the search's summary. */
export function trialCountsOf(summary: readonly TrialStatusSummary[]) {
  return countByStatus(summary.map((row) => ({ status: row.status, count: row.trials })));
}

export function toExperimentOverview(parts: OverviewParts): TExperimentOverview {
  const { experiment, strategy, summary, listed } = parts;
  const plannedFolds = foldCount(ZValidationPlan.parse(experiment.validation));
  const rungEpochs = rungEpochsOf(strategy);
  return {
    ...toExperimentFields(experiment, trialCountsOf(summary), parts.bestTrial),
    trials: listed.map(toTrial),
    allTrials: parts.allTrials,
    otherTrials: parts.allTrials
      ? noOtherTrials()
      : summarizeOtherTrials(summary, listed, plannedFolds, toRankedBestTrial(parts.otherBest)),
    rungs: rungEpochs ? summarizeRungs(parts.rungResults?.points ?? [], rungEpochs, parts.rungResults?.summaries ?? []) : null,
    secondsPerEpoch: meanSecondsPerEpoch(parts.recentSeconds),
  };
}
