import { elapsedSeconds, meanCurve } from './curves';

const m = (epoch: number, loss: number, valAccuracy: number | null, seconds = 1) => ({ epoch, loss, accuracy: 1 - loss, valLoss: null, valAccuracy, seconds });

describe('meanCurve', () => {
  it('averages each epoch over the folds that reached it, with the population std', () => {
    const curve = meanCurve([{ metrics: [m(1, 1, 0.4), m(2, 0.5, 0.6)] }, { metrics: [m(1, 0.6, null)] }]);
    expect(curve).toHaveLength(2);
    expect(curve[0]).toMatchObject({ epoch: 1, folds: 2, valAccuracy: 0.4, valAccuracyStd: 0, valLoss: null, valLossStd: null });
    expect(curve[0]!.loss).toBeCloseTo(0.8, 12);
    expect(curve[0]!.lossStd).toBeCloseTo(0.2, 12);
    expect(curve[1]).toMatchObject({ epoch: 2, folds: 1, loss: 0.5, lossStd: 0, valAccuracy: 0.6 });
  });

  it("puts each epoch at the folds' mean training wall time so far", () => {
    // fold A: 2 s then 4 s; fold B: 3 s then 5 s (listed out of order)
    const curve = meanCurve([{ metrics: [m(1, 1, null, 2), m(2, 1, null, 4)] }, { metrics: [m(2, 1, null, 5), m(1, 1, null, 3)] }]);
    expect(curve.map((p) => p.elapsedSeconds)).toEqual([2.5, 7]);
  });

  it('is empty without epochs', () => {
    expect(meanCurve([{ metrics: [] }])).toEqual([]);
  });
});

describe('elapsedSeconds', () => {
  it('sums the epoch durations in epoch order', () => {
    expect([...elapsedSeconds([{ epoch: 3, seconds: 1.5 }, { epoch: 1, seconds: 2 }, { epoch: 2, seconds: 0.5 }])]).toEqual([
      [1, 2],
      [2, 2.5],
      [3, 4],
    ]);
  });
});
