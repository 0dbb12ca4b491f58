import {
  ACTIVE_EXPERIMENT_STATUSES,
  aggregateFolds,
  allFoldsSettled,
  assertTransition,
  bestTrialOf,
  checkTransition,
  compareForBest,
  countByStatus,
  describeTally,
  doneShare,
  elapsedSeconds,
  EXPERIMENT_STATUSES,
  experimentActionRefusal,
  experimentOutcome,
  FOLD_STATUSES,
  foldCount,
  hasEpochsLeft,
  IN_FLIGHT_TRIAL_STATUSES,
  isBestCandidate,
  isFoldSettled,
  isRefitActive,
  isTerminalExperiment,
  isTerminalTrial,
  isTrainingNow,
  LifecycleTransitionError,
  listStatuses,
  meanCurve,
  pickBestRun,
  rankedBestTrialOf,
  populationStd,
  refitStillExpected,
  scoreRungOf,
  statusAfterRung,
  tallyTrials,
  type TBestCandidate,
  type TLifecycleEntity,
  TRACKED_EXPERIMENT_STATUS_RULE,
  trackedExperimentFinishedAt,
  trackedExperimentStatus,
  TRIAL_STATUSES,
  trialOutcome,
  type TTrialStatus,
} from './run-lifecycle';

// ---------------------------------------------------------------------------------------------
// Statuses

describe('status sets', () => {
  it('calls completed, failed and cancelled final for experiments, and stopped too for runs', () => {
    expect(EXPERIMENT_STATUSES.filter(isTerminalExperiment)).toEqual(['completed', 'failed', 'cancelled']);
    expect(TRIAL_STATUSES.filter(isTerminalTrial)).toEqual(['stopped', 'completed', 'failed', 'cancelled']);
    expect(FOLD_STATUSES.filter(isFoldSettled)).toEqual(['completed', 'failed', 'cancelled']);
  });

  it('calls every experiment status that is not final active', () => {
    expect(EXPERIMENT_STATUSES.filter((s) => ACTIVE_EXPERIMENT_STATUSES.includes(s))).toEqual(
      EXPERIMENT_STATUSES.filter((s) => !isTerminalExperiment(s)),
    );
  });

  it('has a time left only while queued or running', () => {
    expect(EXPERIMENT_STATUSES.filter(isTrainingNow)).toEqual(['queued', 'running']);
  });

  it('counts epochs left for trials still to train, paused ones included, not waiting ones', () => {
    expect(TRIAL_STATUSES.filter(hasEpochsLeft)).toEqual(['queued', 'running', 'paused']);
  });

  it('expects a refit only while the search can still finish', () => {
    expect(EXPERIMENT_STATUSES.filter(refitStillExpected)).toEqual(['queued', 'running', 'paused']);
  });

  it('calls a refit active while queued or running', () => {
    expect(['queued', 'running', 'completed', 'failed', null, undefined].map(isRefitActive)).toEqual([
      true,
      true,
      false,
      false,
      false,
      false,
    ]);
  });
});

// ---------------------------------------------------------------------------------------------
// Transitions: every pair, against the moves listed here a second time on purpose

const MOVES: Record<TLifecycleEntity, { statuses: readonly string[]; moves: string[] }> = {
  experiment: {
    statuses: EXPERIMENT_STATUSES,
    moves: [
      'queued>running',
      'queued>paused',
      'queued>failed',
      'queued>cancelled',
      'running>paused',
      'running>completed',
      'running>failed',
      'running>cancelled',
      'paused>queued',
      'paused>running',
      'paused>completed',
      'paused>failed',
      'paused>cancelled',
    ],
  },
  run: {
    statuses: TRIAL_STATUSES,
    moves: [
      'queued>running',
      'queued>paused',
      'queued>failed',
      'queued>cancelled',
      'running>waiting',
      'running>completed',
      'running>paused',
      'running>failed',
      'running>cancelled',
      'paused>queued',
      'paused>running',
      'paused>cancelled',
      'waiting>queued',
      'waiting>paused',
      'waiting>stopped',
    ],
  },
  fold: {
    statuses: FOLD_STATUSES,
    moves: [
      'queued>running',
      'queued>paused',
      'queued>failed',
      'queued>cancelled',
      'running>completed',
      'running>failed',
      'running>cancelled',
      'running>paused',
      'running>queued',
      'paused>queued',
      'paused>cancelled',
      'completed>queued',
      'completed>paused',
    ],
  },
};

