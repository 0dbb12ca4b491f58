import { z } from 'zod';
import type { TCurvePoint, TTrialCurves } from './compare';
import type { TEpochMetric, TValidationPlan } from './experiment';
import type { TRunDisplayStatus } from './runs';

/**
 * The run lifecycle, in one place: the statuses of experiments, runs (a search's trials and runs
 * logged from code) and folds, which moves between them are allowed, how a run's folds aggregate
 * into its score, which run of an experiment is the best, how fold curves average, and the counts
 * every view shows. The API, the worker and the web app all read these; a second copy of any of
 * them is a bug waiting for the first to change.
 */

// =============================================================================================
// Statuses

export const EXPERIMENT_STATUSES = ['queued', 'running', 'paused', 'completed', 'failed', 'cancelled'] as const;
export const ZExperimentStatus = z.enum(EXPERIMENT_STATUSES);
export type TExperimentStatus = z.infer<typeof ZExperimentStatus>;

/**
 * queued and running as they say; paused: its experiment is paused; waiting: a trial of a rung
 * strategy (ASHA, Hyperband, TPE with early stopping) that finished a rung and waits for a
 * promotion; stopped: such a trial never promoted past its rung (terminal, scored at that rung);
 * completed, failed, cancelled: terminal. A run logged from code uses running and the terminal ones.
 */
export const TRIAL_STATUSES = ['queued', 'running', 'paused', 'waiting', 'stopped', 'completed', 'failed', 'cancelled'] as const;
export const ZTrialStatus = z.enum(TRIAL_STATUSES);
export type TTrialStatus = z.infer<typeof ZTrialStatus>;

/**
 * A fold is one training of a trial (one of k for k-fold, the only one for a holdout split).
 * completed: its current rung's epochs are done (under rungs a promotion queues it again).
 */
export const FOLD_STATUSES = ['queued', 'running', 'paused', 'completed', 'failed', 'cancelled'] as const;
export const ZFoldStatus = z.enum(FOLD_STATUSES);
export type TFoldStatus = z.infer<typeof ZFoldStatus>;

// ---- experiments

/** Final experiment statuses: nothing more will train (a refit may still run after 'completed'). */
export const TERMINAL_EXPERIMENT_STATUSES: readonly TExperimentStatus[] = ['completed', 'failed', 'cancelled'];
/** Not final: the experiment may still train something. */
export const ACTIVE_EXPERIMENT_STATUSES: readonly TExperimentStatus[] = ['queued', 'running', 'paused'];
/** Under which folds can train right now: only they have a time left. Paused is not one. */
export const TRAINING_EXPERIMENT_STATUSES: readonly TExperimentStatus[] = ['queued', 'running'];
export const PAUSABLE_EXPERIMENT_STATUSES: readonly TExperimentStatus[] = ['queued', 'running'];
export const RESUMABLE_EXPERIMENT_STATUSES: readonly TExperimentStatus[] = ['paused'];
/** A paused experiment can be cancelled too: its paused work is dropped. */
export const CANCELLABLE_EXPERIMENT_STATUSES: readonly TExperimentStatus[] = ['queued', 'running', 'paused'];
/** "Refit best so far" needs a search that trains nothing: the best cannot change under the refit. */
export const REFITTABLE_EXPERIMENT_STATUSES: readonly TExperimentStatus[] = ['paused', 'completed', 'failed', 'cancelled'];

/** Status predicates take any string, so rows read from the database need no parse first. */
export function isTerminalExperiment(status: string): boolean {
  return (TERMINAL_EXPERIMENT_STATUSES as readonly string[]).includes(status);
}

/** Queued or running: work is under way or about to be, so a time left means something. Paused is not. */
export function isTrainingNow(status: string): boolean {
  return (TRAINING_EXPERIMENT_STATUSES as readonly string[]).includes(status);
}

/**
 * Whether the search will still refit its best trial by itself: while it can finish. A cancelled
 * or failed search never refits; a completed one already has (or has no scored trial).
 */
export function refitStillExpected(status: string): boolean {
  return !isTerminalExperiment(status);
}

// ---- runs (trials)

