import { ZEpochMetric } from './experiment';
import { ZProgressEvent } from './progress';

describe('ZMetricNumber in the epoch records', () => {
  const diverged = { epoch: 3, loss: NaN, accuracy: 0.1, valLoss: Infinity, valAccuracy: null, seconds: 2 };

  it('encodes NaN and ±Infinity as wire strings, and decodes them back to the same numbers', () => {
    const wire = ZEpochMetric.encode(diverged);
    expect(wire).toEqual({ epoch: 3, loss: 'NaN', accuracy: 0.1, valLoss: 'Infinity', valAccuracy: null, seconds: 2 });
    // JSON keeps the strings where it would have written null for the numbers
    const decoded = ZEpochMetric.parse(JSON.parse(JSON.stringify(wire)));
    expect(decoded.loss).toBeNaN();
    expect(decoded.valLoss).toBe(Infinity);
    expect(ZEpochMetric.parse({ ...wire, valLoss: '-Infinity' }).valLoss).toBe(-Infinity);
  });

  it('leaves finite values as they are on both sides, and refuses what is not a number', () => {
    const finite = { epoch: 1, loss: 0.5, accuracy: 0.8, valLoss: 0.6, valAccuracy: 0.7, seconds: 1.5 };
    expect(ZEpochMetric.encode(finite)).toEqual(finite);
    expect(ZEpochMetric.parse(finite)).toEqual(finite);
    expect(ZEpochMetric.safeParse({ ...finite, loss: null }).success).toBe(false);
    expect(ZEpochMetric.safeParse({ ...finite, loss: 'nan' }).success).toBe(false);
  });

  it('carries a diverged epoch through a progress event', () => {
    const event = { type: 'epoch' as const, experimentId: 'e', trialId: 't', fold: 0, epochs: 5, metric: diverged };
    const received = ZProgressEvent.parse(JSON.parse(JSON.stringify(ZProgressEvent.encode(event))));
    expect(received.type === 'epoch' && received.metric.loss).toBeNaN();
  });
});
