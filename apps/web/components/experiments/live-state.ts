import {
  countByStatus,
  foldCount,
  hasEpochsLeft,
  isRefitActive,
  isTerminalExperiment,
  isTerminalTrial,
  pickBestRun,
  scoreRungOf,
  toBestTrial,
  TRIAL_STATUSES,
  type TEpochMetric,
  type TExperimentMetrics,
  type TExperimentOverview,
  type TExperimentStatus,
  type TFoldRun,
  type TOtherTrials,
  type TProgressEvent,
  type TTrial,
} from '@atelier/domain';

/**
 * The experiment page's live state: the last overview from the API, with progress events from
 * the SSE stream applied on top. The overview lists every trial of a small search, or only the
 * watched ones (running, best, finished last) of a big one, with totals over the others; the page
 * keeps the listed trials live and adds them to those totals. Pure functions only, so every
 * transition is unit-tested.
 */
export interface LiveState {
  experiment: TExperimentOverview;
  /** Curves of the trials loaded so far (the ones the charts show), kept live by epoch events. */
  metrics: TExperimentMetrics;
  /** Trial numbers whose curves came from the API since the last snapshot: the others get fetched when shown. */
  metricsLoaded: Readonly<Record<number, true>>;
  /** Share (0..1) of each fold of each listed trial that has trained, finer than epochs thanks to batch events. */
  foldProgress: Record<string, Record<number, number>>;
  /** Seconds of the epochs finished since the snapshot (the last EPOCH_WINDOW), for the time left. */
  epochSeconds: readonly number[];
}

export type LiveAction =
  | { type: 'snapshot'; experiment: TExperimentOverview }
  | { type: 'metrics'; metrics: TExperimentMetrics }
  | { type: 'events'; events: readonly TProgressEvent[] };

/** The time left is estimated from this many recent epochs, as the server's secondsPerEpoch is. */
const EPOCH_WINDOW = 200;

export function emptyMetrics(experimentId: string): TExperimentMetrics {
  return { experimentId, trials: [] };
}

export function initialLiveState(experiment: TExperimentOverview, metrics: TExperimentMetrics = emptyMetrics(experiment.id)): LiveState {
  const metricsLoaded: Record<number, true> = {};
  for (const trial of metrics.trials) metricsLoaded[trial.number] = true;
  return withExperiment(
    { experiment, metrics, metricsLoaded, foldProgress: foldProgressOf(experiment.trials), epochSeconds: [] },
    experiment,
  );
}

function foldProgressOf(trials: readonly TTrial[]): LiveState['foldProgress'] {
  const foldProgress: LiveState['foldProgress'] = {};
  for (const trial of trials) {
    const byFold: Record<number, number> = {};
    for (const fold of trial.folds) {
      byFold[fold.fold] = fold.status === 'completed' ? 1 : clamp01(fold.epochsCompleted / trial.hyperparameters.epochs);
    }
    foldProgress[trial.id] = byFold;
  }
  return foldProgress;
}

export function liveReducer(state: LiveState, action: LiveAction): LiveState {
  switch (action.type) {
    case 'snapshot': {
      // Curves stay only for trials that had already finished before this overview: their curves
      // cannot change. Every other trial is marked unloaded so the page fetches it again, since
      // events may have been missed (offline, or between the server's render and the stream
      // opening). That includes a trial that finished in that gap: its curve was read while it
      // was still training.
      const finishedBefore = new Set(state.experiment.trials.filter((t) => isTerminalTrial(t.status)).map((t) => t.number));
      const metricsLoaded: Record<number, true> = {};
      for (const trial of action.experiment.trials) {
        if (state.metricsLoaded[trial.number] && isTerminalTrial(trial.status) && finishedBefore.has(trial.number))
          metricsLoaded[trial.number] = true;
      }
      const next: LiveState = { ...state, metricsLoaded, foldProgress: foldProgressOf(action.experiment.trials), epochSeconds: [] };
      return withExperiment(next, action.experiment);
    }
    case 'metrics':
      return mergeMetrics(state, action.metrics);
    case 'events':
      return action.events.reduce(applyEvent, state);
  }
}

/** Share of a trial's planned epochs (over all folds) that trained, live. */
export function trialProgress(state: LiveState, trial: TTrial): number {
  if (trial.status === 'completed') return 1;
  const folds = foldCount(state.experiment.validation);
  const byFold = state.foldProgress[trial.id] ?? {};
  let sum = 0;
  for (let fold = 0; fold < folds; fold++) sum += byFold[fold] ?? 0;
  return Math.max(trial.progress, clamp01(sum / folds));
}

export interface LiveTotals {
  /** Σ epochs over every trial (per trial, not per fold). */
  plannedEpochs: number;
  /** Σ progress × epochs over every trial. */
  trainedEpochs: number;
  /** Epochs still to train over the folds of unfinished trials (ASHA: their current rung). */
  remainingFoldEpochs: number;
  runningFolds: number;
  scored: number;
}

