import { compareForBest, isBestCandidate, scoreRungOf, type TTrial } from '@atelier/domain';

// Plain functions (no 'use client'), so the server page can pick the curves to load first.

/** Numbers of the n best trials so far, by the one best-run rule (the first is the experiment's best). */
export function bestOf(trials: readonly TTrial[], n: number): number[] {
  return trials
    .map((trial) => ({ ...trial, scoreRung: scoreRungOf(trial) }))
    .filter(isBestCandidate)
    .sort(compareForBest)
    .slice(0, n)
    .map((trial) => trial.number);
}

/** Default selection: every trial in small grids; in big ones the best five and those running. */
export function defaultSelection(trials: readonly TTrial[]): Set<number> {
  if (trials.length <= 10) return new Set(trials.map((trial) => trial.number));
  return new Set([...bestOf(trials, 5), ...trials.filter((trial) => trial.status === 'running').map((trial) => trial.number)]);
}
