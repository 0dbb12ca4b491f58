import { meanCurve } from './curves';

const m = (epoch: number, loss: number, valAccuracy: number | null) => ({ epoch, loss, accuracy: 1 - loss, valLoss: null, valAccuracy, seconds: 1 });

describe('meanCurve', () => {
  it('averages each epoch over the folds that reached it, with the population std', () => {
    const curve = meanCurve([{ metrics: [m(1, 1, 0.4), m(2, 0.5, 0.6)] }, { metrics: [m(1, 0.6, null)] }]);
    expect(curve).toHaveLength(2);
    expect(curve[0]).toMatchObject({ epoch: 1, folds: 2, valAccuracy: 0.4, valAccuracyStd: 0, valLoss: null, valLossStd: null });
    expect(curve[0]!.loss).toBeCloseTo(0.8, 12);
    expect(curve[0]!.lossStd).toBeCloseTo(0.2, 12);
    expect(curve[1]).toMatchObject({ epoch: 2, folds: 1, loss: 0.5, lossStd: 0, valAccuracy: 0.6 });
  });

  it('is empty without epochs', () => {
    expect(meanCurve([{ metrics: [] }])).toEqual([]);
  });
});
