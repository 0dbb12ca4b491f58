import { estimateTimeLeft } from './eta';
import { makeExperiment, makeFoldRun, makeMetrics, makeTrial } from '../test/fixtures/experiment';

describe('estimateTimeLeft', () => {
  const metrics = makeMetrics([{ trialId: 'trial-1', number: 1, epochs: 2 }]);
  const seconds = metrics.trials.flatMap((t) => t.folds.flatMap((f) => f.metrics.map((m) => m.seconds)));
  const perEpoch = seconds.reduce((a, b) => a + b, 0) / seconds.length;

  it('multiplies the epochs left by the mean epoch time, divided by the folds running at once', () => {
    const experiment = makeExperiment({
      status: 'running',
      validation: { kind: 'kfold', folds: 2 },
      trials: [
        makeTrial(1, { status: 'completed' }),
        makeTrial(2, { status: 'running', folds: [makeFoldRun({ fold: 0, status: 'running' }), makeFoldRun({ fold: 1, status: 'running' })] }),
        makeTrial(3, { status: 'queued' }),
      ],
    });
    // trial 2 is half done: 2 of 4 epochs left; trial 3 has all 4 left (2 epochs × 2 folds)
    const eta = estimateTimeLeft(experiment, metrics, (id) => (id === 'trial-2' ? 0.5 : 0))!;
    expect(eta.remainingEpochs).toBe(6);
    expect(eta.parallel).toBe(2);
    expect(eta.secondsPerEpoch).toBeCloseTo(perEpoch);
    expect(eta.seconds).toBeCloseTo((6 * perEpoch) / 2);
  });

  it('has nothing to say before the first epoch or once finished', () => {
    const running = makeExperiment({ status: 'running' });
    expect(estimateTimeLeft(running, { experimentId: running.id, trials: [] }, () => 0)).toBeNull();
    expect(estimateTimeLeft(makeExperiment({ status: 'completed' }), metrics, () => 0)).toBeNull();
  });
});
