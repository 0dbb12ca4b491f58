import { searchExperimentOf } from '@atelier/db';
import { failRun, lockExperiment, pauseTrialIfIdle } from '@atelier/db/run-transitions';
import type { Prisma, PrismaClient } from '@atelier/db/client';
import {
  aggregateFolds,
  allFoldsSettled,
  experimentOutcome,
  foldCount,
  hasEpochsLeft,
  hyperbandAssignments,
  hyperbandBrackets,
  hyperparametersOf,
  IN_FLIGHT_TRIAL_STATUSES,
  isBestCandidate,
  isTerminalExperiment,
  FINE_TUNE_ARCHITECTURE,
  paramsOf,
  pickBestRun,
  rungEpochsOf,
  rungScheduleOf,
  scoreRungOf,
  statusAfterRung,
  trialOutcome,
  type TProgressEvent,
  type TSearchSpace,
  type TSearchStrategy,
  type TTpeStrategy,
  type TValidationPlan,
} from '@atelier/domain';
import { scoreConfusionMatrix } from '@atelier/domain/classification';
import { ashaPromotionLimits, ashaPromotions, type AshaRung } from '@atelier/ml/search/asha';
import { tpeOptions, tpeSpace } from '@atelier/ml/search/plan';
import { proposeTpe, type TpeTrial } from '@atelier/ml/search/tpe';

export interface SettleOptions {
  experimentId: string;
  trialId: string;
  /** A fold of this trial failed for good: fail the trial now, with this message. */
  failTrial?: string;
  /** The experiment's cancellation key is set (the API may not have updated its row yet). */
  cancelRequested?: boolean;
}

type Tx = Prisma.TransactionClient;

/**
 * After a fold reaches a terminal state (or finishes its rung): settles its trial when every
 * fold is done, makes the rung promotions that result (ASHA, Hyperband, TPE with early
 * stopping), lets TPE propose the trials that keep `parallelism` of them in flight, then settles
 * the experiment when nothing is left to train. Runs in one transaction that locks the experiment row and then the
 * trial row (always in that order, so concurrent folds cannot deadlock): two workers finishing
 * the last two folds at once serialize here, and the second sees the first's commit, so exactly
 * one of them promotes or settles. Idempotent: a settled rung, trial or experiment is left
 * alone. Returns the events to publish once committed; the jobs it implies (promoted folds, the
 * refit) are read back from the rows by pendingJobs, so a crash between commit and enqueue
 * loses nothing.
 */
export async function settleAfterFold(prisma: PrismaClient, options: SettleOptions): Promise<TProgressEvent[]> {
  return prisma.$transaction(
    async (tx) => {
      await lockExperiment(tx, options.experimentId);
      await tx.$queryRaw`SELECT id FROM run WHERE id = ${options.trialId}::uuid FOR UPDATE`;
      const row = await tx.experiment.findUnique({
        where: { id: options.experimentId },
        select: {
          id: true,
          kind: true,
          status: true,
          strategy: true,
          space: true,
          validation: true,
          seed: true,
          trialCount: true,
          error: true,
          refitStatus: true,
          refitTrialId: true,
          dataset: { select: { classNames: true } },
        },
      });
      if (!row) return [];
      const experiment = searchExperimentOf(row);
      const { strategy } = experiment;
      const rungEpochs = rungEpochsOf(strategy);
      const classNames = experiment.dataset.classNames as string[];
      const paused = experiment.status === 'paused';
      const events: TProgressEvent[] = [];
      events.push(...(await settleTrial(tx, options, rungEpochs, classNames)));
      // a fold that finished after its search was paused leaves its trial with nothing running
      if (paused && (await pauseTrialIfIdle(tx, options.trialId)))
        events.push({
          type: 'trial',
          experimentId: experiment.id,
          trialId: options.trialId,
          status: 'paused',
          meanValAccuracy: null,
          stdValAccuracy: null,
        });
      await recordBestSoFar(tx, experiment.id, options.trialId);
      if (rungEpochs) events.push(...(await promote(tx, experiment.id, strategy, rungEpochs, experiment.trialCount, paused)));
      if (strategy.kind === 'tpe' && !options.cancelRequested && !isTerminalExperiment(experiment.status)) {
        events.push(...(await proposeTrials(tx, { ...experiment, strategy, paused })));
      }
      events.push(...(await settleExperiment(tx, options, rungEpochs !== null)));
      return events;
    },
    { timeout: 30_000 },
  );
}

