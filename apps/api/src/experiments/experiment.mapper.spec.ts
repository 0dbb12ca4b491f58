import { countByStatus, groupMetrics, pickBestTrial } from './experiment.mapper';
import type { TrialFoldCurves } from './experiments.repository';
import { trialProgress } from '../trials/trial.mapper';

const fold = (trialId: string, number: number, index: number, epochs: number): TrialFoldCurves => ({
  trialId,
  number,
  fold: index,
  metrics: Array.from({ length: epochs }, (_, i) => ({ epoch: i + 1, loss: 1 / (i + 1), accuracy: 0.5 + (i + 1) / 10, valLoss: 1.1 / (i + 1), valAccuracy: null, seconds: 2 })),
});

describe('groupMetrics', () => {
  it('groups ordered folds by trial, keeping folds that have no epoch yet', () => {
    const metrics = groupMetrics('e', [fold('a', 1, 0, 2), fold('a', 1, 1, 0), fold('b', 2, 0, 1)]);
    expect(metrics.experimentId).toBe('e');
    expect(metrics.trials.map((t) => [t.trialId, t.number, t.folds.map((f) => [f.fold, f.metrics.map((m) => m.epoch)])])).toEqual([
      ['a', 1, [[0, [1, 2]], [1, []]]],
      ['b', 2, [[0, [1]]]],
    ]);
    expect(metrics.trials[0]!.folds[0]!.metrics[1]).toEqual({ epoch: 2, loss: 0.5, accuracy: 0.7, valLoss: 0.55, valAccuracy: null, seconds: 2 });
  });
});

describe('pickBestTrial', () => {
  const trials = [
    { id: 't1', number: 1, meanValAccuracy: 0.8, stdValAccuracy: 0.01 },
    { id: 't2', number: 2, meanValAccuracy: 0.9, stdValAccuracy: 0.02 },
    { id: 't3', number: 3, meanValAccuracy: 0.9, stdValAccuracy: null },
    { id: 't4', number: 4, meanValAccuracy: null, stdValAccuracy: null },
  ];
  it('prefers the trial the worker recorded', () => {
    expect(pickBestTrial('t1', trials)).toEqual({ id: 't1', number: 1, meanValAccuracy: 0.8, stdValAccuracy: 0.01 });
  });
  it('otherwise takes the leader, lower number on ties, and null before any score', () => {
    expect(pickBestTrial(null, trials)?.id).toBe('t2');
    expect(pickBestTrial(null, [trials[3]!])).toBeNull();
  });
});

describe('countByStatus', () => {
  it('lists every status, zero when absent', () => {
    expect(countByStatus([{ status: 'queued', count: 3 }, { status: 'running', count: 1 }])).toEqual({
      queued: 3,
      running: 1,
      paused: 0,
      waiting: 0,
      stopped: 0,
      completed: 0,
      failed: 0,
      cancelled: 0,
    });
  });
});

describe('trialProgress', () => {
  it('is epochs done over epochs planned, over every fold', () => {
    expect(trialProgress(4, [{ epochsCompleted: 4 }, { epochsCompleted: 1 }, { epochsCompleted: 0 }])).toBeCloseTo(5 / 12, 12);
    expect(trialProgress(2, [{ epochsCompleted: 2 }, { epochsCompleted: 2 }])).toBe(1);
    expect(trialProgress(2, [{ epochsCompleted: 9 }])).toBe(1);
    expect(trialProgress(2, [])).toBe(0);
  });
});
