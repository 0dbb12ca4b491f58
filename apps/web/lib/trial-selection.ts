import type { TTrial } from '@atelier/domain';

// Plain functions (no 'use client'), so the server page can pick the curves to load first.

/** Numbers of the n trials with the best mean validation accuracy so far. */
export function bestOf(trials: readonly TTrial[], n: number): number[] {
  return trials
    .filter((trial) => trial.meanValAccuracy !== null)
    .sort((a, b) => (b.meanValAccuracy ?? 0) - (a.meanValAccuracy ?? 0))
    .slice(0, n)
    .map((trial) => trial.number);
}

/** Default selection: every trial in small grids; in big ones the best five and those running. */
export function defaultSelection(trials: readonly TTrial[]): Set<number> {
  if (trials.length <= 10) return new Set(trials.map((trial) => trial.number));
  return new Set([...bestOf(trials, 5), ...trials.filter((trial) => trial.status === 'running').map((trial) => trial.number)]);
}