export const TERMINAL_TRIAL_STATUSES: readonly TTrialStatus[] = ['stopped', 'completed', 'failed', 'cancelled'];
/**
 * Still to train epochs at the current rung, whether now or after a resume: queued, running,
 * paused. Neither waiting (a promotion decides what comes next) nor terminal. TPE keeps
 * `parallelism` of these; an experiment settles once it has none.
 */
export const IN_FLIGHT_TRIAL_STATUSES: readonly TTrialStatus[] = ['queued', 'running', 'paused'];
/**
 * What a pause holds (trials and folds alike): queued work, and running work once its folds
 * stop. A waiting trial is not paused: the promotion that would queue it queues it paused.
 */
export const PAUSABLE_WORK_STATUSES: readonly TFoldStatus[] = ['queued', 'running'];
/** Trained as far as the search wanted, with a score: completed, or stopped at a rung by ASHA. */
export const DONE_TRIAL_STATUSES: readonly TTrialStatus[] = ['completed', 'stopped'];
/** A rung finished: the trial's current rung is the rung its score comes from. */
const RUNG_FINISHED_STATUSES: readonly TTrialStatus[] = ['waiting', 'stopped', 'completed'];

export function isTerminalTrial(status: string): boolean {
  return (TERMINAL_TRIAL_STATUSES as readonly string[]).includes(status);
}

/**
 * Whether a trial's unfinished epochs count as work left: not once it ended, and not while it
 * waits for an ASHA decision (a promotion adds its next rung then). Paused trials still count:
 * their epochs are left, they just are not being trained.
 */
export function hasEpochsLeft(status: string): boolean {
  return (IN_FLIGHT_TRIAL_STATUSES as readonly string[]).includes(status);
}

// ---- refits

/** A refit under way: a second one must wait, and the page keeps listening for its result. */
export const ACTIVE_REFIT_STATUSES = ['queued', 'running'] as const;
export function isRefitActive(status: string | null | undefined): boolean {
  return (ACTIVE_REFIT_STATUSES as readonly string[]).includes(status ?? '');
}

// =============================================================================================
// Transitions

/**
 * The moves each status can make, and who makes them:
 * - experiment: the worker starts it (queued → running) and settles it (→ completed, failed, or
 *   cancelled once a cancelled search's last fold stops); the API pauses, resumes (→ running if a
 *   fold ever started, else queued) and cancels it. A paused search settles too when its last
 *   running folds finish with nothing left to train.
 * - run: a fold starting starts its trial; a finished rung makes it waiting (more rungs) or
 *   completed (last rung, or no rungs); a promotion queues a waiting trial again (paused while the
 *   search is); a search that settles stops the trials still waiting. A failed fold fails its
 *   trial, even one not started yet (a promoted fold whose checkpoint is gone). A run logged from
 *   code goes from running to completed, failed or cancelled.
 * - fold: a worker runs it, pauses it, requeues it (a retry, a worker shutdown), and records it
 *   completed, failed or cancelled; a promotion queues a completed fold for its next rung.
 * Writing the status a row already has is no move and always allowed: settling twice is
 * idempotent by design (a cancelled search is written cancelled again when it closes).
 */
export const EXPERIMENT_TRANSITIONS: Readonly<Record<TExperimentStatus, readonly TExperimentStatus[]>> = {
  queued: ['running', 'paused', 'failed', 'cancelled'],
  running: ['paused', 'completed', 'failed', 'cancelled'],
  paused: ['queued', 'running', 'completed', 'failed', 'cancelled'],
  completed: [],
  failed: [],
  cancelled: [],
};

export const RUN_TRANSITIONS: Readonly<Record<TTrialStatus, readonly TTrialStatus[]>> = {
  queued: ['running', 'paused', 'failed', 'cancelled'],
  running: ['waiting', 'completed', 'paused', 'failed', 'cancelled'],
  paused: ['queued', 'running', 'cancelled'],
  waiting: ['queued', 'paused', 'stopped'],
  stopped: [],
  completed: [],
  failed: [],
  cancelled: [],
};