describe('checkTransition', () => {
  for (const [entity, { statuses, moves }] of Object.entries(MOVES) as [TLifecycleEntity, (typeof MOVES)[TLifecycleEntity]][]) {
    it(`allows exactly the listed moves of a ${entity}, and every status to itself`, () => {
      for (const from of statuses) {
        for (const to of statuses) {
          const check = checkTransition(entity, from, to);
          const expected = from === to || moves.includes(`${from}>${to}`);
          expect({ from, to, ok: check.ok }).toEqual({ from, to, ok: expected });
          if (check.ok) expect(check.changed).toBe(from !== to);
        }
      }
    });
  }

  it('says a final status is final', () => {
    expect(checkTransition('run', 'completed', 'running')).toEqual({
      ok: false,
      message: 'A run cannot go from completed to running: completed is final.',
    });
    expect(checkTransition('experiment', 'cancelled', 'running')).toEqual({
      ok: false,
      message: 'An experiment cannot go from cancelled to running: cancelled is final.',
    });
  });

  it('says what a status can become instead', () => {
    expect(checkTransition('fold', 'queued', 'completed')).toEqual({
      ok: false,
      message: 'A fold cannot go from queued to completed: from queued it can only become running, paused, failed or cancelled.',
    });
    expect(checkTransition('run', 'waiting', 'completed')).toEqual({
      ok: false,
      message: 'A run cannot go from waiting to completed: from waiting it can only become queued, paused or stopped.',
    });
  });

  it('refuses a status that does not exist, naming those that do', () => {
    expect(checkTransition('fold', 'waiting', 'running')).toEqual({
      ok: false,
      message: "'waiting' is not a status of folds; they are queued, running, paused, completed, failed or cancelled.",
    });
    const refused = checkTransition('experiment', 'running', 'done');
    expect(refused.ok).toBe(false);
    expect(refused).toHaveProperty('message', expect.stringContaining("'done' is not a status of experiments"));
  });

  it('throws a LifecycleTransitionError from assertTransition', () => {
    expect(assertTransition('run', 'waiting', 'stopped')).toBe(true);
    expect(assertTransition('run', 'stopped', 'stopped')).toBe(false);
    expect(() => assertTransition('run', 'stopped', 'queued')).toThrow(
      new LifecycleTransitionError('run', 'stopped', 'queued', 'A run cannot go from stopped to queued: stopped is final.'),
    );
  });

  it('lists statuses the way the messages read', () => {
    expect([listStatuses([]), listStatuses(['a']), listStatuses(['a', 'b']), listStatuses(['a', 'b', 'c'])]).toEqual([
      '',
      'a',
      'a or b',
      'a, b or c',
    ]);
  });
});

describe('experimentActionRefusal', () => {
  const refusals = (action: Parameters<typeof experimentActionRefusal>[0]) =>
    Object.fromEntries(EXPERIMENT_STATUSES.map((status) => [status, experimentActionRefusal(action, { name: 'grid', status }) !== null]));

  it('pauses a queued or running search, resumes a paused one, cancels any that is not final', () => {
    expect(refusals('pause')).toEqual({ queued: false, running: false, paused: true, completed: true, failed: true, cancelled: true });
    expect(refusals('resume')).toEqual({ queued: true, running: true, paused: false, completed: true, failed: true, cancelled: true });
    expect(refusals('cancel')).toEqual({ queued: false, running: false, paused: false, completed: true, failed: true, cancelled: true });
    expect(refusals('refit')).toEqual({ queued: true, running: true, paused: false, completed: false, failed: false, cancelled: false });
  });

  it('says what to do instead', () => {
    expect(experimentActionRefusal('pause', { name: 'grid', status: 'paused' })).toBe(
      "Experiment 'grid' is paused: only a queued or running experiment can be paused.",
    );
    expect(experimentActionRefusal('resume', { name: 'grid', status: 'running' })).toBe(
      "Experiment 'grid' is running: only a paused experiment can be resumed.",
    );
    expect(experimentActionRefusal('cancel', { name: 'grid', status: 'completed' })).toBe(
      "Experiment 'grid' is already completed: only a queued, running or paused experiment can be cancelled.",
    );
    expect(experimentActionRefusal('refit', { name: 'grid', status: 'running' })).toBe(
      "Experiment 'grid' is running: its best trial is refit when it completes. Pause or cancel it to refit its best trial so far.",
    );
  });
});

