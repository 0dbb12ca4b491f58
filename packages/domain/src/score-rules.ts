import { z } from 'zod';

/**
 * Rules that say how much a trial's score can be trusted: when two scores are too close to tell
 * apart (ties), and when a run trained into nonsense (divergence). Pure, so the API that ranks
 * trials and the web that draws them apply the same rule.
 */

// ---------------------------------------------------------------------------------------------
// Ties: the one-standard-error rule

/** What the UI and the API say about the tie rule, word for word. */
export const TIE_RULE = "within one standard error of the best trial's mean (SE = the best trial's fold standard deviation / √k, k folds)";

export interface TScoreForTies {
  meanValAccuracy: number | null;
  stdValAccuracy: number | null;
  /** ASHA: the rung the score comes from; null outside ASHA (ranks as rung 0). */
  rung?: number | null;
}

/**
 * The standard error of a fold mean: std / √k. With one fold (holdout) there is no spread to
 * measure, so the error is 0 and only an exactly equal mean ties.
 */
export function standardError(std: number | null, folds: number): number {
  if (std === null || !Number.isFinite(std) || folds <= 1) return 0;
  return std / Math.sqrt(folds);
}

/**
 * A candidate ties with the best when its mean is no further below the best's mean than one
 * standard error of the best's (Breiman et al.'s one-SE rule): the folds cannot tell them apart.
 * Under ASHA only scores from the same rung compare (a score after 1 epoch says nothing against
 * one after 9). The best itself is not "tied with" itself: the caller leaves it out.
 */
export function isTiedWithBest(candidate: TScoreForTies, best: TScoreForTies, folds: number): boolean {
  if (candidate.meanValAccuracy === null || best.meanValAccuracy === null) return false;
  if ((candidate.rung ?? 0) !== (best.rung ?? 0)) return false;
  // a whisker of slack so that equal means written through floats still tie
  return best.meanValAccuracy - candidate.meanValAccuracy <= standardError(best.stdValAccuracy, folds) + 1e-12;
}

// ---------------------------------------------------------------------------------------------
// Divergence: a run that learnt nothing

/** Accuracy up to chance (1 / classes) plus this margin counts as "learnt nothing". */
export const CHANCE_MARGIN = 0.02;

export const DIVERGENCE_REASONS = ['non-finite-loss', 'chance-accuracy'] as const;
export const ZDivergence = z
  .enum(DIVERGENCE_REASONS)
  .describe('Why the run counts as diverged: its loss is NaN or infinite, or its accuracy is at chance level');
export type TDivergence = z.infer<typeof ZDivergence>;

export const DIVERGENCE_LABELS: Record<TDivergence, string> = {
  'non-finite-loss': 'loss is NaN or infinite',
  'chance-accuracy': 'accuracy at chance level',
};

export interface TScoreForDivergence {
  meanValAccuracy: number | null;
  /**
   * NaN or infinite when a fold's loss was (the worker stores a diverged fold as it is); null
   * in JSON, and in trials scored before that, when a fold's loss was not finite.
   */
  meanValLoss: number | null;
}

/** The most accuracy a classifier of `classes` classes can have and still count as guessing. */
export function chanceAccuracy(classes: number): number {
  return classes > 0 ? 1 / classes + CHANCE_MARGIN : 0;
}

/**
 * Why a scored run counts as diverged, or null when it does not (or has no score yet): a loss
 * that is not a finite number, or a validation accuracy no better than guessing.
 */
export function divergence(score: TScoreForDivergence, classes: number): TDivergence | null {
  if (score.meanValAccuracy === null || !Number.isFinite(score.meanValAccuracy)) return null;
  if (score.meanValLoss === null || !Number.isFinite(score.meanValLoss)) return 'non-finite-loss';
  if (score.meanValAccuracy <= chanceAccuracy(classes)) return 'chance-accuracy';
  return null;
}
