import { compareForBest, divergence, hyperparametersOf, isTiedWithBest, type TLeaderboardRow } from '@atelier/domain';
import type { ScoredTrialRecord } from './leaderboard.repository';

/** What the ranking needs to know about the experiment: folds per trial and classes of its dataset. */
export interface RankingContext {
  folds: number;
  classes: number;
}

/**
 * Every scored trial in the one best-run order (compareForBest: the first is the experiment's best,
 * failed trials after every candidate), each marked when it ties with the best or diverged.
 */
export function rankTrials(rows: readonly ScoredTrialRecord[], context: RankingContext): TLeaderboardRow[] {
  const sorted = [...rows].sort(compareForBest);
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