async function settleTrial(
  tx: Tx,
  options: SettleOptions,
  rungEpochs: readonly number[] | null,
  classNames: string[],
): Promise<TProgressEvent[]> {
  const trial = await tx.run.findUnique({ where: { id: options.trialId }, include: { foldRuns: true } });
  // Only a trial with epochs left at its rung settles: not one already final or waiting for a promotion.
  if (!trial || !hasEpochsLeft(trial.status)) return [];
  const base = { type: 'trial' as const, experimentId: trial.experimentId, trialId: trial.id };
  const now = new Date();
  if (options.failTrial !== undefined) {
    if (!(await failRun(tx, trial.id, options.failTrial))) return [];
    return [{ ...base, status: 'failed', meanValAccuracy: null, stdValAccuracy: null }];
  }
  if (!allFoldsSettled(trial.foldRuns)) return [];
  const status = trialOutcome(trial.foldRuns.map((fold) => fold.status));
  if (status !== 'completed') {
    await tx.run.update({ where: { id: trial.id }, data: { status, finishedAt: now } });
    return [{ ...base, status, meanValAccuracy: null, stdValAccuracy: null }];
  }
  const folds = trial.foldRuns.map((fold) => {
    if (fold.valAccuracy === null) throw new Error(`fold ${fold.fold} of trial ${trial.number} completed without a validation accuracy`);
    return { valAccuracy: fold.valAccuracy, valLoss: fold.valLoss };
  });
  const aggregate = aggregateFolds(folds);
  await recordValidationEvaluation(tx, trial, classNames);

  if (!rungEpochs) {
    await tx.run.update({ where: { id: trial.id }, data: { status, finishedAt: now, error: null, ...aggregate } });
    return [{ ...base, status, meanValAccuracy: aggregate.meanValAccuracy, stdValAccuracy: aggregate.stdValAccuracy }];
  }

  // Rungs: the folds finished this trial's current rung. Its score is the fold mean there.
  const rung = trial.rung ?? 0;
  await tx.trialRung.upsert({
    where: { trialId_rung: { trialId: trial.id, rung } },
    create: {
      trialId: trial.id,
      rung,
      epochs: hyperparametersOf(trial.params).epochs,
      meanValAccuracy: aggregate.meanValAccuracy,
      stdValAccuracy: aggregate.stdValAccuracy,
    },
    update: {},
  });
  const next = statusAfterRung(rung, rungEpochs.length);
  const top = next === 'completed';
  await tx.run.update({
    where: { id: trial.id },
    data: { status: next, finishedAt: top ? now : null, error: null, ...aggregate },
  });
  return [{ ...base, status: next, meanValAccuracy: aggregate.meanValAccuracy, stdValAccuracy: aggregate.stdValAccuracy }];
}

/**
 * A trial's out-of-fold validation results: the fold models' confusion matrices summed, so every
 * training image is counted once, predicted by the model that did not train on it.
 */
