import { experimentBestTrial, groupMetrics } from './experiment.mapper';
import type { TrialFoldCurves } from './experiments.repository';
import { trialProgress } from '../trials/trial.mapper';

const fold = (trialId: string, number: number, index: number, epochs: number): TrialFoldCurves => ({
  trialId,
  number,
  fold: index,
  metrics: Array.from({ length: epochs }, (_, i) => ({
    epoch: i + 1,
    loss: 1 / (i + 1),
    accuracy: 0.5 + (i + 1) / 10,
    valLoss: 1.1 / (i + 1),
    valAccuracy: null,
    seconds: 2,
  })),
});

describe('groupMetrics', () => {
  it('groups ordered folds by trial, keeping folds that have no epoch yet', () => {
    const metrics = groupMetrics('e', [fold('a', 1, 0, 2), fold('a', 1, 1, 0), fold('b', 2, 0, 1)]);
    expect(metrics.experimentId).toBe('e');
    expect(metrics.trials.map((t) => [t.trialId, t.number, t.folds.map((f) => [f.fold, f.metrics.map((m) => m.epoch)])])).toEqual([
      [
        'a',
        1,
        [
          [0, [1, 2]],
          [1, []],
        ],
      ],
      ['b', 2, [[0, [1]]]],
    ]);
    expect(metrics.trials[0]!.folds[0]!.metrics[1]).toEqual({
      epoch: 2,
      loss: 0.5,
      accuracy: 0.7,
      valLoss: 0.55,
      valAccuracy: null,
      seconds: 2,
    });
  });
});

describe('experimentBestTrial', () => {
  const t = (number: number, status: string, rung: number | null, meanValAccuracy: number | null) => ({
    id: `t${number}`,
    number,
    status,
    rung,
    meanValAccuracy,
    stdValAccuracy: meanValAccuracy === null ? null : 0.01,
    parameterCount: 1000,
  });
  // ASHA mid-search: trial 2 scored at rung 1, trial 1 higher at rung 0
  const trials = [t(1, 'waiting', 0, 0.9), t(2, 'waiting', 1, 0.8), t(3, 'queued', 0, null)];

  it('is the trial the worker recorded', () => {
    expect(experimentBestTrial('t2', trials)).toEqual({ id: 't2', number: 2, meanValAccuracy: 0.8, stdValAccuracy: 0.01 });
  });

  it('without a record, is the one rule over the trials: the highest rung scored first', () => {
    expect(experimentBestTrial(null, trials)?.id).toBe('t2');
    // a record that names no scored trial is no record
    expect(experimentBestTrial('t3', trials)?.id).toBe('t2');
    expect(experimentBestTrial(null, [trials[2]!])).toBeNull();
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
