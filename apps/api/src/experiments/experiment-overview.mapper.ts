import {
  compareForBest,
  countByStatus,
  foldCount,
  isBestCandidate,
  rankedBestTrialOf,
  rungEpochsOf,
  RUNG_POINTS_LIMIT,
  hasEpochsLeft,
  scoreRungOf,
  type TExperimentOverview,
  type TOtherTrials,
  type TRungOutcome,
  type TRungSummary,
  type TSearchStrategy,
  ZValidationPlan,
} from '@atelier/domain';
import { type TrialRecord, toTrial } from '../trials/trial.mapper';
import { experimentBestTrial, toExperimentFields } from './experiment.mapper';
import type { ExperimentRow, RungResultRow, TrialAggregate } from './experiments.repository';

/** Above OVERVIEW_ALL_TRIALS_LIMIT trials, the overview lists these: running ones (capped), the best, the finished last. */
export const WATCHED_RUNNING_LIMIT = 100;
export const WATCHED_BEST = 10;
export const WATCHED_RECENT = 10;

/**
 * The trials worth watching in a search too big to list: every running trial (the first
 * WATCHED_RUNNING_LIMIT by number), the WATCHED_BEST best by the best-run rule (compareForBest),
 * the WATCHED_RECENT finished last, and the experiment's best trial.
 */
export function selectWatchedTrials(
  trials: readonly Pick<TrialAggregate, 'id' | 'number' | 'status' | 'rung' | 'meanValAccuracy' | 'parameterCount' | 'finishedAt'>[],
  bestTrialId: string | null,
): Set<string> {
  const byNumber = [...trials].sort((a, b) => a.number - b.number);
  const running = byNumber.filter((t) => t.status === 'running').slice(0, WATCHED_RUNNING_LIMIT);
  const best = byNumber
    .map((t) => ({ ...t, scoreRung: scoreRungOf(t) }))
    .filter(isBestCandidate)
    .sort(compareForBest)
    .slice(0, WATCHED_BEST);
  const recent = byNumber
    .flatMap((t) => (t.finishedAt === null ? [] : [{ ...t, finishedAt: t.finishedAt }]))
    .sort((a, b) => b.finishedAt.getTime() - a.finishedAt.getTime() || a.number - b.number)
    .slice(0, WATCHED_RECENT);
  const ids = new Set([...running, ...best, ...recent].map((t) => t.id));
  if (bestTrialId !== null) ids.add(bestTrialId);
  return ids;
}

const clamp01 = (value: number) => (Number.isFinite(value) ? Math.min(1, Math.max(0, value)) : 0);

/**
 * A trial's progress exactly as the experiment page computes it for a listed trial (its
 * live-state trialProgress): 1 once completed, else the larger of the stored progress
 * (trial.mapper's trialProgress: clamped epochs over epochs × fold runs) and the fold shares
 * (a completed fold counts 1, another its clamped epochsCompleted / epochs) over the planned folds.
 */
export function aggregateProgress(
  trial: Pick<TrialAggregate, 'status' | 'epochs' | 'folds' | 'epochsDone' | 'completedFolds' | 'unfinishedFoldEpochs'>,
  plannedFolds: number,
): number {
  if (trial.status === 'completed') return 1;
  const stored = trial.folds === 0 || trial.epochs <= 0 ? 0 : trial.epochsDone / (trial.epochs * trial.folds);
  const unfinishedShare = trial.epochs > 0 ? trial.unfinishedFoldEpochs / trial.epochs : 0;
  return Math.max(stored, clamp01((trial.completedFolds + unfinishedShare) / plannedFolds));
}

/**
 * Totals over the trials the overview does not list, with the page's rules: trained epochs are
 * progress × epochs; remaining epochs count only trials still to train (not terminal, not
 * waiting for an ASHA decision), over every planned fold.
 */
