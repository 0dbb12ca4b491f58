import type { TProgressEvent } from '@atelier/domain';
import { EXPERIMENT_ID, makeEpoch, makeExperiment, makeMetrics, makeTrial } from '../test/fixtures/experiment';
import { initialLiveState, liveReducer, trialProgress, type LiveState } from './live-state';

const base = (): LiveState => initialLiveState(makeExperiment(), { experimentId: EXPERIMENT_ID, trials: [] });
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
    expect(state.experiment.trialCounts).toEqual({ queued: 3, running: 1, paused: 0, waiting: 0, stopped: 0, completed: 0, failed: 0, cancelled: 0 });
    // fold 0 done (2/2 epochs), fold 1 half done: 75% of the trial
    expect(trialProgress(state, trial(state, 1))).toBeCloseTo(0.75);
  });

  it('replaces a replayed epoch instead of duplicating it', () => {
    const event: TProgressEvent = { type: 'epoch', experimentId: EXPERIMENT_ID, trialId: 'trial-2', fold: 0, epochs: 2, metric: makeEpoch(1) };
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
    expect(state.experiment.trialCounts).toEqual({ queued: 1, running: 0, paused: 0, waiting: 0, stopped: 0, completed: 2, failed: 1, cancelled: 0 });
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

  it('replaces everything with a snapshot (after a reconnect)', () => {
    const dirty = apply(base(), { type: 'batch', experimentId: EXPERIMENT_ID, trialId: 'trial-1', fold: 0, epoch: 1, epochs: 2, batch: 1, batches: 2 });
    const completedTrial = makeTrial(1, {
      status: 'running',
      progress: 0.5,
      folds: [makeTrial(1).folds[0]!, { ...makeTrial(1).folds[1]!, status: 'completed', epochsCompleted: 2 }],
    });
    const snapshot = makeExperiment({ status: 'running', trials: [completedTrial] });
    const state = liveReducer(dirty, { type: 'snapshot', experiment: snapshot, metrics: makeMetrics([{ trialId: 'trial-1', number: 1, epochs: 2 }]) });
    expect(state.experiment).toBe(snapshot);
    expect(state.foldProgress).toEqual({ 'trial-1': { 0: 0, 1: 1 } });
    expect(state.metrics.trials[0]!.folds).toHaveLength(2);
  });
});
