import { RUNG_POINTS_LIMIT } from '@atelier/domain';
import {
  aggregateProgress,
  meanSecondsPerEpoch,
  selectWatchedTrials,
  summarizeOtherTrials,
  summarizeRungs,
  WATCHED_RUNNING_LIMIT,
} from './experiment-overview.mapper';
import type { RungResultRow, TrialAggregate } from './experiments.repository';

function trial(number: number, overrides: Partial<TrialAggregate> = {}): TrialAggregate {
  return {
    id: `t${number}`,
    number,
    status: 'queued',
    epochs: 4,
    rung: null,
    meanValAccuracy: null,
    stdValAccuracy: null,
    parameterCount: null,
    finishedAt: null,
    folds: 3,
    epochsDone: 0,
    completedFolds: 0,
    unfinishedFoldEpochs: 0,
    runningFolds: 0,
    ...overrides,
  };
}

const at = (minute: number) => new Date(Date.UTC(2026, 0, 1, 0, minute));

describe('selectWatchedTrials', () => {
  it('takes running trials, the 10 best (ties: lower number), the 10 finished last and the recorded best', () => {
    const trials = Array.from({ length: 40 }, (_, i) => trial(i + 1));
    trials[2] = trial(3, { status: 'running' });
    trials[36] = trial(37, { status: 'running' });
    // 12 scored trials, 11..22; 21 and 22 tie with 12 and 11 (0.80 and 0.81)
    for (let n = 11; n <= 20; n++)
      trials[n - 1] = trial(n, { status: 'completed', meanValAccuracy: (70 + n - 11) / 100, finishedAt: at(n) });
    trials[20] = trial(21, { status: 'completed', meanValAccuracy: 0.71, finishedAt: at(1) });
    trials[21] = trial(22, { status: 'completed', meanValAccuracy: 0.7, finishedAt: at(2) });
    // finished, unscored: 30..33 finished last of all
    for (let n = 30; n <= 33; n++) trials[n - 1] = trial(n, { status: 'failed', finishedAt: at(100 + n) });
    trials[39] = trial(40, { status: 'stopped', meanValAccuracy: 0.1, finishedAt: at(0) });

    const ids = selectWatchedTrials(trials, 't40');
    const numbers = [...ids].map((id) => Number(id.slice(1))).sort((a, b) => a - b);
    // best 10: 20..13 (0.79..0.72), then 0.71 ties 12 and 21 → 12 first, then 21
    const best = [20, 19, 18, 17, 16, 15, 14, 13, 12, 21];
    // finished last: 33, 32, 31, 30, then 20, 19, 18, 17, 16, 15
    const recent = [33, 32, 31, 30, 20, 19, 18, 17, 16, 15];
    expect(numbers).toEqual([...new Set([3, 37, ...best, ...recent, 40])].sort((a, b) => a - b));
    expect(numbers).not.toContain(11);
    expect(numbers).not.toContain(22);
  });

  it('caps running trials at the first WATCHED_RUNNING_LIMIT by number, and adds nothing without a best trial', () => {
    const trials = Array.from({ length: 150 }, (_, i) => trial(150 - i, { status: 'running' }));
    const ids = selectWatchedTrials(trials, null);
    expect(ids.size).toBe(WATCHED_RUNNING_LIMIT);
    expect([...ids].map((id) => Number(id.slice(1))).sort((a, b) => a - b)).toEqual(Array.from({ length: 100 }, (_, i) => i + 1));
  });
});

describe('aggregateProgress', () => {
  it('is 1 once completed, else the larger of stored progress and fold shares over the planned folds', () => {
    expect(aggregateProgress(trial(1, { status: 'completed', folds: 0 }), 3)).toBe(1);
    // stored 4/12; shares (1 completed fold + 2/4) / 3 = 0.5
    expect(aggregateProgress(trial(1, { status: 'running', epochsDone: 4, completedFolds: 1, unfinishedFoldEpochs: 2 }), 3)).toBe(0.5);
    // stored 9/12 beats shares (0 + 1/4) / 3
    expect(aggregateProgress(trial(1, { status: 'paused', epochsDone: 9, unfinishedFoldEpochs: 1 }), 3)).toBe(0.75);
    expect(aggregateProgress(trial(1, { epochs: 0, folds: 3, completedFolds: 0 }), 3)).toBe(0);
    expect(aggregateProgress(trial(1, { folds: 0 }), 3)).toBe(0);
  });
});