export const FOLD_TRANSITIONS: Readonly<Record<TFoldStatus, readonly TFoldStatus[]>> = {
  queued: ['running', 'paused', 'failed', 'cancelled'],
  running: ['completed', 'failed', 'cancelled', 'paused', 'queued'],
  paused: ['queued', 'cancelled'],
  completed: ['queued', 'paused'],
  failed: [],
  cancelled: [],
};

export type TLifecycleEntity = 'experiment' | 'run' | 'fold';
type StatusOf<E extends TLifecycleEntity> = E extends 'experiment' ? TExperimentStatus : E extends 'run' ? TTrialStatus : TFoldStatus;

const TRANSITIONS: { [E in TLifecycleEntity]: Readonly<Record<StatusOf<E>, readonly StatusOf<E>[]>> } = {
  experiment: EXPERIMENT_TRANSITIONS,
  run: RUN_TRANSITIONS,
  fold: FOLD_TRANSITIONS,
};
const STATUSES: { [E in TLifecycleEntity]: readonly StatusOf<E>[] } = {
  experiment: EXPERIMENT_STATUSES,
  run: TRIAL_STATUSES,
  fold: FOLD_STATUSES,
};
const ARTICLE: Record<TLifecycleEntity, string> = { experiment: 'An experiment', run: 'A run', fold: 'A fold' };

export type TTransitionCheck = { ok: true; changed: boolean } | { ok: false; message: string };

/** "a", "a or b", "a, b or c": how a message lists statuses. */
export function listStatuses(statuses: readonly string[]): string {
  if (statuses.length <= 1) return statuses.join('');
  return `${statuses.slice(0, -1).join(', ')} or ${statuses[statuses.length - 1]}`;
}

/**
 * Whether an experiment, run or fold may move from one status to another; when not, a message
 * that says why and what the status can become. An unknown status (a row written by something
 * else) is refused with the statuses that exist.
 */
export function checkTransition(entity: TLifecycleEntity, from: string, to: string): TTransitionCheck {
  const known = STATUSES[entity] as readonly string[];
  for (const status of [from, to]) {
    if (!known.includes(status))
      return { ok: false, message: `'${status}' is not a status of ${entity}s; they are ${listStatuses(known)}.` };
  }
  if (from === to) return { ok: true, changed: false };
  const allowed = (TRANSITIONS[entity] as Record<string, readonly string[] | undefined>)[from] ?? []; // `from` is known: never []
  if (allowed.includes(to)) return { ok: true, changed: true };
  const subject = ARTICLE[entity];
  if (allowed.length === 0) return { ok: false, message: `${subject} cannot go from ${from} to ${to}: ${from} is final.` };
  return { ok: false, message: `${subject} cannot go from ${from} to ${to}: from ${from} it can only become ${listStatuses(allowed)}.` };
}

export class LifecycleTransitionError extends Error {
  constructor(
    readonly entity: TLifecycleEntity,
    readonly from: string,
    readonly to: string,
    message: string,
  ) {
    super(message);
    this.name = 'LifecycleTransitionError';
  }
}

/** checkTransition that throws a LifecycleTransitionError when the move is refused; true when the status changes. */
export function assertTransition(entity: TLifecycleEntity, from: string, to: string): boolean {
  const check = checkTransition(entity, from, to);
  if (!check.ok) throw new LifecycleTransitionError(entity, from, to, check.message);
  return check.changed;
}

/** What a user can ask of a search, and from which statuses. */
export const EXPERIMENT_ACTIONS = {
  pause: PAUSABLE_EXPERIMENT_STATUSES,
  resume: RESUMABLE_EXPERIMENT_STATUSES,
  cancel: CANCELLABLE_EXPERIMENT_STATUSES,
  refit: REFITTABLE_EXPERIMENT_STATUSES,
} as const;
export type TExperimentAction = keyof typeof EXPERIMENT_ACTIONS;

export function canExperiment(action: TExperimentAction, status: string): boolean {
  return (EXPERIMENT_ACTIONS[action] as readonly string[]).includes(status);
}

/**
 * Why a user's action is refused in the experiment's status (the API's 409 message), or null
 * when it is allowed. The lists in the messages come from the same sets the check uses.
 */
