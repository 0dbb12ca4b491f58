import { pickBestRun, scoreRungOf, type TProgressEvent, type TTrial } from '@atelier/domain';
import { EXPERIMENT_ID, makeEpoch, makeFoldRun, makeMetrics, makeOtherTrials, makeOverview, makeTrial } from '@/test/fixtures/experiment';
import { estimateTimeLeft } from './eta';
import {
  concernsUnlistedTrial,
  initialLiveState,
  isSettled,
  liveReducer,
  liveTotals,
  secondsPerEpoch,
  trialProgress,
  type LiveState,
} from './live-state';

const base = (): LiveState => initialLiveState(makeOverview(), { experimentId: EXPERIMENT_ID, trials: [] });
const apply = (state: LiveState, ...events: TProgressEvent[]) => liveReducer(state, { type: 'events', events });
const trial = (state: LiveState, number: number) => state.experiment.trials.find((t) => t.number === number)!;

describe('liveReducer', () => {
  it('appends epoch metrics per trial and fold, and marks the trial and experiment running', () => {
    const state = apply(
      base(),
      { type: 'epoch', experimentId: EXPERIMENT_ID, trialId: 'trial-1', fold: 0, epochs: 2, metric: makeEpoch(1) },
      { type: 'epoch', experimentId: EXPERIMENT_ID, trialId: 'trial-1', fold: 1, epochs: 2, metric: makeEpoch(1, { valAccuracy: 0.7 }) },
      { type: 'epoch', experimentId: EXPERIMENT_ID, trialId: 'trial-1', fold: 0, epochs: 2, metric: makeEpoch(2) },
    );
    expect(state.metrics.trials).toHaveLength(1);
    const folds = state.metrics.trials[0]!.folds;
    expect(folds.map((f) => f.metrics.map((m) => m.epoch))).toEqual([[1, 2], [1]]);
    expect(folds[1]!.metrics[0]!.valAccuracy).toBe(0.7);
    expect(trial(state, 1).status).toBe('running');
    expect(trial(state, 1).folds.map((f) => f.epochsCompleted)).toEqual([2, 1]);
    expect(state.experiment.status).toBe('running');
    expect(state.experiment.trialCounts).toEqual({
      queued: 3,
      running: 1,
      paused: 0,
      waiting: 0,
      stopped: 0,
      completed: 0,
      failed: 0,
      cancelled: 0,
    });
    // fold 0 done (2/2 epochs), fold 1 half done: 75% of the trial
    expect(trialProgress(state, trial(state, 1))).toBeCloseTo(0.75);
  });

  it('replaces a replayed epoch instead of duplicating it', () => {
    const event: TProgressEvent = {
      type: 'epoch',
      experimentId: EXPERIMENT_ID,
      trialId: 'trial-2',
      fold: 0,
      epochs: 2,
      metric: makeEpoch(1),
    };
    const state = apply(base(), event, { ...event, metric: makeEpoch(1, { accuracy: 0.99 }) });
    expect(state.metrics.trials[0]!.folds[0]!.metrics).toEqual([makeEpoch(1, { accuracy: 0.99 })]);
  });

  it('tracks progress within an epoch from batch events', () => {
    const state = apply(base(), {
      type: 'batch',
      experimentId: EXPERIMENT_ID,
      trialId: 'trial-3',
      fold: 0,
      epoch: 2,
      epochs: 2,
      batch: 25,
      batches: 50,
    });
    // fold 0: 1.5 of 2 epochs; fold 1 not started → 37.5% of the trial
    expect(trialProgress(state, trial(state, 3))).toBeCloseTo(0.375);
    expect(trial(state, 3).status).toBe('running');
  });

  it('records fold and trial results and picks the best completed trial', () => {
    const state = apply(
      base(),
      { type: 'fold', experimentId: EXPERIMENT_ID, trialId: 'trial-1', fold: 0, status: 'completed', valAccuracy: 0.8, backend: 'wasm' },
      { type: 'trial', experimentId: EXPERIMENT_ID, trialId: 'trial-1', status: 'completed', meanValAccuracy: 0.81, stdValAccuracy: 0.01 },
      { type: 'trial', experimentId: EXPERIMENT_ID, trialId: 'trial-2', status: 'completed', meanValAccuracy: 0.86, stdValAccuracy: 0.02 },
      { type: 'trial', experimentId: EXPERIMENT_ID, trialId: 'trial-3', status: 'failed', meanValAccuracy: null, stdValAccuracy: null },
    );
    expect(trial(state, 1).folds[0]).toMatchObject({ status: 'completed', valAccuracy: 0.8, backend: 'wasm' });
    expect(trial(state, 1).meanValAccuracy).toBe(0.81);
    expect(trialProgress(state, trial(state, 1))).toBe(1);
    expect(state.experiment.bestTrial).toEqual({ id: 'trial-2', number: 2, meanValAccuracy: 0.86, stdValAccuracy: 0.02 });
    expect(state.experiment.trialCounts).toEqual({
      queued: 1,
      running: 0,
      paused: 0,
      waiting: 0,
      stopped: 0,
      completed: 2,
      failed: 1,
      cancelled: 0,
    });
  });

  it('leaves a search untouched by the events of runs logged from code', () => {
    const state = base();
    const event: TProgressEvent = {
      type: 'run',
      experimentId: EXPERIMENT_ID,
      runId: 'r1',
      status: 'running',
      lastSeenAt: null,
      points: [],
    };
    expect(apply(state, event)).toBe(state);
    expect(concernsUnlistedTrial(state, event)).toBe(false);
  });

  it('applies experiment status changes and ignores other experiments and unknown trials', () => {
    let state = apply(base(), { type: 'experiment', experimentId: EXPERIMENT_ID, status: 'cancelled' });
    expect(state.experiment.status).toBe('cancelled');
    const before = state;
    state = apply(
      state,
      { type: 'experiment', experimentId: 'someone-else', status: 'completed' },
      { type: 'epoch', experimentId: EXPERIMENT_ID, trialId: 'trial-99', fold: 0, epochs: 2, metric: makeEpoch(1) },
      { type: 'batch', experimentId: EXPERIMENT_ID, trialId: 'trial-99', fold: 0, epoch: 1, epochs: 2, batch: 1, batches: 2 },
    );
    expect(state).toBe(before);
  });

  it('after a pause, counts nothing as running once the training fold has stopped, and has no time left', () => {
    // trial 1 trains fold 0, fold 1 queued; trials 2-4 queued
    let state = apply(
      base(),
      { type: 'fold', experimentId: EXPERIMENT_ID, trialId: 'trial-1', fold: 0, status: 'running', valAccuracy: null, backend: 'wasm' },
      { type: 'epoch', experimentId: EXPERIMENT_ID, trialId: 'trial-1', fold: 0, epochs: 2, metric: makeEpoch(1, { seconds: 4 }) },
    );
    expect(state.experiment.trialCounts.running).toBe(1);
    state = apply(state, { type: 'experiment', experimentId: EXPERIMENT_ID, status: 'paused' });
    // the queued trials are held at once; trial 1 still trains until its next batch
    expect(state.experiment.trialCounts).toMatchObject({ queued: 0, running: 1, paused: 3 });
    expect(estimateTimeLeft(state.experiment.status, liveTotals(state), secondsPerEpoch(state))).toBeNull();
    state = apply(state, {
      type: 'fold',
      experimentId: EXPERIMENT_ID,
      trialId: 'trial-1',
      fold: 0,
      status: 'paused',
      valAccuracy: null,
      backend: 'wasm',
    });
    expect(state.experiment.trialCounts).toMatchObject({ queued: 0, running: 0, paused: 4 });
    expect(trial(state, 1).folds.map((f) => f.status)).toEqual(['paused', 'paused']);

    // resuming queues the folds again; the started trial is running, the others queued
    state = apply(state, { type: 'experiment', experimentId: EXPERIMENT_ID, status: 'running' });
    expect(state.experiment.trialCounts).toMatchObject({ paused: 0, running: 1, queued: 3 });
    expect(trial(state, 1).folds.map((f) => f.status)).toEqual(['queued', 'queued']);
  });

  it('keeps a trial running after a pause while another of its folds still trains', () => {
    let state = apply(
      base(),
      { type: 'fold', experimentId: EXPERIMENT_ID, trialId: 'trial-1', fold: 0, status: 'running', valAccuracy: null, backend: 'wasm' },
      { type: 'fold', experimentId: EXPERIMENT_ID, trialId: 'trial-1', fold: 1, status: 'running', valAccuracy: null, backend: 'wasm' },
      { type: 'experiment', experimentId: EXPERIMENT_ID, status: 'paused' },
      { type: 'fold', experimentId: EXPERIMENT_ID, trialId: 'trial-1', fold: 0, status: 'paused', valAccuracy: null, backend: 'wasm' },
    );
    expect(trial(state, 1).status).toBe('running');
    state = apply(state, {
      type: 'fold',
      experimentId: EXPERIMENT_ID,
      trialId: 'trial-1',
      fold: 1,
      status: 'paused',
      valAccuracy: null,
      backend: 'wasm',
    });
    expect(trial(state, 1).status).toBe('paused');
  });

  it('takes a new overview, keeping the curves of finished trials and marking unfinished ones for a fetch', () => {
    let dirty = apply(base(), {
      type: 'batch',
      experimentId: EXPERIMENT_ID,
      trialId: 'trial-1',
      fold: 0,
      epoch: 1,
      epochs: 2,
      batch: 1,
      batches: 2,
    });
    dirty = liveReducer(dirty, {
      type: 'metrics',
      metrics: makeMetrics([
        { trialId: 'trial-1', number: 1, epochs: 2 },
        { trialId: 'trial-2', number: 2, epochs: 2 },
      ]),
    });
    expect(dirty.metricsLoaded).toEqual({ 1: true, 2: true });
    const halfDone = makeTrial(1, {
      status: 'running',
      progress: 0.5,
      folds: [makeTrial(1).folds[0]!, { ...makeTrial(1).folds[1]!, status: 'completed', epochsCompleted: 2 }],
    });
    const snapshot = makeOverview({ status: 'running', trials: [halfDone, makeTrial(2, { status: 'completed', meanValAccuracy: 0.8 })] });
    const state = liveReducer(dirty, { type: 'snapshot', experiment: snapshot });
    expect(state.experiment.trials).toBe(snapshot.trials);
    expect(state.foldProgress).toEqual({ 'trial-1': { 0: 0, 1: 1 }, 'trial-2': { 0: 0, 1: 0 } });
    // trial 2's curve was read while it trained, and it finished since: read again as well
    expect(state.metricsLoaded).toEqual({});
    expect(state.metrics.trials.map((t) => t.number)).toEqual([1, 2]);
    // once finished in the state, a finished trial's curve stays through the next overview
    const reloaded = liveReducer({ ...state, metricsLoaded: { 2: true } }, { type: 'snapshot', experiment: snapshot });
    expect(reloaded.metricsLoaded).toEqual({ 2: true });
  });

  it('reads again the curve of a trial that finished between the server render and the first overview', () => {
    // the server rendered trial 1 running with one epoch; it finished before the stream opened
    const rendered = initialLiveState(
      makeOverview({ status: 'running', trials: [makeTrial(1, { status: 'running' })] }),
      makeMetrics([{ trialId: 'trial-1', number: 1, epochs: 1 }]),
    );
    expect(rendered.metricsLoaded).toEqual({ 1: true });
    const snapshot = makeOverview({ status: 'completed', trials: [makeTrial(1, { status: 'completed', meanValAccuracy: 0.8 })] });
    expect(liveReducer(rendered, { type: 'snapshot', experiment: snapshot }).metricsLoaded).toEqual({});
  });

  it('merges fetched curves with the epochs streamed meanwhile, the fetched rows winning', () => {
    const streamed = apply(
      base(),
      { type: 'epoch', experimentId: EXPERIMENT_ID, trialId: 'trial-1', fold: 0, epochs: 3, metric: makeEpoch(3, { loss: 0.1 }) },
      { type: 'epoch', experimentId: EXPERIMENT_ID, trialId: 'trial-1', fold: 0, epochs: 3, metric: makeEpoch(2, { loss: 9 }) },
    );
    const fetched = makeMetrics([{ trialId: 'trial-1', number: 1, epochs: 2 }]);
    const state = liveReducer(streamed, { type: 'metrics', metrics: fetched });
    const fold0 = state.metrics.trials[0]!.folds[0]!.metrics;
    expect(fold0.map((m) => m.epoch)).toEqual([1, 2, 3]);
    expect(fold0[1]!.loss).toBe(fetched.trials[0]!.folds[0]!.metrics[1]!.loss);
    expect(fold0[2]!.loss).toBe(0.1);
    expect(state.metricsLoaded).toEqual({ 1: true });
    // curves of another experiment are not ours
    expect(liveReducer(state, { type: 'metrics', metrics: { ...fetched, experimentId: 'other' } })).toBe(state);
  });
});