// ---------------------------------------------------------------------------------------------
// Folds

describe('foldCount', () => {
  it('is k for k-fold and one for a holdout split', () => {
    expect(foldCount({ kind: 'kfold', folds: 5 })).toBe(5);
    expect(foldCount({ kind: 'holdout', fraction: 0.2 })).toBe(1);
  });
});

describe('aggregateFolds', () => {
  it('computes the mean and the population standard deviation', () => {
    // accuracies 0.8, 0.9, 1.0: mean 0.9, variance (0.01+0+0.01)/3
    const result = aggregateFolds([
      { valAccuracy: 0.8, valLoss: 0.6 },
      { valAccuracy: 0.9, valLoss: 0.4 },
      { valAccuracy: 1.0, valLoss: 0.2 },
    ]);
    expect(result.meanValAccuracy).toBeCloseTo(0.9, 12);
    expect(result.stdValAccuracy).toBeCloseTo(Math.sqrt(0.02 / 3), 12);
    expect(result.meanValLoss).toBeCloseTo(0.4, 12);
  });

  it('gives a zero std for one fold and matches a textbook example', () => {
    expect(aggregateFolds([{ valAccuracy: 0.5, valLoss: 1 }]).stdValAccuracy).toBe(0);
    // 2,4,4,4,5,5,7,9: population std exactly 2
    expect(populationStd([2, 4, 4, 4, 5, 5, 7, 9])).toBe(2);
  });

  it("leaves the mean loss empty when a fold has none, and keeps a diverged fold's non-finite loss", () => {
    expect(
      aggregateFolds([
        { valAccuracy: 0.5, valLoss: null },
        { valAccuracy: 0.7, valLoss: 1 },
      ]).meanValLoss,
    ).toBeNull();
    expect(
      aggregateFolds([
        { valAccuracy: 0.5, valLoss: Number.NaN },
        { valAccuracy: 0.7, valLoss: 1 },
      ]).meanValLoss,
    ).toBeNaN();
    expect(
      aggregateFolds([
        { valAccuracy: 0.5, valLoss: Infinity },
        { valAccuracy: 0.7, valLoss: 1 },
      ]).meanValLoss,
    ).toBe(Infinity);
  });
});

describe('when the folds are done at a rung', () => {
  it('needs every fold settled, and at least one fold', () => {
    expect(allFoldsSettled([{ status: 'completed' }, { status: 'failed' }, { status: 'cancelled' }])).toBe(true);
    expect(allFoldsSettled([{ status: 'completed' }, { status: 'running' }])).toBe(false);
    expect(allFoldsSettled([{ status: 'completed' }, { status: 'paused' }])).toBe(false);
    expect(allFoldsSettled([])).toBe(false);
  });

  it('derives a trial status from its folds', () => {
    expect(trialOutcome(['completed', 'completed'])).toBe('completed');
    expect(trialOutcome(['completed', 'cancelled'])).toBe('cancelled');
    expect(trialOutcome(['cancelled', 'failed'])).toBe('failed');
  });

  it('completes a scored trial at the last rung or without rungs, else it waits', () => {
    expect(statusAfterRung(0, null)).toBe('completed');
    expect(statusAfterRung(0, 3)).toBe('waiting');
    expect(statusAfterRung(1, 3)).toBe('waiting');
    expect(statusAfterRung(2, 3)).toBe('completed');
  });

  it('derives an experiment status from its trials, ASHA-stopped trials counting as results', () => {
    expect(experimentOutcome(['completed', 'failed'], false)).toBe('completed');
    expect(experimentOutcome(['stopped', 'failed'], false)).toBe('completed');
    expect(experimentOutcome(['failed', 'failed'], false)).toBe('failed');
    expect(experimentOutcome([], false)).toBe('failed');
    expect(experimentOutcome(['completed'], true)).toBe('cancelled');
    expect(experimentOutcome(['stopped'], true)).toBe('cancelled');
    expect(experimentOutcome(['cancelled', 'cancelled'], false)).toBe('cancelled');
  });
});

