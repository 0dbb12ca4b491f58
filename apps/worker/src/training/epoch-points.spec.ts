import { epochPoints } from './epoch-points';

const wallTime = new Date('2026-12-07T10:00:00Z');
const base = {
  fold: 2,
  trainImages: 1000,
  batchSize: 100,
  epochs: 4,
  baseLearningRate: 0.1,
  learningRateSchedule: undefined,
  wallTime,
};

const byKey = (points: ReturnType<typeof epochPoints>) => Object.fromEntries(points.map((p) => [p.key, p.value]));

describe('epochPoints', () => {
  it('writes every key of an epoch at its fold and step, with the learning rate and the throughput', () => {
    const points = epochPoints({ ...base, metrics: { epoch: 3, loss: 0.5, accuracy: 0.8, valLoss: 0.6, valAccuracy: 0.75, seconds: 4 } });
    expect(byKey(points)).toEqual({
      loss: 0.5,
      accuracy: 0.8,
      val_loss: 0.6,
      val_accuracy: 0.75,
      epoch_seconds: 4,
      learning_rate: 0.1,
      images_per_second: 250,
    });
    expect(points.every((p) => p.fold === 2 && p.step === 3 && p.wallTime === wallTime)).toBe(true);
  });

  it('keeps a diverged loss as it is, and leaves out validation keys the fold does not have', () => {
    const points = epochPoints({ ...base, metrics: { epoch: 1, loss: NaN, accuracy: 0.1, valLoss: null, valAccuracy: null, seconds: 2 } });
    const values = byKey(points);
    expect(Number.isNaN(values.loss)).toBe(true);
    expect(Object.keys(values).sort()).toEqual(['accuracy', 'epoch_seconds', 'images_per_second', 'learning_rate', 'loss']);
    expect(
      byKey(
        epochPoints({ ...base, metrics: { epoch: 1, loss: Infinity, accuracy: 0.1, valLoss: -Infinity, valAccuracy: 0.1, seconds: 2 } }),
      ),
    ).toMatchObject({
      loss: Infinity,
      val_loss: -Infinity,
    });
  });

  it("records the rate of the epoch's first batch under a schedule", () => {
    // cosine over 4 epochs × 10 batches: epoch 3 starts at step 20, halfway, where the rate is (base + min) / 2
    const points = epochPoints({
      ...base,
      learningRateSchedule: { kind: 'cosine', minLearningRate: 0.02 },
      metrics: { epoch: 3, loss: 1, accuracy: 0.5, valLoss: null, valAccuracy: null, seconds: 1 },
    });
    expect(byKey(points).learning_rate).toBeCloseTo(0.06, 12);
  });

  it('has no throughput for an epoch timed at zero seconds', () => {
    expect(
      byKey(epochPoints({ ...base, metrics: { epoch: 1, loss: 1, accuracy: 0.5, valLoss: null, valAccuracy: null, seconds: 0 } })),
    ).not.toHaveProperty('images_per_second');
  });
});