describe('a big search, where the overview lists only the watched trials', () => {
  // 1,000 trials: 2 listed (one running, one finished), 998 summed up by the server
  const others = makeOtherTrials({
    count: 998,
    trialCounts: { queued: 900, running: 0, paused: 0, waiting: 0, stopped: 0, completed: 97, failed: 1, cancelled: 0 },
    plannedEpochs: 1996,
    trainedEpochs: 196,
    remainingFoldEpochs: 3600,
    runningFolds: 1,
    scored: 97,
    best: {
      id: 'trial-500',
      number: 500,
      meanValAccuracy: 0.9,
      stdValAccuracy: 0.01,
      status: 'completed',
      parameterCount: 54_410,
      scoreRung: null,
    },
  });
  const big = () =>
    initialLiveState(
      makeOverview({
        status: 'running',
        trialCount: 1000,
        allTrials: false,
        otherTrials: others,
        secondsPerEpoch: 4,
        trials: [
          makeTrial(7, {
            status: 'running',
            folds: [makeFoldRun({ fold: 0, status: 'running', epochsCompleted: 1 }), makeFoldRun({ fold: 1 })],
          }),
          makeTrial(9, { status: 'completed', meanValAccuracy: 0.85, progress: 1 }),
        ],
      }),
    );

  it('adds the listed trials, live, to the server totals over the others', () => {
    const state = big();
    expect(state.experiment.trialCounts).toEqual({
      queued: 900,
      running: 1,
      paused: 0,
      waiting: 0,
      stopped: 0,
      completed: 98,
      failed: 1,
      cancelled: 0,
    });
    expect(state.experiment.bestTrial?.number).toBe(500);
    // trial 7: fold 0 1/2 epochs, fold 1 none → 25% of 2 epochs; trial 9 done
    expect(liveTotals(state)).toEqual({
      plannedEpochs: 2000,
      trainedEpochs: 196 + 0.5 + 2,
      remainingFoldEpochs: 3600 + 3,
      runningFolds: 2,
      scored: 98,
    });

    const later = apply(
      state,
      { type: 'epoch', experimentId: EXPERIMENT_ID, trialId: 'trial-7', fold: 0, epochs: 2, metric: makeEpoch(2, { seconds: 2 }) },
      { type: 'trial', experimentId: EXPERIMENT_ID, trialId: 'trial-7', status: 'completed', meanValAccuracy: 0.95, stdValAccuracy: 0.01 },
    );
    expect(later.experiment.trialCounts.running).toBe(0);
    expect(later.experiment.trialCounts.completed).toBe(99);
    expect(later.experiment.bestTrial).toEqual({ id: 'trial-7', number: 7, meanValAccuracy: 0.95, stdValAccuracy: 0.01 });
    expect(liveTotals(later)).toMatchObject({ trainedEpochs: 196 + 2 + 2, remainingFoldEpochs: 3600, scored: 99 });
    // one live epoch of 2 s in a window of 200, the server's 4 s standing for the other 199
    expect(secondsPerEpoch(later)).toBeCloseTo((199 * 4 + 2) / 200);
  });

  it('knows which events are about trials it does not list', () => {
    const state = big();
    const batch = (trialId: string) =>
      ({ type: 'batch', experimentId: EXPERIMENT_ID, trialId, fold: 0, epoch: 1, epochs: 2, batch: 1, batches: 9 }) as const;
    expect(concernsUnlistedTrial(state, batch('trial-7'))).toBe(false);
    expect(concernsUnlistedTrial(state, batch('trial-123'))).toBe(true);
    expect(concernsUnlistedTrial(state, { type: 'experiment', experimentId: EXPERIMENT_ID, status: 'paused' })).toBe(false);
    // and leaves them alone until the next overview
    expect(apply(state, batch('trial-123'))).toBe(state);
  });

  it('is settled only when no trial anywhere can still change', () => {
    const finished = { queued: 0, running: 0, paused: 0, waiting: 0, stopped: 5, completed: 3, failed: 1, cancelled: 2 };
    const refit = (status: 'queued' | 'running' | 'completed' | 'failed') => ({
      status,
      trialId: 'trial-9',
      testAccuracy: null,
      evaluationId: null,
      model: null,
      error: null,
    });
    expect(isSettled({ status: 'cancelled', trialCounts: big().experiment.trialCounts, refit: null })).toBe(false);
    expect(isSettled({ status: 'running', trialCounts: { ...big().experiment.trialCounts, queued: 0, running: 0 }, refit: null })).toBe(
      false,
    );
    expect(isSettled({ status: 'completed', trialCounts: finished, refit: null })).toBe(true);
    // the best trial is being retrained: its result is still to come
    expect(isSettled({ status: 'completed', trialCounts: finished, refit: refit('running') })).toBe(false);
    expect(isSettled({ status: 'completed', trialCounts: finished, refit: refit('completed') })).toBe(true);
  });
});