async function recordValidationEvaluation(
  tx: Tx,
  trial: { id: string; experimentId: string; foldRuns: { confusionMatrix: unknown; valLoss: number | null; valSize: number | null }[] },
  classNames: string[],
): Promise<void> {
  const matrices = trial.foldRuns.map((fold) => fold.confusionMatrix as number[][] | null);
  const complete = matrices.filter((m): m is number[][] => Array.isArray(m) && m.length === classNames.length);
  if (complete.length !== matrices.length) return;
  const summed = classNames.map((_, t) => classNames.map((__, p) => complete.reduce((sum, m) => sum + (m[t]?.[p] ?? 0), 0)));
  const scores = scoreConfusionMatrix(summed, classNames);
  const sizes = trial.foldRuns.map((fold) => fold.valSize ?? 0);
  const total = sizes.reduce((a, b) => a + b, 0);
  const losses = trial.foldRuns.map((fold) => fold.valLoss);
  const loss =
    total > 0 && losses.every((l): l is number => l !== null) ? losses.reduce((sum, l, i) => sum + l * (sizes[i] ?? 0), 0) / total : null;
  await tx.evaluation.deleteMany({ where: { trialId: trial.id, split: 'validation' } });
  await tx.evaluation.create({
    data: {
      experimentId: trial.experimentId,
      trialId: trial.id,
      split: 'validation',
      accuracy: scores.accuracy,
      loss,
      confusionMatrix: summed,
      perClass: scores.perClass as never,
      macroAvg: scores.macroAvg as never,
      weightedAvg: scores.weightedAvg as never,
      topConfusions: scores.topConfusions as never,
    },
  });
}

/**
 * Promotions after a rung result: the rule itself is packages/ml's ashaPromotions; here the
 * promoted trials go on to the next rung, each fold queued again (or held, while the experiment
 * is paused) from its checkpoint. Hyperband runs the rule in each bracket on its own trials.
 */
async function promote(
  tx: Tx,
  experimentId: string,
  strategy: TSearchStrategy,
  rungEpochs: readonly number[],
  trialCount: number,
  paused: boolean,
): Promise<TProgressEvent[]> {
  const schedule = rungScheduleOf(strategy);
  if (!schedule) throw new Error(`promotions need a rung-based strategy, not ${strategy.kind}`);
  const { reductionFactor } = schedule;
  const rows = await tx.trialRung.findMany({
    where: { trial: { experimentId } },
    orderBy: [{ finishedAt: 'asc' }, { id: 'asc' }],
    select: { trialId: true, rung: true, meanValAccuracy: true, promoted: true, trial: { select: { number: true } } },
  });
  // Each bracket (one, except for Hyperband) promotes at most what the plan counted for it.
  const assigned = strategy.kind === 'hyperband' ? hyperbandAssignments(strategy, trialCount) : null;
  const bracketSizes = new Map<number, number>();
  for (const bracket of assigned ?? [0]) bracketSizes.set(bracket, (bracketSizes.get(bracket) ?? 0) + (assigned ? 1 : trialCount));
  const groups = new Map<number, typeof rows>();
  for (const row of rows) {
    const bracket = assigned?.[row.trial.number - 1] ?? 0;
    const group = groups.get(bracket);
    if (group) group.push(row);
    else groups.set(bracket, [row]);
  }
  const promotions = [...groups.entries()]
    .sort(([a], [b]) => a - b)
    .flatMap(([bracket, group]) => {
      const rungs: AshaRung[] = rungEpochs.map((_, k) => {
        const at = group.filter((row) => row.rung === k);
        return {
          results: at.map((row) => ({ trialId: row.trialId, score: row.meanValAccuracy })),
          promoted: at.filter((row) => row.promoted).map((row) => row.trialId),
        };
      });
      const firstRung = strategy.kind === 'hyperband' ? (hyperbandBrackets(strategy)[bracket]?.firstRung ?? 0) : 0;
      return ashaPromotions(
        rungs,
        reductionFactor,
        ashaPromotionLimits(bracketSizes.get(bracket) ?? 0, rungEpochs.length, reductionFactor, firstRung),
      );
    });
  const events: TProgressEvent[] = [];
  for (const promotion of promotions) {
    // Only a trial still waiting at that rung moves on (a cancelled or failed one stays put);
    // it trains up to the next rung's epochs.
    const waiting = await tx.run.findFirst({
      where: { id: promotion.trialId, status: 'waiting', rung: promotion.fromRung },
      select: { params: true },
    });
    if (!waiting) continue;
    const epochs = rungEpochs[promotion.toRung];
    if (epochs === undefined) throw new Error(`promotion to rung ${promotion.toRung}, but the strategy has ${rungEpochs.length} rungs`);
    const params = paramsOf({ ...hyperparametersOf(waiting.params), epochs });
    const moved = await tx.run.updateMany({
      where: { id: promotion.trialId, status: 'waiting', rung: promotion.fromRung },
      data: { status: paused ? 'paused' : 'queued', rung: promotion.toRung, params, finishedAt: null },
    });
    if (moved.count === 0) continue;
    await tx.trialRung.update({
      where: { trialId_rung: { trialId: promotion.trialId, rung: promotion.fromRung } },
      data: { promoted: true },
    });
    await tx.foldRun.updateMany({
      where: { trialId: promotion.trialId },
      // attempts count the tries of the current rung: a promotion is not a retry.
      data: { status: paused ? 'paused' : 'queued', rung: promotion.toRung, finishedAt: null, error: null, attempts: 0 },
    });
    events.push({
      type: 'rung',
      experimentId,
      trialId: promotion.trialId,
      rung: promotion.fromRung,
      meanValAccuracy: promotion.score,
      promoted: true,
    });
    events.push({
      type: 'trial',
      experimentId,
      trialId: promotion.trialId,
      status: paused ? 'paused' : 'queued',
      meanValAccuracy: promotion.score,
      stdValAccuracy: null,
    });
  }
  return events;
}

