import {
  TRIAL_STATUSES,
  type TEpochMetric,
  type TExperimentDetail,
  type TExperimentMetrics,
  type TExperimentStatus,
  type TFoldRun,
  type TProgressEvent,
  type TTrial,
  type TTrialStatus,
} from '@atelier/domain';
import { foldsOf } from './grid';

/**
 * The experiment page's live state: the last snapshot from the API, with progress events from
 * the SSE stream applied on top. Pure functions only, so every transition is unit-tested.
 */
export interface LiveState {
  experiment: TExperimentDetail;
  metrics: TExperimentMetrics;
  /** Share (0..1) of each fold of each trial that has trained, finer than epochs thanks to batch events. */
  foldProgress: Record<string, Record<number, number>>;
}

export type LiveAction =
  | { type: 'snapshot'; experiment: TExperimentDetail; metrics: TExperimentMetrics }
  | { type: 'events'; events: readonly TProgressEvent[] };

export const TERMINAL_STATUSES: readonly (TExperimentStatus | TTrialStatus)[] = ['completed', 'failed', 'cancelled', 'stopped'];

export function isTerminal(status: TExperimentStatus | TTrialStatus): boolean {
  return TERMINAL_STATUSES.includes(status);
}

export function initialLiveState(experiment: TExperimentDetail, metrics: TExperimentMetrics): LiveState {
  const foldProgress: LiveState['foldProgress'] = {};
  for (const trial of experiment.trials) {
    const byFold: Record<number, number> = {};
    for (const fold of trial.folds) {
      byFold[fold.fold] = fold.status === 'completed' ? 1 : clamp01(fold.epochsCompleted / trial.hyperparameters.epochs);
    }
    foldProgress[trial.id] = byFold;
  }
  return { experiment, metrics, foldProgress };
}

export function liveReducer(state: LiveState, action: LiveAction): LiveState {
  switch (action.type) {
    case 'snapshot':
      return initialLiveState(action.experiment, action.metrics);
    case 'events':
      return action.events.reduce(applyEvent, state);
  }
}

/** Share of a trial's planned epochs (over all folds) that trained, live. */
export function trialProgress(state: LiveState, trial: TTrial): number {
  if (trial.status === 'completed') return 1;
  const folds = foldsOf(state.experiment.validation);
  const byFold = state.foldProgress[trial.id] ?? {};
  let sum = 0;
  for (let fold = 0; fold < folds; fold++) sum += byFold[fold] ?? 0;
  return Math.max(trial.progress, clamp01(sum / folds));
}

export function applyEvent(state: LiveState, event: TProgressEvent): LiveState {
  if (event.experimentId !== state.experiment.id) return state;
  switch (event.type) {
    case 'experiment':
      return withExperiment(state, { ...state.experiment, status: event.status });
    case 'trial':
      return updateTrial(state, event.trialId, (trial) => ({
        ...trial,
        status: event.status,
        meanValAccuracy: event.meanValAccuracy ?? trial.meanValAccuracy,
        stdValAccuracy: event.stdValAccuracy ?? trial.stdValAccuracy,
        progress: event.status === 'completed' ? 1 : trial.progress,
      }));
    case 'fold': {
      const next = updateTrial(state, event.trialId, (trial) => ({
        ...trial,
        status: trial.status === 'queued' && event.status === 'running' ? 'running' : trial.status,
        folds: upsertFold(trial.folds, event.fold, (fold) => ({
          ...fold,
          status: event.status,
          valAccuracy: event.valAccuracy ?? fold.valAccuracy,
          backend: event.backend ?? fold.backend,
        })),
      }));
      return event.status === 'completed' ? setFoldProgress(next, event.trialId, event.fold, 1) : next;
    }
    case 'epoch': {
      const { metric } = event;
      let next = updateTrial(state, event.trialId, (trial) => ({
        ...trial,
        status: trial.status === 'queued' ? 'running' : trial.status,
        folds: upsertFold(trial.folds, event.fold, (fold) => ({
          ...fold,
          status: fold.status === 'queued' ? 'running' : fold.status,
          epochsCompleted: Math.max(fold.epochsCompleted, metric.epoch),
        })),
      }));
      if (next === state) return state;
      next = { ...next, metrics: upsertMetric(next, event.trialId, event.fold, metric) };
      return setFoldProgress(next, event.trialId, event.fold, metric.epoch / event.epochs);
    }
    case 'batch': {
      if (!state.experiment.trials.some((trial) => trial.id === event.trialId)) return state;
      const epochs = Math.max(1, event.epochs);
      const batches = Math.max(1, event.batches);
      const epochIndex = Math.min(Math.max(event.epoch, 1), epochs) - 1;
      const share = (epochIndex + Math.min(event.batch, batches) / batches) / epochs;
      const started = markRunning(state, event.trialId);
      return setFoldProgress(started, event.trialId, event.fold, share);
    }
    case 'refit': {
      const previous = state.experiment.refit;
      const refit = previous
        ? { ...previous, status: event.status, testAccuracy: event.testAccuracy ?? previous.testAccuracy }
        : { status: event.status, trialId: event.trialId, testAccuracy: event.testAccuracy, evaluationId: null, model: null, error: null };
      return withExperiment(state, { ...state.experiment, refit });
    }
    case 'rung':
      // The trial event that follows carries the new status; the rung table reloads with the snapshot.
      return state;
  }
}