describe('summarizeOtherTrials', () => {
  // 3 planned folds
  const trials = [
    // progress 1: trained 4, nothing left
    trial(3, { status: 'completed', epochsDone: 12, completedFolds: 3, meanValAccuracy: 0.8, stdValAccuracy: 0.01, finishedAt: at(1) }),
    // fold 0 completed at 2 epochs, fold 1 running at 2, fold 2 queued: stored 4/12, shares (1 + 2/4)/3 = 0.5 → trained 2, left 6
    trial(4, { status: 'running', epochsDone: 4, completedFolds: 1, unfinishedFoldEpochs: 2, runningFolds: 1 }),
    // progress 0.5: trained 2, but waiting for ASHA: nothing left to count
    trial(5, { status: 'waiting', epochsDone: 6, unfinishedFoldEpochs: 6, meanValAccuracy: 0.7, stdValAccuracy: 0.02 }),
    // 2 epochs, 1 per fold: progress 0.5, trained 1, terminal; ties trial 3 at 0.8 with a lower number
    trial(2, { status: 'stopped', epochs: 2, epochsDone: 3, unfinishedFoldEpochs: 3, meanValAccuracy: 0.8, stdValAccuracy: null }),
    // nothing trained: 4 × 3 left
    trial(6),
  ];

  it('sums counts, epochs and folds with the page’s rules, and picks the best (ties: lower number)', () => {
    const other = summarizeOtherTrials(trials, 3);
    expect(other).toEqual({
      count: 5,
      trialCounts: { queued: 1, running: 1, paused: 0, waiting: 1, stopped: 1, completed: 1, failed: 0, cancelled: 0 },
      plannedEpochs: 18,
      trainedEpochs: 9,
      remainingFoldEpochs: 18,
      runningFolds: 1,
      scored: 3,
      best: { id: 't2', number: 2, meanValAccuracy: 0.8, stdValAccuracy: null, status: 'stopped', parameterCount: null, scoreRung: null },
    });
  });

  it('is all zeros over no trial', () => {
    expect(summarizeOtherTrials([], 3)).toEqual({
      count: 0,
      trialCounts: { queued: 0, running: 0, paused: 0, waiting: 0, stopped: 0, completed: 0, failed: 0, cancelled: 0 },
      plannedEpochs: 0,
      trainedEpochs: 0,
      remainingFoldEpochs: 0,
      runningFolds: 0,
      scored: 0,
      best: null,
    });
  });
});

describe('summarizeRungs', () => {
  const strategy = [1, 3, 9]; // the epochs of each rung
  const result = (number: number, rung: number, score: number, promoted: boolean, status: string): RungResultRow => ({
    trialId: `t${number}`,
    number,
    status,
    rung,
    score,
    promoted,
  });

  it('gives each point its outcome, counts them, orders best first (ties: lower number), and lists empty rungs', () => {
    const rungs = summarizeRungs(
      [
        result(1, 0, 0.5, true, 'completed'),
        result(3, 0, 0.7, false, 'stopped'),
        result(2, 0, 0.7, false, 'waiting'),
        result(4, 0, 0.6, true, 'running'),
        result(1, 1, 0.65, true, 'completed'),
        result(1, 2, 0.8, false, 'completed'),
        result(9, 7, 0.99, false, 'completed'), // no such rung: ignored
      ],
      strategy,
    );
    expect(rungs.map((r) => [r.rung, r.epochs, r.reached, r.promoted, r.stopped, r.waiting, r.best])).toEqual([
      [0, 1, 4, 2, 1, 1, 0.7],
      [1, 3, 1, 1, 0, 0, 0.65],
      [2, 9, 1, 0, 0, 0, 0.8],
    ]);
    expect(rungs[0]!.points).toEqual([
      { trialId: 't2', number: 2, score: 0.7, outcome: 'waiting' },
      { trialId: 't3', number: 3, score: 0.7, outcome: 'stopped' },
      { trialId: 't4', number: 4, score: 0.6, outcome: 'promoted' },
      { trialId: 't1', number: 1, score: 0.5, outcome: 'promoted' },
    ]);
    expect(rungs[2]!.points).toEqual([{ trialId: 't1', number: 1, score: 0.8, outcome: 'final' }]);
    expect(summarizeRungs([], strategy).map((r) => [r.reached, r.best, r.points])).toEqual([
      [0, null, []],
      [0, null, []],
      [0, null, []],
    ]);
  });

  it('counts every point but keeps only the RUNG_POINTS_LIMIT best', () => {
    const n = RUNG_POINTS_LIMIT + 5;
    const results = Array.from({ length: n }, (_, i) => result(i + 1, 0, (i % 100) / 100, i % 3 === 0, 'stopped'));
    const [first] = summarizeRungs(results, strategy);
    expect(first!.reached).toBe(n);
    expect(first!.promoted + first!.stopped).toBe(n);
    expect(first!.promoted).toBe(Math.ceil(n / 3));
    expect(first!.points).toHaveLength(RUNG_POINTS_LIMIT);
    expect(first!.best).toBe(0.99);
    expect(first!.points.slice(0, 3).map((p) => [p.number, p.score])).toEqual([
      [100, 0.99],
      [200, 0.99],
      [300, 0.99],
    ]);
    const scores = first!.points.map((p) => p.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    // the 5 left out are the lowest: score 0 at the highest numbers
    expect(first!.points.at(-1)).toMatchObject({ score: 0, number: 501 });
  });
});

describe('meanSecondsPerEpoch', () => {
  it('averages the positive finite durations, null when none', () => {
    expect(meanSecondsPerEpoch([1, 2, 0, -1, Number.NaN, Infinity, 3])).toBe(2);
    expect(meanSecondsPerEpoch([0, Number.NaN])).toBeNull();
    expect(meanSecondsPerEpoch([])).toBeNull();
  });
});