/** Totals over every trial of the experiment: the server's over the trials not listed, plus the listed ones live. */
export function liveTotals(state: LiveState): LiveTotals {
  const others = state.experiment.otherTrials;
  const folds = foldCount(state.experiment.validation);
  const totals: LiveTotals = {
    plannedEpochs: others.plannedEpochs,
    trainedEpochs: others.trainedEpochs,
    remainingFoldEpochs: others.remainingFoldEpochs,
    runningFolds: others.runningFolds,
    scored: others.scored,
  };
  for (const trial of state.experiment.trials) {
    const epochs = trial.hyperparameters.epochs;
    const progress = trialProgress(state, trial);
    totals.plannedEpochs += epochs;
    totals.trainedEpochs += progress * epochs;
    if (hasEpochsLeft(trial.status)) totals.remainingFoldEpochs += epochs * folds * (1 - progress);
    totals.runningFolds += trial.folds.filter((fold) => fold.status === 'running').length;
    if (trial.meanValAccuracy !== null) totals.scored += 1;
  }
  return totals;
}

/**
 * Mean seconds of one fold epoch over a sliding window of the last EPOCH_WINDOW epochs: the
 * server's mean stands in for the part of the window not seen live. Null before any epoch.
 */
export function secondsPerEpoch(state: LiveState): number | null {
  const live = state.epochSeconds;
  const server = state.experiment.secondsPerEpoch;
  const sum = live.reduce((a, b) => a + b, 0);
  if (server === null || !Number.isFinite(server)) return live.length ? sum / live.length : null;
  const fromServer = EPOCH_WINDOW - live.length;
  return (server * fromServer + sum) / EPOCH_WINDOW;
}

