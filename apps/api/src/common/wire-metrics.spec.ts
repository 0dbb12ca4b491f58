import { ZEpochMetric, ZExperimentMetrics } from '@atelier/domain';
import { wireEpoch, wireExperimentMetrics } from './wire-metrics';

describe('wire metrics', () => {
  const epochs = [
    { epoch: 1, loss: 2.3, accuracy: 0.1, valLoss: 2.2, valAccuracy: 0.12, seconds: 1.5 },
    { epoch: 2, loss: NaN, accuracy: 0.1, valLoss: Infinity, valAccuracy: null, seconds: 1.4 },
    { epoch: 3, loss: -Infinity, accuracy: NaN, valLoss: null, valAccuracy: 0.1, seconds: Infinity },
  ];

  it('is what the shared schema encodes, for finite and non-finite values alike', () => {
    for (const epoch of epochs) expect(wireEpoch(epoch)).toEqual(ZEpochMetric.encode(epoch));
    expect(wireEpoch(epochs[1]!)).toEqual({ epoch: 2, loss: 'NaN', accuracy: 0.1, valLoss: 'Infinity', valAccuracy: null, seconds: 1.4 });
  });

  it('survives JSON and decodes to the same numbers', () => {
    const metrics = { experimentId: 'e', trials: [{ trialId: 't', number: 1, folds: [{ trialId: 't', fold: 0, metrics: epochs }] }] };
    const received = ZExperimentMetrics.parse(JSON.parse(JSON.stringify(wireExperimentMetrics(metrics))));
    expect(received).toEqual(metrics);
  });
});