function clamp01(value: number): number {
  if (!Number.isFinite(value)) return 0;
  return Math.min(1, Math.max(0, value));
}

function markRunning(state: LiveState, trialId: string): LiveState {
  const trial = state.experiment.trials.find((t) => t.id === trialId);
  if (!trial || trial.status !== 'queued') return state;
  return updateTrial(state, trialId, (t) => ({ ...t, status: 'running' }));
}

function setFoldProgress(state: LiveState, trialId: string, fold: number, share: number): LiveState {
  return {
    ...state,
    foldProgress: { ...state.foldProgress, [trialId]: { ...state.foldProgress[trialId], [fold]: clamp01(share) } },
  };
}

function updateTrial(state: LiveState, trialId: string, update: (trial: TTrial) => TTrial): LiveState {
  const index = state.experiment.trials.findIndex((trial) => trial.id === trialId);
  const current = state.experiment.trials[index];
  if (!current) return state;
  const trials = state.experiment.trials.slice();
  trials[index] = update(current);
  return withExperiment(state, { ...state.experiment, trials });
}

/** Keeps the derived fields of the experiment (counts, best trial, status) in step with its trials. */
function withExperiment(state: LiveState, experiment: TExperimentDetail): LiveState {
  const trialCounts = Object.fromEntries(TRIAL_STATUSES.map((status) => [status, 0])) as Record<TTrialStatus, number>;
  for (const trial of experiment.trials) trialCounts[trial.status] += 1;
  let best: TExperimentDetail['bestTrial'] = null;
  for (const trial of experiment.trials) {
    if (trial.status !== 'completed' || trial.meanValAccuracy === null) continue;
    if (!best || trial.meanValAccuracy > best.meanValAccuracy) {
      best = { id: trial.id, number: trial.number, meanValAccuracy: trial.meanValAccuracy, stdValAccuracy: trial.stdValAccuracy };
    }
  }
  const anyStarted = experiment.trials.some((trial) => trial.status !== 'queued');
  const status: TExperimentStatus = experiment.status === 'queued' && anyStarted ? 'running' : experiment.status;
  return {
    ...state,
    experiment: {
      ...experiment,
      status,
      trialCounts,
      // the trials we hold may be a page of all of them; never drop a best trial the API knows of
      bestTrial: best ?? experiment.bestTrial,
    },
  };
}

function upsertFold(folds: readonly TFoldRun[], fold: number, update: (run: TFoldRun) => TFoldRun): TFoldRun[] {
  const index = folds.findIndex((run) => run.fold === fold);
  const base: TFoldRun = folds[index] ?? {
    id: `pending-fold-${fold}`,
    fold,
    status: 'queued',
    epochsCompleted: 0,
    trainSize: null,
    valSize: null,
    valAccuracy: null,
    valLoss: null,
    backend: null,
    startedAt: null,
    finishedAt: null,
    error: null,
  };
  const next = folds.slice();
  if (index === -1) {
    next.push(update(base));
    next.sort((a, b) => a.fold - b.fold);
  } else {
    next[index] = update(base);
  }
  return next;
}

/** Inserts or replaces the epoch's metric, so a replayed event after a reconnect is harmless. */
function upsertMetric(state: LiveState, trialId: string, fold: number, metric: TEpochMetric): TExperimentMetrics {
  const trials = state.metrics.trials.slice();
  let trialIndex = trials.findIndex((entry) => entry.trialId === trialId);
  if (trialIndex === -1) {
    const number = state.experiment.trials.find((trial) => trial.id === trialId)?.number ?? 0;
    trials.push({ trialId, number, folds: [] });
    trials.sort((a, b) => a.number - b.number);
    trialIndex = trials.findIndex((entry) => entry.trialId === trialId);
  }
  const trialEntry = trials[trialIndex]!;
  const folds = trialEntry.folds.slice();
  let foldIndex = folds.findIndex((entry) => entry.fold === fold);
  if (foldIndex === -1) {
    folds.push({ trialId, fold, metrics: [] });
    folds.sort((a, b) => a.fold - b.fold);
    foldIndex = folds.findIndex((entry) => entry.fold === fold);
  }
  const foldEntry = folds[foldIndex]!;
  const metrics = foldEntry.metrics.filter((m) => m.epoch !== metric.epoch);
  metrics.push(metric);
  metrics.sort((a, b) => a.epoch - b.epoch);
  folds[foldIndex] = { ...foldEntry, metrics };
  trials[trialIndex] = { ...trialEntry, folds };
  return { ...state.metrics, trials };
}