export function experimentActionRefusal(action: TExperimentAction, experiment: { name: string; status: string }): string | null {
  const { name, status } = experiment;
  if (canExperiment(action, status)) return null;
  const from = listStatuses(EXPERIMENT_ACTIONS[action]);
  switch (action) {
    case 'pause':
      return `Experiment '${name}' is ${status}: only a ${from} experiment can be paused.`;
    case 'resume':
      return `Experiment '${name}' is ${status}: only a ${from} experiment can be resumed.`;
    case 'cancel':
      return `Experiment '${name}' is already ${status}: only a ${from} experiment can be cancelled.`;
    case 'refit':
      return `Experiment '${name}' is ${status}: its best trial is refit when it completes. Pause or cancel it to refit its best trial so far.`;
  }
}

// =============================================================================================
// Folds: how many, when they are done, how they aggregate

/** Trainings per trial: k for k-fold, one for a holdout split. */
export function foldCount(validation: TValidationPlan): number {
  return validation.kind === 'kfold' ? validation.folds : 1;
}

/** A fold with nothing left to train at its rung: completed it, failed or was cancelled. */
export const SETTLED_FOLD_STATUSES: readonly TFoldStatus[] = ['completed', 'failed', 'cancelled'];

export function isFoldSettled(status: string): boolean {
  return (SETTLED_FOLD_STATUSES as readonly string[]).includes(status);
}

/**
 * "All folds done at a rung": the trial has folds and every one of them settled (completed its
 * current rung's epochs, failed or was cancelled). Only then is the trial scored, failed or
 * cancelled at that rung.
 */
export function allFoldsSettled(folds: readonly { status: string }[]): boolean {
  return folds.length > 0 && folds.every((fold) => isFoldSettled(fold.status));
}

/**
 * A trial's outcome once all its folds settled: any failure fails it, otherwise any cancellation
 * cancels it, otherwise its folds completed the rung and it is scored.
 */
export function trialOutcome(foldStatuses: readonly string[]): 'completed' | 'failed' | 'cancelled' {
  if (foldStatuses.includes('failed')) return 'failed';
  if (foldStatuses.includes('cancelled')) return 'cancelled';
  return 'completed';
}

/**
 * A scored trial's status after finishing a rung: completed at the last rung (or without rungs),
 * else waiting for the promotion decision. `rungCount` is null outside rung strategies.
 */
export function statusAfterRung(rung: number, rungCount: number | null): 'completed' | 'waiting' {
  return rungCount === null || rung >= rungCount - 1 ? 'completed' : 'waiting';
}

/**
 * An experiment's status once no trial is in flight: cancelled if it was cancelled, completed if
 * at least one trial was trained as far as the search wanted (completed, or stopped by ASHA),
 * cancelled if every trial was, failed otherwise.
 */
export function experimentOutcome(trialStatuses: readonly string[], cancelled: boolean): 'completed' | 'failed' | 'cancelled' {
  if (cancelled) return 'cancelled';
  if (trialStatuses.some((status) => (DONE_TRIAL_STATUSES as readonly string[]).includes(status))) return 'completed';
  if (trialStatuses.length > 0 && trialStatuses.every((status) => status === 'cancelled')) return 'cancelled';
  return 'failed';
}

export function mean(values: readonly number[]): number {
  if (values.length === 0) throw new Error('mean of an empty list');
  return values.reduce((sum, value) => sum + value, 0) / values.length;
}

/** Divides by n, not n − 1: the folds are the whole population scored, not a sample of one. */
export function populationStd(values: readonly number[]): number {
  const m = mean(values);
  return Math.sqrt(values.reduce((sum, value) => sum + (value - m) ** 2, 0) / values.length);
}

/** Mean and population std of the finite values; null when there is none (a curve point without data). */
export function finiteMeanStd(values: readonly number[]): { mean: number; std: number } | null {
  const finite = values.filter((v) => Number.isFinite(v));
  return finite.length === 0 ? null : { mean: mean(finite), std: populationStd(finite) };
}

export interface TFoldAggregate {
  meanValAccuracy: number;
  /** Population standard deviation over the folds. */
  stdValAccuracy: number;
  /**
   * Null when a fold has no loss; NaN or infinite when a fold's is (a diverged fold is stored as
   * it is, not hidden): either marks the trial as diverged (score-rules' divergence).
   */
  meanValLoss: number | null;
}