// ---------------------------------------------------------------------------------------------
// The best run

const run = (
  id: string,
  number: number,
  acc: number | null,
  params: number | null,
  status = 'completed',
  scoreRung: number | null = null,
): TBestCandidate => ({
  id,
  number,
  status,
  meanValAccuracy: acc,
  parameterCount: params,
  scoreRung,
});

describe('pickBestRun', () => {
  it('takes the highest mean accuracy, never a failed trial', () => {
    expect(pickBestRun([run('a', 1, 0.8, 10), run('b', 2, 0.9, 1000), run('c', 3, 0.95, 5, 'failed')])?.id).toBe('b');
  });

  it('breaks ties with fewer parameters (unknown counts last), then the earlier trial', () => {
    expect(pickBestRun([run('a', 1, 0.9, 500), run('b', 2, 0.9, 100)])?.id).toBe('b');
    expect(pickBestRun([run('a', 1, 0.9, null), run('b', 2, 0.9, 100)])?.id).toBe('b');
    expect(pickBestRun([run('a', 2, 0.9, 100), run('b', 1, 0.9, 100)])?.id).toBe('b');
  });

  it('returns null when no run has a score', () => {
    expect(pickBestRun([run('a', 1, null, null, 'running'), run('b', 2, 0.9, 1, 'failed')])).toBeNull();
    expect(pickBestRun([])).toBeNull();
  });

  it('under rungs ranks only the runs of the highest rung scored', () => {
    // a stopped trial scored 0.95 after one epoch; the 9-epoch trial scored 0.9: it wins
    const early = run('early', 1, 0.95, 10, 'stopped', 0);
    const top = run('top', 2, 0.9, 10, 'completed', 2);
    const middle = run('middle', 3, 0.99, 10, 'stopped', 1);
    expect(pickBestRun([early, top, middle])?.id).toBe('top');
    // a search whose top rung nobody reached: the best of the highest rung that has scores
    expect(pickBestRun([early, middle])?.id).toBe('middle');
  });

  it('keeps a cancelled trial with its last rung score, and ignores a non-finite score', () => {
    expect(pickBestRun([run('a', 1, 0.8, 1, 'stopped', 0), run('b', 2, 0.85, 1, 'cancelled', 0)])?.id).toBe('b');
    expect(isBestCandidate({ status: 'completed', meanValAccuracy: Number.NaN })).toBe(false);
  });

  it('orders candidates before the rest, so a sorted list starts with the best', () => {
    const rows = [
      run('f', 1, 0.99, 1, 'failed', 2),
      run('n', 2, null, 1, 'running'),
      run('a', 3, 0.7, 1, 'waiting', 0),
      run('b', 4, 0.6, 1, 'waiting', 1),
    ];
    expect([...rows].sort(compareForBest).map((r) => r.id)).toEqual(['b', 'a', 'f', 'n']);
  });
});

