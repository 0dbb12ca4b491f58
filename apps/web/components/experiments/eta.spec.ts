import { estimateTimeLeft } from './eta';

describe('estimateTimeLeft', () => {
  it('multiplies the epochs left by the mean epoch time, divided by the folds running at once', () => {
    const eta = estimateTimeLeft('running', { remainingFoldEpochs: 6, runningFolds: 2 }, 3.5)!;
    expect(eta).toEqual({ remainingEpochs: 6, parallel: 2, secondsPerEpoch: 3.5, seconds: (6 * 3.5) / 2 });
    // nothing running at the moment (between folds): one at a time
    expect(estimateTimeLeft('running', { remainingFoldEpochs: 6, runningFolds: 0 }, 3.5)!.seconds).toBe(21);
  });

  it('has nothing to say before the first epoch, once finished, or when nothing is left', () => {
    expect(estimateTimeLeft('running', { remainingFoldEpochs: 6, runningFolds: 1 }, null)).toBeNull();
    expect(estimateTimeLeft('completed', { remainingFoldEpochs: 6, runningFolds: 1 }, 3)).toBeNull();
    expect(estimateTimeLeft('cancelled', { remainingFoldEpochs: 6, runningFolds: 1 }, 3)).toBeNull();
    // paused: epochs are left, but nobody trains them
    expect(estimateTimeLeft('paused', { remainingFoldEpochs: 6, runningFolds: 1 }, 3)).toBeNull();
    expect(estimateTimeLeft('running', { remainingFoldEpochs: 0, runningFolds: 1 }, 3)).toBeNull();
  });
});