export function summarizeOtherTrials(trials: readonly TrialAggregate[], plannedFolds: number): TOtherTrials {
  let plannedEpochs = 0;
  let trainedEpochs = 0;
  let remainingFoldEpochs = 0;
  let runningFolds = 0;
  let scored = 0;
  for (const trial of trials) {
    const progress = aggregateProgress(trial, plannedFolds);
    plannedEpochs += trial.epochs;
    trainedEpochs += progress * trial.epochs;
    if (hasEpochsLeft(trial.status)) remainingFoldEpochs += Math.max(0, trial.epochs * plannedFolds * (1 - progress));
    runningFolds += trial.runningFolds;
    if (trial.meanValAccuracy !== null) scored += 1;
  }
  return {
    count: trials.length,
    trialCounts: countByStatus(trials.map((t) => ({ status: t.status, count: 1 }))),
    plannedEpochs,
    trainedEpochs,
    remainingFoldEpochs,
    runningFolds,
    scored,
    best: rankedBestTrialOf(trials),
  };
}

/**
 * ASHA's rungs from every trial's rung results: who reached each rung, with what score, and
 * whether it was promoted, is waiting for a decision, was stopped there, or finished the last
 * rung. Counts cover every result; points are best first (ties: lower number), at most RUNG_POINTS_LIMIT.
 */
export function summarizeRungs(results: readonly RungResultRow[], epochs: readonly number[]): TRungSummary[] {
  const last = epochs.length - 1;
  const byRung: TRungSummary['points'][] = epochs.map(() => []);
  for (const result of results) {
    const points = byRung[result.rung];
    if (!points) continue;
    const outcome: TRungOutcome =
      result.rung === last ? 'final' : result.promoted ? 'promoted' : result.status === 'waiting' ? 'waiting' : 'stopped';
    points.push({ trialId: result.trialId, number: result.number, score: result.score, outcome });
  }
  return byRung.map((points, rung) => {
    const rungEpochs = epochs[rung] ?? 0; // byRung has one list per entry of epochs
    points.sort((a, b) => b.score - a.score || a.number - b.number);
    const count = (outcome: TRungOutcome) => points.reduce((n, p) => n + (p.outcome === outcome ? 1 : 0), 0);
    return {
      rung,
      epochs: rungEpochs,
      reached: points.length,
      promoted: count('promoted'),
      stopped: count('stopped'),
      waiting: count('waiting'),
      best: points.reduce<number | null>((max, p) => (max === null || p.score > max ? p.score : max), null),
      points: points.slice(0, RUNG_POINTS_LIMIT),
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
  /** Every trial of the experiment, light. */
  trials: readonly TrialAggregate[];
  /** The full rows of the trials the overview lists. */
  listed: readonly TrialRecord[];
  allTrials: boolean;
  /** Null unless the search trains in rungs (ASHA, Hyperband, TPE with early stopping). */
  rungResults: readonly RungResultRow[] | null;
  recentSeconds: readonly number[];
}

export function toExperimentOverview(parts: OverviewParts): TExperimentOverview {
  const { experiment, strategy, trials, listed } = parts;
  const listedIds = new Set(listed.map((t) => t.id));
  const plannedFolds = foldCount(ZValidationPlan.parse(experiment.validation));
  const rungEpochs = rungEpochsOf(strategy);
  return {
    ...toExperimentFields(
      experiment,
      countByStatus(trials.map((t) => ({ status: t.status, count: 1 }))),
      experimentBestTrial(experiment.bestTrialId, trials),
    ),
    trials: listed.map(toTrial),
    allTrials: parts.allTrials,
    otherTrials: summarizeOtherTrials(
      trials.filter((t) => !listedIds.has(t.id)),
      plannedFolds,
    ),
    rungs: rungEpochs ? summarizeRungs(parts.rungResults ?? [], rungEpochs) : null,
    secondsPerEpoch: meanSecondsPerEpoch(parts.recentSeconds),
  };
}