describe('bestTrialOf and rankedBestTrialOf', () => {
  const t = (number: number, status: string, rung: number | null, meanValAccuracy: number | null, parameterCount: number | null = 10) => ({
    id: `t${number}`,
    number,
    status,
    rung,
    meanValAccuracy,
    stdValAccuracy: meanValAccuracy === null ? null : 0.01,
    parameterCount,
  });

  it('reads the rung of each score from the trial itself', () => {
    // trial 2 was promoted to rung 2 with its rung-1 score; trial 3 waits at rung 1 with a better one
    const trials = [t(1, 'waiting', 0, 0.9), t(2, 'running', 2, 0.8), t(3, 'waiting', 1, 0.82), t(4, 'queued', 0, null)];
    expect(bestTrialOf(trials)).toEqual({ id: 't3', number: 3, meanValAccuracy: 0.82, stdValAccuracy: 0.01 });
    expect(rankedBestTrialOf(trials)).toEqual({
      id: 't3',
      number: 3,
      meanValAccuracy: 0.82,
      stdValAccuracy: 0.01,
      status: 'waiting',
      parameterCount: 10,
      scoreRung: 1,
    });
  });

  it('is null without a scored candidate', () => {
    expect(bestTrialOf([t(1, 'failed', null, 0.9), t(2, 'running', null, null)])).toBeNull();
    expect(rankedBestTrialOf([])).toBeNull();
  });
});

describe('scoreRungOf', () => {
  it('is the current rung of a trial that finished it', () => {
    expect(scoreRungOf({ status: 'waiting', rung: 1, meanValAccuracy: 0.8 })).toBe(1);
    expect(scoreRungOf({ status: 'stopped', rung: 0, meanValAccuracy: 0.8 })).toBe(0);
    expect(scoreRungOf({ status: 'completed', rung: 2, meanValAccuracy: 0.8 })).toBe(2);
  });

  it('is the rung before for a promoted, cancelled or failed trial', () => {
    expect(scoreRungOf({ status: 'running', rung: 2, meanValAccuracy: 0.8 })).toBe(1);
    expect(scoreRungOf({ status: 'queued', rung: 1, meanValAccuracy: 0.8 })).toBe(0);
    expect(scoreRungOf({ status: 'paused', rung: 1, meanValAccuracy: 0.8 })).toBe(0);
    expect(scoreRungOf({ status: 'cancelled', rung: 1, meanValAccuracy: 0.8 })).toBe(0);
  });

  it('is null without a score or outside rung strategies', () => {
    expect(scoreRungOf({ status: 'running', rung: 0, meanValAccuracy: null })).toBeNull();
    expect(scoreRungOf({ status: 'queued', rung: 2, meanValAccuracy: null })).toBeNull();
    expect(scoreRungOf({ status: 'completed', rung: null, meanValAccuracy: 0.8 })).toBeNull();
  });
});

/**
 * One ASHA search (rungs of 1, 3 and 9 epochs, reduction factor 3) seen at three moments. The
 * worker's rule of old (highest rung among completed and stopped trials, then mean, fewer
 * parameters, earlier number) is the truth; the rule now serves the page too. The page's old
 * rules (mean alone over every scored trial; completed trials only, falling back to that) named
 * trial 5 mid-search, a trial that failed; the old worker rule named nobody until the end.
 */