describe('secondsPerEpoch', () => {
  it('is the server figure before any live epoch, the live mean without one, and null before the first', () => {
    expect(secondsPerEpoch(initialLiveState(makeOverview({ secondsPerEpoch: 3 })))).toBe(3);
    expect(secondsPerEpoch(base())).toBeNull();
    const state = apply(base(), {
      type: 'epoch',
      experimentId: EXPERIMENT_ID,
      trialId: 'trial-1',
      fold: 0,
      epochs: 2,
      metric: makeEpoch(1, { seconds: 5 }),
    });
    expect(secondsPerEpoch(state)).toBe(5);
  });
});

describe('the best trial during an ASHA search', () => {
  // rungs of 1, 3 and 9 epochs; every trial listed
  const asha = (...trials: TTrial[]) => initialLiveState(makeOverview({ status: 'running', trialCount: trials.length, trials }));
  /** The worker's pick (the trial it refits), from the trials as they stand. */
  const workersBest = (state: LiveState) =>
    pickBestRun(state.experiment.trials.map((t) => ({ ...t, scoreRung: scoreRungOf(t) })))?.number ?? null;

  it('is the trial the worker would refit, at every step', () => {
    let state = asha(
      makeTrial(1, { status: 'waiting', rung: 0, meanValAccuracy: 0.86, stdValAccuracy: 0.01 }),
      makeTrial(2, { status: 'waiting', rung: 1, meanValAccuracy: 0.83, stdValAccuracy: 0.01 }),
      makeTrial(3, { status: 'running', rung: 1, meanValAccuracy: 0.85, stdValAccuracy: 0.01 }),
      // failed in rung 1 with the best rung-0 score: never the best
      makeTrial(4, { status: 'failed', rung: 1, meanValAccuracy: 0.9, stdValAccuracy: 0.01 }),
    );
    // only trial 2 has a score after 3 epochs: it leads, though three trials scored higher after 1
    expect(state.experiment.bestTrial?.number).toBe(2);
    expect(workersBest(state)).toBe(2);

    // trial 1 is promoted to rung 1: it competes with its rung-0 score, below trial 2's rung-1 one
    state = apply(
      state,
      { type: 'rung', experimentId: EXPERIMENT_ID, trialId: 'trial-1', rung: 0, meanValAccuracy: 0.86, promoted: true },
      { type: 'trial', experimentId: EXPERIMENT_ID, trialId: 'trial-1', status: 'queued', meanValAccuracy: 0.86, stdValAccuracy: null },
    );
    expect(trial(state, 1).rung).toBe(1);
    expect(state.experiment.bestTrial?.number).toBe(2);

    // trial 3 finishes rung 1 above trial 2
    state = apply(state, {
      type: 'trial',
      experimentId: EXPERIMENT_ID,
      trialId: 'trial-3',
      status: 'waiting',
      meanValAccuracy: 0.87,
      stdValAccuracy: 0.01,
    });
    expect(state.experiment.bestTrial).toEqual({ id: 'trial-3', number: 3, meanValAccuracy: 0.87, stdValAccuracy: 0.01 });
    expect(workersBest(state)).toBe(3);

    // trial 2, promoted, completes the top rung lower than trial 3 scored at rung 1: the top rung wins
    state = apply(
      state,
      { type: 'rung', experimentId: EXPERIMENT_ID, trialId: 'trial-2', rung: 1, meanValAccuracy: 0.83, promoted: true },
      { type: 'trial', experimentId: EXPERIMENT_ID, trialId: 'trial-2', status: 'running', meanValAccuracy: 0.83, stdValAccuracy: null },
      { type: 'trial', experimentId: EXPERIMENT_ID, trialId: 'trial-2', status: 'completed', meanValAccuracy: 0.84, stdValAccuracy: 0.02 },
    );
    expect(state.experiment.bestTrial?.number).toBe(2);
    expect(workersBest(state)).toBe(2);
  });
});
