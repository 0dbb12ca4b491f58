import type { TFoldMetrics } from '@atelier/domain';
import { makeEpoch, makeMetrics } from '@/test/fixtures/experiment';
import { accuracyScale, averageFoldCurves, trialCurves } from './curves';

describe('averageFoldCurves', () => {
  it('averages train and validation over the folds that reached each epoch', () => {
    const folds: TFoldMetrics[] = [
      {
        trialId: 't',
        fold: 0,
        metrics: [makeEpoch(1, { accuracy: 0.5, valAccuracy: 0.4 }), makeEpoch(2, { accuracy: 0.7, valAccuracy: 0.6 })],
      },
      { trialId: 't', fold: 1, metrics: [makeEpoch(1, { accuracy: 0.7, valAccuracy: null })] },
    ];
    expect(averageFoldCurves(folds, 'accuracy')).toEqual([
      { epoch: 1, train: 0.6, val: 0.4, folds: 2, elapsed: 3.5 },
      { epoch: 2, train: 0.7, val: 0.6, folds: 1, elapsed: 7 },
    ]);
    expect(averageFoldCurves(folds, 'loss')[1]).toEqual({ epoch: 2, train: 0.6, val: 0.65, folds: 1, elapsed: 7 });
  });
});

describe('trialCurves', () => {
  it('orders the trials by number', () => {
    const curves = trialCurves(
      makeMetrics([
        { trialId: 'b', number: 2, epochs: 1 },
        { trialId: 'a', number: 1, epochs: 2 },
      ]),
      'accuracy',
    );
    expect(curves.map((c) => c.number)).toEqual([1, 2]);
    expect(curves[0]!.points[0]!.val).toBeCloseTo(0.66);
  });
});

describe('accuracyScale', () => {
  it('picks the smallest round step that needs at most six ticks', () => {
    expect(accuracyScale([0.812, 0.874])).toEqual({ domain: [0.8, 0.88], ticks: [0.8, 0.82, 0.84, 0.86, 0.88], percentDigits: 0 });
    expect(accuracyScale([0.05, 0.9]).ticks).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
    expect(accuracyScale([0.5, 0.5]).ticks).toEqual([0.5, 0.51]);
    expect(accuracyScale([]).domain).toEqual([0, 1]);
  });
});