describe('the best during an ASHA search: page and worker agree', () => {
  interface PageTrial {
    id: string;
    number: number;
    status: (typeof TRIAL_STATUSES)[number];
    rung: number;
    meanValAccuracy: number | null;
    parameterCount: number;
  }
  const trial = (number: number, status: PageTrial['status'], rung: number, scores: number[], parameterCount = 1000): PageTrial => ({
    id: `t${number}`,
    number,
    status,
    rung,
    meanValAccuracy: scores.length ? scores[scores.length - 1]! : null,
    parameterCount,
  });
  const best = (trials: PageTrial[]) => pickBestRun(trials.map((t) => ({ ...t, scoreRung: scoreRungOf(t) })))?.id ?? null;
  /** The worker's rule before the move, kept here as the truth it was (it ranked only settled trials). */
  const workerRuleOfOld = (trials: PageTrial[]) => {
    const scored = trials.filter((t) => (t.status === 'completed' || t.status === 'stopped') && t.meanValAccuracy !== null);
    const top = Math.max(0, ...scored.map((t) => t.rung));
    const ranked = scored
      .filter((t) => t.rung === top)
      .sort((a, b) => b.meanValAccuracy! - a.meanValAccuracy! || a.parameterCount - b.parameterCount || a.number - b.number);
    return ranked[0]?.id ?? null;
  };
  /** What the search would settle to now: every in-flight trial cancelled, waiting ones stopped. */
  const settledNow = (trials: PageTrial[]) =>
    trials.map((t) => ({
      ...t,
      status:
        t.status === 'waiting'
          ? ('stopped' as const)
          : (IN_FLIGHT_TRIAL_STATUSES as readonly string[]).includes(t.status)
            ? ('cancelled' as const)
            : t.status,
    }));

  it('while rung 1 is being decided', () => {
    const trials = [
      trial(1, 'waiting', 0, [0.86]), // the best rung-0 score not promoted yet
      trial(2, 'waiting', 1, [0.84, 0.83]), // promoted, finished rung 1
      trial(3, 'running', 1, [0.85]), // promoted, training rung 1 with its rung-0 score
      trial(4, 'waiting', 0, [0.7]),
      trial(5, 'failed', 1, [0.9]), // failed in rung 1: never the best
      trial(6, 'queued', 0, []),
      trial(7, 'waiting', 1, [0.8, 0.83], 500), // ties trial 2 at rung 1 with fewer parameters
    ];
    expect(best(trials)).toBe('t7');
    // the worker, settling the search at this moment, refits the same trial
    expect(best(settledNow(trials))).toBe('t7');
    expect(workerRuleOfOld(settledNow(trials))).toBe('t7');
  });

  it('before anything finished rung 1, the promoted trial in training stays the best', () => {
    const trials = [trial(1, 'waiting', 0, [0.8]), trial(2, 'running', 1, [0.86]), trial(3, 'waiting', 0, [0.86], 2000)];
    expect(best(trials)).toBe('t2');
    // a cancel now keeps its rung-0 score: the refit would still take it
    expect(best(settledNow(trials))).toBe('t2');
  });

  it('once the search settled: the trial of the top rung, even below a stopped one', () => {
    const trials = [
      trial(1, 'stopped', 0, [0.86]),
      trial(2, 'completed', 2, [0.84, 0.83, 0.85]),
      trial(3, 'stopped', 1, [0.85, 0.87]),
      trial(4, 'stopped', 0, [0.7]),
      trial(5, 'failed', 1, [0.9]),
    ];
    expect(best(trials)).toBe('t2');
    expect(workerRuleOfOld(trials)).toBe('t2');
  });
});

// ---------------------------------------------------------------------------------------------
// Fold-mean curves

const m = (epoch: number, loss: number, valAccuracy: number | null, seconds = 1) => ({
  epoch,
  loss,
  accuracy: 1 - loss,
  valLoss: null,
  valAccuracy,
  seconds,
});

describe('meanCurve', () => {
  it('averages each epoch over the folds that reached it, with the population std', () => {
    const curve = meanCurve([{ metrics: [m(1, 1, 0.4), m(2, 0.5, 0.6)] }, { metrics: [m(1, 0.6, null)] }]);
    expect(curve).toHaveLength(2);
    expect(curve[0]).toMatchObject({ epoch: 1, folds: 2, valAccuracy: 0.4, valAccuracyStd: 0, valLoss: null, valLossStd: null });
    expect(curve[0]!.loss).toBeCloseTo(0.8, 12);
    expect(curve[0]!.lossStd).toBeCloseTo(0.2, 12);
    expect(curve[1]).toMatchObject({ epoch: 2, folds: 1, loss: 0.5, lossStd: 0, valAccuracy: 0.6 });
  });

  it('leaves non-finite values out of a point, NaN when no fold has a finite one', () => {
    const curve = meanCurve([
      { metrics: [m(1, Number.NaN, 0.5)] },
      { metrics: [m(1, 0.4, 0.7)] },
      { metrics: [m(2, Number.POSITIVE_INFINITY, 0.5)] },
    ]);
    expect(curve[0]).toMatchObject({ epoch: 1, folds: 2, loss: 0.4, lossStd: 0 });
    expect(curve[0]!.valAccuracy).toBeCloseTo(0.6, 12);
    expect(curve[1]!.loss).toBeNaN();
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
    expect([
      ...elapsedSeconds([
        { epoch: 3, seconds: 1.5 },
        { epoch: 1, seconds: 2 },
        { epoch: 2, seconds: 0.5 },
      ]),
    ]).toEqual([
      [1, 2],
      [2, 2.5],
      [3, 4],
    ]);
  });
});