/** A trial's score at a rung from its folds' final validation results. */
export function aggregateFolds(folds: readonly { valAccuracy: number; valLoss: number | null }[]): TFoldAggregate {
  const losses = folds.map((fold) => fold.valLoss).filter((loss): loss is number => loss !== null);
  return {
    meanValAccuracy: mean(folds.map((fold) => fold.valAccuracy)),
    stdValAccuracy: populationStd(folds.map((fold) => fold.valAccuracy)),
    meanValLoss: losses.length === folds.length ? mean(losses) : null,
  };
}

// =============================================================================================
// Tracked experiments: their status follows their runs

/**
 * One clause of the tracked-experiment status rule. `some`: at least one run shows one of
 * `statuses`; `every`: no run shows any other (so it holds for an experiment without runs);
 * `otherwise`: always. Statuses are the ones runs show (GET /runs), so a running run gone silent
 * is `lost`, not `running`.
 */
export type TTrackedStatusClause =
  | { status: TExperimentStatus; when: 'some' | 'every'; statuses: readonly TRunDisplayStatus[] }
  | { status: TExperimentStatus; when: 'otherwise' };

/**
 * THE status of a tracked experiment (runs logged from code): the first clause that holds.
 *
 * - running while any of its runs is running (and heard from: a lost run is not running);
 * - queued while none has logged anything yet (its runs are all queued, or it has none);
 * - otherwise its outcome, by the rule a search's outcome follows (experimentOutcome): completed
 *   if at least one run completed, cancelled if every run that started was killed, failed
 *   otherwise (every started run failed or went silent: nothing says it finished). Queued runs
 *   that never logged do not make an outcome.
 *
 * Why derived and never stored: `lost` is a matter of time (nothing heard for
 * ATELIER_RUN_LOST_AFTER_SECONDS), which no write marks, so a stored status would say running
 * for a run whose process died. The API reads it from the runs each time: the experiments list
 * compiles these clauses to SQL (its status filter and sort need it there), the detail applies
 * trackedExperimentStatus to its run counts. Because it follows the runs, it moves back too: a
 * new run logging to a completed experiment makes it running again (EXPERIMENT_TRANSITIONS, the
 * moves of a search's stored status, do not apply).
 */
export const TRACKED_EXPERIMENT_STATUS_RULE: readonly TTrackedStatusClause[] = [
  { status: 'running', when: 'some', statuses: ['running'] },
  { status: 'queued', when: 'every', statuses: ['queued'] },
  { status: 'completed', when: 'some', statuses: DONE_TRIAL_STATUSES },
  { status: 'cancelled', when: 'every', statuses: ['cancelled', 'queued'] },
  { status: 'failed', when: 'otherwise' },
];

/** A tracked experiment's status from how many of its runs show each status (missing ones count 0). */
export function trackedExperimentStatus(runCounts: Readonly<Partial<Record<TRunDisplayStatus, number>>>): TExperimentStatus {
  const shown = Object.entries(runCounts)
    .filter(([, count]: [string, number | undefined]) => (count ?? 0) > 0)
    .map(([status]) => status);
  for (const clause of TRACKED_EXPERIMENT_STATUS_RULE) {
    if (clause.when === 'otherwise') return clause.status;
    const listed = clause.statuses as readonly string[];
    if (clause.when === 'some' ? shown.some((s) => listed.includes(s)) : shown.every((s) => listed.includes(s))) return clause.status;
  }
  throw new Error('TRACKED_EXPERIMENT_STATUS_RULE must end with an otherwise clause');
}

/**
 * When a tracked experiment finished: once its status is final, the last time any of its runs
 * was heard from (its end, or its last log for a run gone silent); null while it runs or waits.
 */
export function trackedExperimentFinishedAt<T>(status: string, lastHeardAt: T | null): T | null {
  return isTerminalExperiment(status) ? lastHeardAt : null;
}

// =============================================================================================
// The best run of an experiment

