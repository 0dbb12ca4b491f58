import { divergence, hyperparametersOf, isTiedWithBest, type TLeaderboardRow } from '@atelier/domain';
import type { ScoredTrialRecord } from './leaderboard.repository';

/**
 * The worker's rule for the best trial (apps/worker/src/training/aggregate.ts pickBestTrial),
 * extended to a full order: under ASHA the highest rung reached first (a score after 9 epochs
 * is not comparable with one after 1), then the higher mean validation accuracy, then fewer
 * parameters (unknown counts last), then the earlier trial.
 */
export function compareForLeaderboard(a: ScoredTrialRecord, b: ScoredTrialRecord): number {
  const rungA = a.scoreRung ?? 0;
  const rungB = b.scoreRung ?? 0;
  if (rungA !== rungB) return rungB - rungA;
  if (a.meanValAccuracy !== b.meanValAccuracy) return b.meanValAccuracy - a.meanValAccuracy;
  const pa = a.parameterCount ?? Number.POSITIVE_INFINITY;
  const pb = b.parameterCount ?? Number.POSITIVE_INFINITY;
  if (pa !== pb) return pa < pb ? -1 : 1;
  return a.number - b.number;
}

/** What the ranking needs to know about the experiment: folds per trial and classes of its dataset. */
export interface RankingContext {
  folds: number;
  classes: number;
}

/** Every scored trial, best first, each marked when it ties with the best or diverged. */
export function rankTrials(rows: readonly ScoredTrialRecord[], context: RankingContext): TLeaderboardRow[] {
  const sorted = [...rows].sort(compareForLeaderboard);
  const best = sorted[0];
  const bestScore = best && { meanValAccuracy: best.meanValAccuracy, stdValAccuracy: best.stdValAccuracy, rung: best.scoreRung };
  return sorted.map((row, index) => {
    const hyperparameters = hyperparametersOf(row.params);
    return {
      rank: index + 1,
      trialId: row.id,
      number: row.number,
      status: row.status,
      hyperparameters,
      parameterCount: row.parameterCount,
      meanValAccuracy: row.meanValAccuracy,
      stdValAccuracy: row.stdValAccuracy,
      meanValLoss: row.meanValLoss,
      rung: row.scoreRung,
      // ASHA: the epochs of the rung the score comes from (a promoted trial already has the next rung's epochs)
      epochs: row.scoreEpochs ?? hyperparameters.epochs,
      tiedWithBest: index > 0 && !!bestScore && isTiedWithBest({ ...row, rung: row.scoreRung }, bestScore, context.folds),
      diverged: divergence(row, context.classes),
    };
  });
}
