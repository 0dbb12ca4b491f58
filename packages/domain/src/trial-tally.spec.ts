import { describeTally, doneShare, hasEpochsLeft, isTrainingNow, refitStillExpected, tallyTrials } from './trial-tally';

describe('tallyTrials and describeTally', () => {
  it('names every final outcome instead of lumping them into "finished"', () => {
    const cancelled = tallyTrials({ completed: 2, cancelled: 4 }, 6);
    expect(cancelled).toMatchObject({ completed: 2, cancelled: 4, done: 2, ended: 6 });
    expect(describeTally(cancelled)).toBe('2 / 6 completed · 4 cancelled');
    expect(doneShare(cancelled)).toBeCloseTo(1 / 3);

    const asha = tallyTrials({ completed: 1, stopped: 3 }, 4);
    expect(describeTally(asha)).toBe('1 / 4 completed · 3 stopped early');
    // ASHA's stopped trials trained as far as the search wanted
    expect(doneShare(asha)).toBe(1);

    const running = tallyTrials({ queued: 3, running: 1, completed: 3, failed: 1 }, 8);
    expect(describeTally(running)).toBe('3 / 8 completed · 1 failed');
    expect(running.ended).toBe(4);
    expect(doneShare(tallyTrials({}, 0))).toBe(0);
  });
});

describe('the status rules', () => {
  it('has a time left only while queued or running', () => {
    expect(isTrainingNow('running')).toBe(true);
    expect(isTrainingNow('queued')).toBe(true);
    expect(isTrainingNow('paused')).toBe(false);
    expect(isTrainingNow('cancelled')).toBe(false);
    expect(isTrainingNow('completed')).toBe(false);
  });

  it('counts epochs left for trials still to train, paused ones included', () => {
    expect(hasEpochsLeft('paused')).toBe(true);
    expect(hasEpochsLeft('queued')).toBe(true);
    expect(hasEpochsLeft('waiting')).toBe(false);
    expect(hasEpochsLeft('stopped')).toBe(false);
    expect(hasEpochsLeft('cancelled')).toBe(false);
  });

  it('expects a refit only while the search can still finish', () => {
    expect(refitStillExpected('running')).toBe(true);
    expect(refitStillExpected('paused')).toBe(true);
    expect(refitStillExpected('cancelled')).toBe(false);
    expect(refitStillExpected('failed')).toBe(false);
  });
});