/** What the best-run rule reads of a run. */
export interface TBestCandidate {
  id: string;
  number: number;
  status: string;
  meanValAccuracy: number | null;
  /** Weights of the model; unknown (null) ranks after any known count. */
  parameterCount: number | null;
  /** The rung the score comes from (rung strategies; scoreRungOf); null outside rungs ranks as rung 0. */
  scoreRung: number | null;
}

/**
 * Runs whose score can make them the best: every status but failed. A failed trial keeps the
 * score of the rung before the one it failed in, but its training broke, so it is never refit.
 * A cancelled trial keeps its score: it was promoted for it, and dropping it when the user
 * cancels would hand the refit to a worse trial. A waiting or in-flight (promoted) trial competes
 * with the score of the rung it finished, so the best so far is what a settle now would pick.
 */
export const BEST_CANDIDATE_STATUSES: readonly TTrialStatus[] = [
  'queued',
  'running',
  'paused',
  'waiting',
  'stopped',
  'completed',
  'cancelled',
];

export function isBestCandidate(run: Pick<TBestCandidate, 'status' | 'meanValAccuracy'>): boolean {
  return (
    run.meanValAccuracy !== null &&
    Number.isFinite(run.meanValAccuracy) &&
    (BEST_CANDIDATE_STATUSES as readonly string[]).includes(run.status)
  );
}

/**
 * The rung a trial's mean validation accuracy comes from; null without a score or outside rung
 * strategies. A trial that finished its current rung (waiting, stopped, completed) is scored
 * there. One that moved on (queued, running or paused after a promotion; cancelled or failed
 * there) carries the score of the rung before: a promotion moves a trial up exactly one rung, and
 * only a promotion puts a scored trial back in flight. Reads the trial's own columns only, so the
 * page can keep it live from progress events (a 'rung' event moves the trial up).
 */
export function scoreRungOf(trial: { status: string; rung: number | null; meanValAccuracy: number | null }): number | null {
  if (trial.rung === null || trial.meanValAccuracy === null) return null;
  if ((RUNG_FINISHED_STATUSES as readonly string[]).includes(trial.status)) return trial.rung;
  return trial.rung > 0 ? trial.rung - 1 : null;
}

/**
 * THE order of runs by how good they are, best first; the best run of an experiment is the first
 * candidate in it (pickBestRun), and the leaderboard lists runs in it.
 *
 * 1. Candidates first (isBestCandidate: scored, not failed).
 * 2. Higher score rung first: a score after 1 epoch says nothing against one after 9, and the top
 *    rung holds the trials ASHA judged best; a trial stopped early never outranks one that
 *    earned its promotion. Outside rungs every run is at rung 0.
 * 3. Higher mean validation accuracy (over the folds).
 * 4. Fewer parameters: as good and smaller is cheaper to train, serve and trust.
 * 5. Earlier number: so the answer never depends on the order rows were read in.
 *
 * Why this rule: it is the one the worker's refit has always used (apps/worker settlement picks
 * the trial that is retrained on every image and tested, and records it as the experiment's best
 * trial), so it is the truth the user's final model comes from. The experiment page used to rank
 * by mean alone (ties to the earlier trial, completed trials only) and the summary by mean over
 * every scored trial whatever its rung; during an ASHA search a trial scored after 1 epoch could
 * show as best while the refit would take a trial scored after 9. The page, the list, the
 * leaderboard, "refit best so far" and the worker now read this one order, so they agree at
 * every moment of a search, and the best so far is the run a settle at that moment would refit.
 */
export function compareForBest(a: TBestCandidate, b: TBestCandidate): number {
  const ca = isBestCandidate(a);
  const cb = isBestCandidate(b);
  if (ca !== cb) return ca ? -1 : 1;
  const ra = a.scoreRung ?? 0;
  const rb = b.scoreRung ?? 0;
  if (ra !== rb) return rb - ra;
  const ma = a.meanValAccuracy ?? Number.NEGATIVE_INFINITY;
  const mb = b.meanValAccuracy ?? Number.NEGATIVE_INFINITY;
  if (ma !== mb) return mb > ma ? 1 : -1;
  const pa = a.parameterCount ?? Number.POSITIVE_INFINITY;
  const pb = b.parameterCount ?? Number.POSITIVE_INFINITY;
  if (pa !== pb) return pa < pb ? -1 : 1;
  return a.number - b.number;
}