/** Trials still to train something: TPE keeps `parallelism` of them. */
const IN_FLIGHT: readonly string[] = IN_FLIGHT_TRIAL_STATUSES;

/**
 * TPE's next trials: while fewer than `parallelism` trials are queued, running or paused and
 * fewer than `trials` exist, propose one from every trial so far (the constant liar counts the
 * in-flight ones, including those just proposed, as bad results) and store it with its folds,
 * queued (held while paused). pendingJobs reads the new folds back, so a crash between this
 * commit and the enqueue loses nothing. Under the experiment's row lock: one proposal at a time.
 */
async function proposeTrials(
  tx: Tx,
  experiment: { id: string; space: TSearchSpace; validation: TValidationPlan; seed: number; strategy: TTpeStrategy; paused: boolean },
): Promise<TProgressEvent[]> {
  const { strategy } = experiment;
  const rows = await tx.run.findMany({
    where: { experimentId: experiment.id },
    orderBy: { number: 'asc' },
    select: {
      number: true,
      status: true,
      params: true,
      meanValAccuracy: true,
      rungs: { select: { rung: true, epochs: true, meanValAccuracy: true }, orderBy: { rung: 'desc' }, take: 1 },
    },
  });
  let inFlight = rows.filter((row) => IN_FLIGHT.includes(row.status)).length;
  if (inFlight >= strategy.parallelism || rows.length >= strategy.trials) return [];
  const space = tpeSpace(strategy, experiment.space);
  const history: TpeTrial[] = rows.flatMap((row) => toTpeTrial(row));
  const architectures = new Map(
    (await tx.architecture.findMany({ where: { key: { in: space.architecture } }, select: { id: true, key: true } })).map((a) => [
      a.key,
      a.id,
    ]),
  );
  const folds = foldCount(experiment.validation);
  const status = experiment.paused ? 'paused' : 'queued';
  const events: TProgressEvent[] = [];
  for (let number = rows.length + 1; inFlight < strategy.parallelism && number <= strategy.trials; number++, inFlight++) {
    const params = proposeTpe({ space, options: tpeOptions(strategy), trials: history, trialNumber: number, seed: experiment.seed });
    // A fine-tune's trials train its base model, which is no stored architecture.
    const architectureId = params.architecture === FINE_TUNE_ARCHITECTURE ? null : architectures.get(params.architecture);
    if (architectureId === undefined) throw new Error(`TPE proposed architecture '${params.architecture}', which no longer exists`);
    const trial = await tx.run.create({
      data: {
        experimentId: experiment.id,
        architectureId,
        number,
        status,
        // The proposal's moment by the same clock as the finishedAt it saw: whoever replays a
        // proposal can tell which trials had finished and which were in flight.
        createdAt: new Date(),
        rung: strategy.earlyStopping ? 0 : null,
        params: paramsOf(params),
      },
      select: { id: true },
    });
    await tx.foldRun.createMany({ data: Array.from({ length: folds }, (_, fold) => ({ trialId: trial.id, fold, status })) });
    history.push({ number, params, state: 'running', value: null });
    events.push({ type: 'trial', experimentId: experiment.id, trialId: trial.id, status, meanValAccuracy: null, stdValAccuracy: null });
  }
  return events;
}