export function applyEvent(state: LiveState, event: TProgressEvent): LiveState {
  if (event.experimentId !== state.experiment.id) return state;
  switch (event.type) {
    case 'experiment': {
      const resumed = state.experiment.status === 'paused' && (event.status === 'queued' || event.status === 'running');
      const trials =
        event.status === 'paused'
          ? state.experiment.trials.map(pauseQueuedWork)
          : resumed
            ? state.experiment.trials.map(resumePausedWork)
            : state.experiment.trials;
      return withExperiment(state, { ...state.experiment, status: event.status, trials });
    }
    case 'trial':
      return updateTrial(state, event.trialId, (trial) => ({
        ...trial,
        status: event.status,
        meanValAccuracy: event.meanValAccuracy ?? trial.meanValAccuracy,
        stdValAccuracy: event.stdValAccuracy ?? trial.stdValAccuracy,
        progress: event.status === 'completed' ? 1 : trial.progress,
      }));
    case 'fold': {
      const next = updateTrial(state, event.trialId, (trial) => {
        const folds = upsertFold(trial.folds, event.fold, (fold) => ({
          ...fold,
          status: event.status,
          valAccuracy: event.valAccuracy ?? fold.valAccuracy,
          backend: event.backend ?? fold.backend,
        }));
        const status = trial.status === 'queued' && event.status === 'running' ? 'running' : trial.status;
        // the worker pauses the trial with its last training fold and sends no trial event for it
        return event.status === 'paused' ? pauseQueuedWork({ ...trial, status, folds }) : { ...trial, status, folds };
      });
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
      const epochSeconds =
        Number.isFinite(metric.seconds) && metric.seconds > 0
          ? [...next.epochSeconds, metric.seconds].slice(-EPOCH_WINDOW)
          : next.epochSeconds;
      next = { ...next, epochSeconds, metrics: upsertMetric(next, event.trialId, event.fold, metric) };
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
      // A promotion: the trial moves up to the next rung, carrying this rung's score (the best-run
      // rule reads which rung a score comes from). The trial event that follows carries the new
      // status; the rung summary comes with the next overview.
      return event.promoted
        ? updateTrial(state, event.trialId, (trial) => (trial.rung === event.rung ? { ...trial, rung: event.rung + 1 } : trial))
        : state;
    case 'run':
      // A run logged from code (POST /runs/{id}/log): a search's page has no such run to update.
      return state;
  }
}

/** Is this event about a trial the state does not list (a big search's overview lists only some)? */
export function concernsUnlistedTrial(state: LiveState, event: TProgressEvent): boolean {
  if (!('trialId' in event) || event.type === 'refit') return false;
  return !state.experiment.trials.some((trial) => trial.id === event.trialId);
}

/**
 * What a pause does to one trial, as the API's pause and the worker's pauseFold write it: queued
 * folds are held, and the trial is paused once none of its folds is still training.
 */
function pauseQueuedWork(trial: TTrial): TTrial {
  if (trial.status !== 'queued' && trial.status !== 'running') return trial;
  const folds = trial.folds.map((fold) => (fold.status === 'queued' ? { ...fold, status: 'paused' as const } : fold));
  const training = folds.some((fold) => fold.status === 'running');
  return { ...trial, folds, status: training ? trial.status : 'paused' };
}

/** What a resume does to one trial, as the API's resume writes it: paused folds queued again, the trial running if it had started. */
function resumePausedWork(trial: TTrial): TTrial {
  if (trial.status !== 'paused') return trial;
  const folds = trial.folds.map((fold) => (fold.status === 'paused' ? { ...fold, status: 'queued' as const } : fold));
  // the stream does not carry startedAt, so a fold that trained counts as a start too
  const started = trial.startedAt !== null || trial.folds.some((fold) => fold.epochsCompleted > 0 || fold.status === 'completed');
  return { ...trial, folds, status: started ? 'running' : 'queued' };
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

/**
 * Keeps the derived fields of the experiment (counts, best trial, status) in step with its
 * listed trials, on top of the server's totals over the unlisted ones.
 */
function withExperiment(state: LiveState, experiment: TExperimentOverview): LiveState {
  const others: TOtherTrials = experiment.otherTrials;
  const trialCounts = countByStatus([
    ...TRIAL_STATUSES.map((status) => ({ status, count: others.trialCounts[status] })),
    ...experiment.trials.map((trial) => ({ status: trial.status, count: 1 })),
  ]);
  // The one best-run rule (the worker's refit), over the listed trials as they are now and the best of the others.
  const ranked = pickBestRun([
    ...(others.best ? [others.best] : []),
    ...experiment.trials.map((trial) => ({ ...trial, scoreRung: scoreRungOf(trial) })),
  ]);
  const best = ranked ? toBestTrial(ranked) : null;
  const anyStarted = trialCounts.queued < experiment.trialCount;
  const status: TExperimentStatus = experiment.status === 'queued' && anyStarted ? 'running' : experiment.status;
  return {
    ...state,
    experiment: {
      ...experiment,
      status,
      trialCounts,
      // the API's rule for its best trial, kept live
      bestTrial: best,
    },
  };
}

/** Nothing more can happen: the experiment and every trial reached a final status, and no refit is under way. */
export function isSettled(experiment: Pick<TExperimentOverview, 'status' | 'trialCounts' | 'refit'>): boolean {
  if (!isTerminalExperiment(experiment.status)) return false;
  if (experiment.refit && isRefitActive(experiment.refit.status)) return false;
  return TRIAL_STATUSES.every((status) => isTerminalTrial(status) || experiment.trialCounts[status] === 0);
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
    timings: null,
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
  const number = state.experiment.trials.find((trial) => trial.id === trialId)?.number ?? 0;
  return mergeTrialFolds(state.metrics, trialId, number, [{ trialId, fold, metrics: [metric] }]);
}

/** Curves fetched from the API, merged into what the stream has added meanwhile (the fetched rows win). */
function mergeMetrics(state: LiveState, fetched: TExperimentMetrics): LiveState {
  if (fetched.experimentId !== state.experiment.id) return state;
  let metrics = state.metrics;
  const metricsLoaded: Record<number, true> = { ...state.metricsLoaded };
  for (const trial of fetched.trials) {
    metrics = mergeTrialFolds(metrics, trial.trialId, trial.number, trial.folds);
    metricsLoaded[trial.number] = true;
  }
  return { ...state, metrics, metricsLoaded };
}

function mergeTrialFolds(
  current: TExperimentMetrics,
  trialId: string,
  number: number,
  incoming: TExperimentMetrics['trials'][number]['folds'],
): TExperimentMetrics {
  const trials = current.trials.slice();
  let trialEntry = trials.find((entry) => entry.trialId === trialId);
  if (trialEntry === undefined) {
    trialEntry = { trialId, number, folds: [] };
    trials.push(trialEntry);
    trials.sort((a, b) => a.number - b.number);
  }
  const trialIndex = trials.indexOf(trialEntry);
  const folds = trialEntry.folds.slice();
  for (const foldIn of incoming) {
    let foldEntry = folds.find((entry) => entry.fold === foldIn.fold);
    if (foldEntry === undefined) {
      foldEntry = { trialId, fold: foldIn.fold, metrics: [] };
      folds.push(foldEntry);
      folds.sort((a, b) => a.fold - b.fold);
    }
    const foldIndex = folds.indexOf(foldEntry);
    const replaced = new Set(foldIn.metrics.map((m) => m.epoch));
    const metrics = [...foldEntry.metrics.filter((m) => !replaced.has(m.epoch)), ...foldIn.metrics].sort((a, b) => a.epoch - b.epoch);
    folds[foldIndex] = { ...foldEntry, metrics };
  }
  trials[trialIndex] = { ...trialEntry, folds };
  return { ...current, trials };
}