/** The best run of an experiment (see compareForBest), or null when no run is a candidate yet. */
export function pickBestRun<T extends TBestCandidate>(runs: Iterable<T>): T | null {
  let best: T | null = null;
  for (const run of runs) {
    if (!isBestCandidate(run)) continue;
    if (best === null || compareForBest(run, best) < 0) best = run;
  }
  return best;
}

/** The best run as summaries and overviews carry it. */
export const ZBestTrial = z
  .object({ id: z.string(), number: z.number().int(), meanValAccuracy: z.number(), stdValAccuracy: z.number().nullable() })
  .meta({ id: 'BestTrial' });
export type TBestTrial = z.infer<typeof ZBestTrial>;

/**
 * The best of the runs an overview does not list, with what the rule needs to compare it against
 * the listed ones (the page keeps those live and picks the best of both with pickBestRun).
 */
export const ZRankedBestTrial = ZBestTrial.extend({
  status: ZTrialStatus,
  parameterCount: z.number().int().nullable(),
  scoreRung: z.number().int().nullable().describe('The rung its score comes from; null outside rung strategies'),
}).meta({ id: 'RankedBestTrial' });
export type TRankedBestTrial = z.infer<typeof ZRankedBestTrial>;

export function toBestTrial(run: {
  id: string;
  number: number;
  meanValAccuracy: number | null;
  stdValAccuracy: number | null;
}): TBestTrial {
  if (run.meanValAccuracy === null) throw new Error(`run ${run.number} has no score to be the best with`);
  return { id: run.id, number: run.number, meanValAccuracy: run.meanValAccuracy, stdValAccuracy: run.stdValAccuracy };
}

/** A trial's own columns that the rule reads (its score's rung follows from its status and rung). */
export interface TRankableTrial {
  id: string;
  number: number;
  status: string;
  rung: number | null;
  meanValAccuracy: number | null;
  stdValAccuracy: number | null;
  parameterCount: number | null;
}

/** The best of these trials with what the rule compared (an overview's best of its unlisted trials), or null. */
export function rankedBestTrialOf(trials: Iterable<TRankableTrial>): TRankedBestTrial | null {
  const best = pickBestRun([...trials].map((trial) => ({ ...trial, scoreRung: scoreRungOf(trial) })));
  return (
    best && {
      ...toBestTrial(best),
      status: ZTrialStatus.parse(best.status),
      parameterCount: best.parameterCount,
      scoreRung: best.scoreRung,
    }
  );
}

/** The best of these trials as summaries carry it, or null when none is scored. */
export function bestTrialOf(trials: Iterable<TRankableTrial>): TBestTrial | null {
  const best = rankedBestTrialOf(trials);
  return best && toBestTrial(best);
}

// =============================================================================================
// Fold-mean curves

/**
 * Training wall time at the end of each epoch of one fold: the running sum of its epoch
 * durations, in epoch order. Time spent paused or queued between epochs is not training time,
 * so it is left out (a resumed fold's curve does not jump).
 */
export function elapsedSeconds(metrics: readonly Pick<TEpochMetric, 'epoch' | 'seconds'>[]): Map<number, number> {
  const elapsed = new Map<number, number>();
  let total = 0;
  for (const m of [...metrics].sort((a, b) => a.epoch - b.epoch)) {
    total += Number.isFinite(m.seconds) && m.seconds > 0 ? m.seconds : 0;
    elapsed.set(m.epoch, total);
  }
  return elapsed;
}

/**
 * Per epoch, mean ± population std over the folds that reached it (a fold still training has
 * fewer epochs; it does not drag the later points down). Validation values that a fold did not
 * record are left out of their mean; null when no fold has one. The API's compare response and
 * the web's live curves both use it.
 */
