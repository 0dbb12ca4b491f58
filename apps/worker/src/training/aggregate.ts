import type { TTrialStatus } from '@atelier/domain';

export interface FoldAggregate {
  meanValAccuracy: number;
  /** Population standard deviation (divide by n): the folds are the whole population scored. */
  stdValAccuracy: number;
  meanValLoss: number | null;
}

export function mean(values: readonly number[]): number {
  if (values.length === 0) throw new Error('mean of an empty list');
  return values.reduce((sum, value) => sum + value, 0) / values.length;
}

export function populationStd(values: readonly number[]): number {
  const m = mean(values);
  return Math.sqrt(values.reduce((sum, value) => sum + (value - m) ** 2, 0) / values.length);
}

/**
 * A trial's scores over its folds. The mean loss is null when a fold has none, and NaN or
 * infinite when a fold's is: a diverged fold is stored as it is, not hidden (divergence() in
 * @atelier/domain reads both as 'non-finite-loss').
 */
export function aggregateFolds(folds: readonly { valAccuracy: number; valLoss: number | null }[]): FoldAggregate {
  const losses = folds.map((fold) => fold.valLoss).filter((loss): loss is number => loss !== null);
  return {
    meanValAccuracy: mean(folds.map((fold) => fold.valAccuracy)),
    stdValAccuracy: populationStd(folds.map((fold) => fold.valAccuracy)),
    meanValLoss: losses.length === folds.length ? mean(losses) : null,
  };
}

const TERMINAL: ReadonlySet<string> = new Set<TTrialStatus>(['completed', 'stopped', 'failed', 'cancelled']);
export function isTerminal(status: string): boolean {
  return TERMINAL.has(status);
}

/**
 * Status of a trial once every fold is terminal: any failure fails it, otherwise any
 * cancellation cancels it, otherwise it completed.
 */
export function trialOutcome(foldStatuses: readonly string[]): 'completed' | 'failed' | 'cancelled' {
  if (foldStatuses.includes('failed')) return 'failed';
  if (foldStatuses.includes('cancelled')) return 'cancelled';
  return 'completed';
}

/**
 * Status of an experiment once every trial is terminal: cancelled if it was cancelled,
 * completed if at least one trial has a score (completed, or stopped by ASHA), failed if none does.
 */
export function experimentOutcome(trialStatuses: readonly string[], cancelled: boolean): 'completed' | 'failed' | 'cancelled' {
  if (cancelled) return 'cancelled';
  if (trialStatuses.includes('completed') || trialStatuses.includes('stopped')) return 'completed';
  if (trialStatuses.length > 0 && trialStatuses.every((status) => status === 'cancelled')) return 'cancelled';
  return 'failed';
}

export interface RankedTrial {
  id: string;
  number: number;
  status: string;
  meanValAccuracy: number | null;
  parameterCount: number | null;
  /** ASHA rung the score comes from; null (grid, random) ranks as rung 0. */
  rung?: number | null;
}

/**
 * Highest mean validation accuracy; ties go to fewer parameters, then to the earlier trial.
 * Under ASHA only the trials of the highest rung reached compete: a score after 1 epoch is not
 * comparable with one after 9, and ASHA's point is that the top rung holds the best trials.
 */
export function pickBestTrial(trials: readonly RankedTrial[]): RankedTrial | null {
  const scored = trials.filter((trial) => (trial.status === 'completed' || trial.status === 'stopped') && trial.meanValAccuracy !== null);
  const topRung = Math.max(0, ...scored.map((trial) => trial.rung ?? 0));
  const candidates = scored.filter((trial) => (trial.rung ?? 0) === topRung);
  let best: RankedTrial | null = null;
  for (const trial of candidates) {
    if (best === null || compare(trial, best) < 0) best = trial;
  }
  return best;
}

function compare(a: RankedTrial, b: RankedTrial): number {
  if (a.meanValAccuracy !== b.meanValAccuracy) return (b.meanValAccuracy ?? 0) - (a.meanValAccuracy ?? 0);
  const pa = a.parameterCount ?? Number.POSITIVE_INFINITY;
  const pb = b.parameterCount ?? Number.POSITIVE_INFINITY;
  if (pa !== pb) return pa < pb ? -1 : 1;
  return a.number - b.number;
}
