import { RUNG_POINTS_LIMIT } from '@atelier/domain';
import {
  meanSecondsPerEpoch,
  noOtherTrials,
  plannedEpochsOf,
  summarizeOtherTrials,
  summarizeRungs,
  type ListedTrial,
} from './experiment-overview.mapper';
import type { RungResultRow, RungSummaryRow, TrialStatusSummary } from './experiments.repository';

const row = (status: string, r: Partial<TrialStatusSummary> = {}): TrialStatusSummary => ({
  status,
  trials: 0,
  epochs: 0,
  foldEpochs: 0,
  runningFolds: 0,
  scored: 0,
  ...r,
});

/** A listed trial: only what summarizeOtherTrials reads is meaningful. */
const listed = (status: string, epochs: number, foldEpochs: number, runningFolds: number, meanValAccuracy: number | null) =>
  ({ status, params: { epochs }, foldEpochs, runningFolds, meanValAccuracy }) as unknown as ListedTrial;

describe('summarizeOtherTrials', () => {
  it('subtracts the listed trials from the summary and applies the page rules per status', () => {
    // 3 planned folds; epochs 4 unless said
    const summary = [
      row('completed', { trials: 5, epochs: 20, foldEpochs: 60, scored: 5 }),
      row('running', { trials: 2, epochs: 8, foldEpochs: 10, runningFolds: 2 }),
      row('waiting', { trials: 2, epochs: 8, foldEpochs: 12, scored: 2 }),
      row('paused', { trials: 1, epochs: 2, foldEpochs: 1 }),
      row('queued', { trials: 3, epochs: 6 }),
      row('failed', { trials: 1, epochs: 4, foldEpochs: 3 }),
    ];
    const best = {
      id: 't9',
      number: 9,
      meanValAccuracy: 0.7,
      stdValAccuracy: 0.01,
      status: 'completed' as const,
      parameterCount: 10,
      scoreRung: null,
    };
    const others = summarizeOtherTrials(summary, [listed('completed', 4, 12, 0, 0.9), listed('running', 4, 5, 1, null)], 3, best);
    expect(others).toEqual({
      count: 12,
      trialCounts: { queued: 3, running: 1, paused: 1, waiting: 2, stopped: 0, completed: 4, failed: 1, cancelled: 0 },
      plannedEpochs: 16 + 4 + 8 + 2 + 6 + 4,
      // completed: their epochs; the others: fold epochs / planned folds
      trainedEpochs: 16 + 5 / 3 + 12 / 3 + 1 / 3 + 0 + 3 / 3,
      // in flight only (running, paused, queued): epochs × folds − fold epochs; waiting and failed have none left
      remainingFoldEpochs: 4 * 3 - 5 + (2 * 3 - 1) + 6 * 3,
      runningFolds: 1,
      scored: 4 + 2,
      best,
    });
  });

  it('is all zeros with nothing left over, and ignores a listed trial whose status the summary no longer has', () => {
    expect(noOtherTrials()).toMatchObject({ count: 0, plannedEpochs: 0, trainedEpochs: 0, remainingFoldEpochs: 0, scored: 0, best: null });
    expect(summarizeOtherTrials([row('queued', { trials: 1, epochs: 2 })], [listed('running', 2, 0, 1, null)], 3, null).count).toBe(1);
  });
});

describe('plannedEpochsOf', () => {
  it('reads a number, else 0, as the summary triggers do', () => {
    expect(plannedEpochsOf({ epochs: 9 })).toBe(9);
    expect(plannedEpochsOf({ epochs: '9' })).toBe(0);
    expect(plannedEpochsOf({})).toBe(0);
    expect(plannedEpochsOf(null)).toBe(0);
  });
});

/** The rung results counted as the summary triggers count them (packages/db/test/rung-summary.int-spec.ts checks those). */
function summariesOf(results: readonly RungResultRow[]): RungSummaryRow[] {
  const rungs = new Map<number, RungSummaryRow>();
  for (const r of results) {
    const rung = rungs.get(r.rung) ?? { rung: r.rung, results: 0, promoted: 0, waiting: 0, best: null };
    rung.results += 1;
    if (r.promoted) rung.promoted += 1;
    else if (r.status === 'waiting') rung.waiting += 1;
    rung.best = Math.max(rung.best ?? -Infinity, r.score);
    rungs.set(r.rung, rung);
  }
  return [...rungs.values()];
}

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
    const results = [
      result(1, 0, 0.5, true, 'completed'),
      result(3, 0, 0.7, false, 'stopped'),
      result(2, 0, 0.7, false, 'waiting'),
      result(4, 0, 0.6, true, 'running'),
      result(1, 1, 0.65, true, 'completed'),
      result(1, 2, 0.8, false, 'completed'),
      result(9, 7, 0.99, false, 'completed'), // no such rung: ignored
    ];
    const rungs = summarizeRungs(results, strategy, summariesOf(results));
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
    expect(summarizeRungs([], strategy, []).map((r) => [r.reached, r.best, r.points])).toEqual([
      [0, null, []],
      [0, null, []],
      [0, null, []],
    ]);
  });

  it('counts every result but keeps only the RUNG_POINTS_LIMIT best points', () => {
    const n = RUNG_POINTS_LIMIT + 5;
    const results = Array.from({ length: n }, (_, i) => result(i + 1, 0, (i % 100) / 100, i % 3 === 0, 'stopped'));
    const [first] = summarizeRungs(results, strategy, summariesOf(results));
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