/**
 * A trial as TPE sees it: completed with its score; stopped, or waiting at a rung, as pruned
 * with its last rung's score; in flight as running. Failed and cancelled trials are left out.
 */
function toTpeTrial(row: {
  number: number;
  status: string;
  params: unknown;
  meanValAccuracy: number | null;
  rungs: { rung: number; epochs: number; meanValAccuracy: number }[];
}): TpeTrial[] {
  const params = hyperparametersOf(row.params);
  const last = row.rungs[0];
  if (row.status === 'completed' && row.meanValAccuracy !== null)
    return [{ number: row.number, params, state: 'complete', value: row.meanValAccuracy }];
  if ((row.status === 'stopped' || row.status === 'waiting') && last) {
    return [{ number: row.number, params, state: 'pruned', value: last.meanValAccuracy, step: last.epochs }];
  }
  if (IN_FLIGHT.includes(row.status)) return [{ number: row.number, params, state: 'running', value: null }];
  return [];
}

async function settleExperiment(tx: Tx, options: SettleOptions, rungs: boolean): Promise<TProgressEvent[]> {
  const experiment = await tx.experiment.findUnique({ where: { id: options.experimentId } });
  // A cancelled experiment is still closed here by its last running fold: the API marks it
  // cancelled at once, but its best trial so far and its real end are only known now.
  if (!experiment || experiment.status === 'completed' || experiment.status === 'failed') return [];
  const open = await tx.run.count({ where: { experimentId: experiment.id, status: { in: [...IN_FLIGHT_TRIAL_STATUSES] } } });
  if (open > 0) return [];
  const events: TProgressEvent[] = [];
  // Nothing trains and nothing can be promoted any more: ASHA trials left waiting stop at their rung.
  const stopped = await tx.run.findMany({
    where: { experimentId: experiment.id, status: 'waiting' },
    select: { id: true, meanValAccuracy: true, stdValAccuracy: true },
  });
  if (stopped.length > 0) {
    const now = new Date();
    await tx.run.updateMany({ where: { id: { in: stopped.map((t) => t.id) } }, data: { status: 'stopped', finishedAt: now } });
    for (const trial of stopped) {
      events.push({
        type: 'trial',
        experimentId: experiment.id,
        trialId: trial.id,
        status: 'stopped',
        meanValAccuracy: trial.meanValAccuracy,
        stdValAccuracy: trial.stdValAccuracy,
      });
    }
  }
  const trials = await tx.run.findMany({ where: { experimentId: experiment.id }, select: BEST_SELECT });
  const status = experimentOutcome(
    trials.map((trial) => trial.status),
    experiment.status === 'cancelled' || options.cancelRequested === true,
  );
  const best = pickBestRun(trials.map(ranked));
  // The search is over; the best trial is retrained on every training image and tested (a
  // refit job, read back by pendingJobs). A cancelled search is not refit. A search paused,
  // refit at its best so far (POST /experiments/:id/refit) and resumed refits its final best
  // when that is another trial.
  const refit = status === 'completed' && best !== null && (experiment.refitStatus === null || experiment.refitTrialId !== best.id);
  await tx.experiment.update({
    where: { id: experiment.id },
    data: {
      status,
      bestTrialId: best?.id ?? null,
      finishedAt: new Date(),
      error: status === 'failed' ? 'every trial failed; see the trials for their errors' : experiment.error,
      ...(refit ? { refitStatus: 'queued', refitTrialId: best.id } : {}),
    },
  });
  // Checkpoints only serve promotions, and there will be none now.
  if (rungs) await tx.checkpoint.deleteMany({ where: { foldRun: { trial: { experimentId: experiment.id } } } });
  events.push({ type: 'experiment', experimentId: experiment.id, status });
  if (refit) events.push({ type: 'refit', experimentId: experiment.id, trialId: best.id, status: 'queued', testAccuracy: null });
  return events;
}