export function meanCurve(folds: readonly { metrics: readonly TEpochMetric[] }[]): TCurvePoint[] {
  const byEpoch = new Map<number, { metric: TEpochMetric; elapsed: number }[]>();
  for (const fold of folds) {
    const elapsed = elapsedSeconds(fold.metrics);
    for (const m of fold.metrics)
      byEpoch.set(m.epoch, [...(byEpoch.get(m.epoch) ?? []), { metric: m, elapsed: elapsed.get(m.epoch) ?? 0 }]);
  }
  return [...byEpoch.entries()]
    .sort(([a], [b]) => a - b)
    .map(([epoch, entries]) => {
      const rows = entries.map((e) => e.metric);
      const loss = finiteMeanStd(rows.map((r) => r.loss));
      const accuracy = finiteMeanStd(rows.map((r) => r.accuracy));
      const valLoss = finiteMeanStd(rows.flatMap((r) => (r.valLoss === null ? [] : [r.valLoss])));
      const valAccuracy = finiteMeanStd(rows.flatMap((r) => (r.valAccuracy === null ? [] : [r.valAccuracy])));
      return {
        epoch,
        folds: rows.length,
        loss: loss?.mean ?? Number.NaN,
        lossStd: loss?.std ?? Number.NaN,
        accuracy: accuracy?.mean ?? Number.NaN,
        accuracyStd: accuracy?.std ?? Number.NaN,
        valLoss: valLoss?.mean ?? null,
        valLossStd: valLoss?.std ?? null,
        valAccuracy: valAccuracy?.mean ?? null,
        valAccuracyStd: valAccuracy?.std ?? null,
        // Sums of finite durations: never null; 0 is only the type's fallback.
        elapsedSeconds: finiteMeanStd(entries.map((e) => e.elapsed))?.mean ?? 0,
      };
    });
}

export function trialCurves(folds: { fold: number; metrics: TEpochMetric[] }[]): TTrialCurves {
  return { mean: meanCurve(folds), folds };
}

// =============================================================================================
// Counts

/** Counts per status, every status present (zero when no trial has it). */
export function countByStatus(statuses: Iterable<{ status: string; count: number }>): Record<TTrialStatus, number> {
  const counts = Object.fromEntries(TRIAL_STATUSES.map((s) => [s, 0])) as Record<TTrialStatus, number>;
  for (const { status, count } of statuses) if (status in counts) counts[status as TTrialStatus] += count;
  return counts;
}

export interface TTrialTally {
  total: number;
  /** Trained every planned epoch (ASHA: the last rung) and scored. */
  completed: number;
  /** ASHA: scored at a rung and not promoted: trained as far as the search wanted. */
  stopped: number;
  failed: number;
  cancelled: number;
  queued: number;
  running: number;
  paused: number;
  /** ASHA: finished a rung, waiting for the promotion decision. */
  waiting: number;
  /** Trained as far as the search wanted: completed + stopped. */
  done: number;
  /** Reached a final status, whichever: done + failed + cancelled. */
  ended: number;
}

/** Counts per status (missing statuses count 0) → the tally every view shows. */
export function tallyTrials(counts: Partial<Record<TTrialStatus, number>>, total: number): TTrialTally {
  const n = (status: TTrialStatus) => counts[status] ?? 0;
  const sum = (statuses: readonly TTrialStatus[]) => statuses.reduce((s, status) => s + n(status), 0);
  return {
    total,
    completed: n('completed'),
    stopped: n('stopped'),
    failed: n('failed'),
    cancelled: n('cancelled'),
    queued: n('queued'),
    running: n('running'),
    paused: n('paused'),
    waiting: n('waiting'),
    done: sum(DONE_TRIAL_STATUSES),
    ended: sum(TERMINAL_TRIAL_STATUSES),
  };
}

/**
 * "2 / 6 completed · 4 cancelled", "1 / 4 completed · 3 stopped early": completed over the total
 * first, then every other final outcome that occurred, so a count never hides what it is made of.
 */
export function describeTally(tally: TTrialTally): string {
  const parts = [`${tally.completed} / ${tally.total} completed`];
  if (tally.stopped) parts.push(`${tally.stopped} stopped early`);
  if (tally.failed) parts.push(`${tally.failed} failed`);
  if (tally.cancelled) parts.push(`${tally.cancelled} cancelled`);
  return parts.join(' · ');
}

/** Share of the trials trained as far as the search wanted (completed or stopped by ASHA), 0..1. */
export function doneShare(tally: TTrialTally): number {
  return tally.total > 0 ? tally.done / tally.total : 0;
}