// ---------------------------------------------------------------------------------------------
// Counts

describe('countByStatus', () => {
  it('has every status, adds up repeated ones and ignores unknown ones', () => {
    expect(
      countByStatus([
        { status: 'running', count: 2 },
        { status: 'running', count: 1 },
        { status: 'bogus', count: 5 },
      ]),
    ).toEqual({
      queued: 0,
      running: 3,
      paused: 0,
      waiting: 0,
      stopped: 0,
      completed: 0,
      failed: 0,
      cancelled: 0,
    });
  });
});

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

describe('trackedExperimentStatus', () => {
  it('is running while a run is running, whatever the others did', () => {
    expect(trackedExperimentStatus({ running: 1 })).toBe('running');
    expect(trackedExperimentStatus({ running: 1, completed: 4, failed: 2, lost: 1, queued: 3 })).toBe('running');
  });

  it('is not running for a run gone silent: a lost run counts like a failure', () => {
    expect(trackedExperimentStatus({ lost: 1 })).toBe('failed');
    expect(trackedExperimentStatus({ lost: 2, failed: 1 })).toBe('failed');
    expect(trackedExperimentStatus({ lost: 1, completed: 1 })).toBe('completed');
  });

  it('is queued until a run logs, and without runs', () => {
    expect(trackedExperimentStatus({})).toBe('queued');
    expect(trackedExperimentStatus({ queued: 3, running: 0 })).toBe('queued');
  });

  it('is completed once nothing runs and a run completed', () => {
    expect(trackedExperimentStatus({ completed: 2 })).toBe('completed');
    expect(trackedExperimentStatus({ completed: 1, failed: 5, cancelled: 2 })).toBe('completed');
    // a run created and never logged does not hold the outcome back
    expect(trackedExperimentStatus({ completed: 1, queued: 1 })).toBe('completed');
  });

  it('is cancelled when every run that started was killed, failed when every one failed or went silent', () => {
    expect(trackedExperimentStatus({ cancelled: 2 })).toBe('cancelled');
    expect(trackedExperimentStatus({ cancelled: 1, queued: 1 })).toBe('cancelled');
    expect(trackedExperimentStatus({ failed: 3 })).toBe('failed');
    expect(trackedExperimentStatus({ failed: 1, cancelled: 1 })).toBe('failed');
  });

  it('agrees with the outcome rule of a search once nothing runs or waits', () => {
    const cases: Partial<Record<TTrialStatus, number>>[] = [
      { completed: 1, failed: 1 },
      { cancelled: 3 },
      { failed: 2 },
      { cancelled: 1, failed: 1 },
    ];
    for (const counts of cases) {
      const statuses = Object.entries(counts).flatMap(([status, n]) => Array.from({ length: n }, () => status));
      expect([counts, trackedExperimentStatus(counts)]).toEqual([counts, experimentOutcome(statuses, false)]);
    }
  });

  it('ends with a clause that always holds, and names only statuses experiments have', () => {
    expect(TRACKED_EXPERIMENT_STATUS_RULE.at(-1)).toEqual({ status: 'failed', when: 'otherwise' });
    for (const clause of TRACKED_EXPERIMENT_STATUS_RULE) expect(EXPERIMENT_STATUSES).toContain(clause.status);
  });
});

describe('trackedExperimentFinishedAt', () => {
  it('is the last time a run was heard from once the status is final, null before', () => {
    const at = '2026-12-01T10:05:00.000Z';
    expect(trackedExperimentFinishedAt('completed', at)).toBe(at);
    expect(trackedExperimentFinishedAt('failed', at)).toBe(at);
    expect(trackedExperimentFinishedAt('cancelled', at)).toBe(at);
    expect(trackedExperimentFinishedAt('running', at)).toBeNull();
    expect(trackedExperimentFinishedAt('queued', at)).toBeNull();
    expect(trackedExperimentFinishedAt('completed', null)).toBeNull();
  });
});