/**
 * Work the rows say should be queued: promoted folds (rung > 0: ASHA promotions, and Hyperband
 * trials that start above the first rung, whose second enqueue is a no-op), the folds of the
 * trials TPE proposed (any rung; TPE keeps only `parallelism` trials in flight, so few), and a
 * queued refit.
 */
export async function pendingJobs(prisma: PrismaClient, experimentId: string) {
  const experiment = await prisma.experiment.findUnique({
    where: { id: experimentId },
    select: { id: true, kind: true, priority: true, refitStatus: true, refitTrialId: true, strategy: true },
  });
  if (!experiment) return { priority: 0, folds: [], refitTrialId: null };
  const lazy = searchExperimentOf(experiment).strategy.kind === 'tpe';
  const folds = await prisma.foldRun.findMany({
    where: { status: 'queued', ...(lazy ? {} : { rung: { gt: 0 } }), trial: { experimentId } },
    select: { fold: true, rung: true, trial: { select: { id: true, number: true } } },
  });
  return {
    priority: experiment.priority,
    folds: folds.map((f) => ({ experimentId, trialId: f.trial.id, trialNumber: f.trial.number, fold: f.fold, rung: f.rung })),
    refitTrialId: experiment.refitStatus === 'queued' ? experiment.refitTrialId : null,
  };
}

/** What the best-run rule reads of a trial. */
const BEST_SELECT = { id: true, number: true, status: true, rung: true, meanValAccuracy: true, parameterCount: true } as const;
const ranked = <T extends { status: string; rung: number | null; meanValAccuracy: number | null }>(row: T) => ({
  ...row,
  scoreRung: scoreRungOf(row),
});

/**
 * Keeps experiment.bestTrialId the best trial so far by the one rule (pickBestRun), so the list's
 * best and its sort, the page and "refit best so far" name the trial a settle now would refit.
 * Only the trial just settled can have changed rank (a promotion keeps a trial's score and the
 * rung it comes from; a cancel keeps its score), so it is compared with the recorded best; the
 * experiment's scored trials are read only when there is no recorded best yet or the recorded
 * one just failed.
 */
async function recordBestSoFar(tx: Tx, experimentId: string, trialId: string): Promise<void> {
  const experiment = await tx.experiment.findUnique({ where: { id: experimentId }, select: { bestTrialId: true } });
  if (!experiment) return;
  const settled = await tx.run.findUnique({ where: { id: trialId }, select: BEST_SELECT });
  const recorded =
    experiment.bestTrialId === null ? null : await tx.run.findUnique({ where: { id: experiment.bestTrialId }, select: BEST_SELECT });
  const stillBest = recorded !== null && isBestCandidate(recorded);
  const best = stillBest
    ? pickBestRun([recorded, ...(settled ? [settled] : [])].map(ranked))
    : pickBestRun((await tx.run.findMany({ where: { experimentId, meanValAccuracy: { not: null } }, select: BEST_SELECT })).map(ranked));
  if ((best?.id ?? null) !== experiment.bestTrialId)
    await tx.experiment.update({ where: { id: experimentId }, data: { bestTrialId: best?.id ?? null } });
}
