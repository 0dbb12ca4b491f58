import type { Prisma, PrismaClient } from '@atelier/db/client';
import type { TProgressEvent } from '@atelier/domain';
import { aggregateFolds, experimentOutcome, isTerminal, pickBestTrial, trialOutcome } from './aggregate';

export interface SettleOptions {
  experimentId: string;
  trialId: string;
  /** A fold of this trial failed for good: fail the trial now, with this message. */
  failTrial?: string;
  /** The experiment's cancellation key is set (the API may not have updated its row yet). */
  cancelRequested?: boolean;
}

/**
 * After a fold reaches a terminal state: settles its trial when every fold is terminal, then
 * the experiment when every trial is. Runs in one transaction that locks the experiment row
 * and then the trial row (always in that order, so concurrent folds cannot deadlock): two
 * workers finishing the last two folds at once serialize here, and the second sees the first's
 * commit, so exactly one of them settles the experiment. Idempotent: a settled trial or
 * experiment is left alone. Returns the events to publish once committed.
 */
export async function settleAfterFold(prisma: PrismaClient, options: SettleOptions): Promise<TProgressEvent[]> {
  return prisma.$transaction(async (tx) => {
    await tx.$queryRaw`SELECT id FROM experiment WHERE id = ${options.experimentId}::uuid FOR UPDATE`;
    await tx.$queryRaw`SELECT id FROM trial WHERE id = ${options.trialId}::uuid FOR UPDATE`;
    const events: TProgressEvent[] = [];
    const trialEvent = await settleTrial(tx, options);
    if (trialEvent) events.push(trialEvent);
    const experimentEvent = await settleExperiment(tx, options);
    if (experimentEvent) events.push(experimentEvent);
    return events;
  });
}

async function settleTrial(tx: Prisma.TransactionClient, options: SettleOptions): Promise<TProgressEvent | null> {
  const trial = await tx.trial.findUnique({ where: { id: options.trialId }, include: { foldRuns: true } });
  if (!trial || isTerminal(trial.status)) return null;
  const now = new Date();
  if (options.failTrial !== undefined) {
    await tx.trial.update({ where: { id: trial.id }, data: { status: 'failed', error: options.failTrial, finishedAt: now } });
    return { type: 'trial', experimentId: trial.experimentId, trialId: trial.id, status: 'failed', meanValAccuracy: null, stdValAccuracy: null };
  }
  if (!trial.foldRuns.every((fold) => isTerminal(fold.status))) return null;
  const status = trialOutcome(trial.foldRuns.map((fold) => fold.status));
  if (status !== 'completed') {
    await tx.trial.update({ where: { id: trial.id }, data: { status, finishedAt: now } });
    return { type: 'trial', experimentId: trial.experimentId, trialId: trial.id, status, meanValAccuracy: null, stdValAccuracy: null };
  }
  const folds = trial.foldRuns.map((fold) => {
    if (fold.valAccuracy === null) throw new Error(`fold ${fold.fold} of trial ${trial.number} completed without a validation accuracy`);
    return { valAccuracy: fold.valAccuracy, valLoss: fold.valLoss };
  });
  const aggregate = aggregateFolds(folds);
  await tx.trial.update({ where: { id: trial.id }, data: { status, finishedAt: now, error: null, ...aggregate } });
  return {
    type: 'trial',
    experimentId: trial.experimentId,
    trialId: trial.id,
    status,
    meanValAccuracy: aggregate.meanValAccuracy,
    stdValAccuracy: aggregate.stdValAccuracy,
  };
}

async function settleExperiment(tx: Prisma.TransactionClient, options: SettleOptions): Promise<TProgressEvent | null> {
  const experiment = await tx.experiment.findUnique({ where: { id: options.experimentId } });
  // A cancelled experiment is still closed here by its last running fold: the API marks it
  // cancelled at once, but its best trial so far and its real end are only known now.
  if (!experiment || experiment.status === 'completed' || experiment.status === 'failed') return null;
  const trials = await tx.trial.findMany({
    where: { experimentId: experiment.id },
    select: { id: true, number: true, status: true, meanValAccuracy: true, parameterCount: true },
  });
  if (!trials.every((trial) => isTerminal(trial.status))) return null;
  const status = experimentOutcome(
    trials.map((trial) => trial.status),
    experiment.status === 'cancelled' || options.cancelRequested === true,
  );
  const best = pickBestTrial(trials);
  await tx.experiment.update({
    where: { id: experiment.id },
    data: {
      status,
      bestTrialId: best?.id ?? null,
      finishedAt: new Date(),
      error: status === 'failed' ? 'every trial failed; see the trials for their errors' : experiment.error,
    },
  });
  return { type: 'experiment', experimentId: experiment.id, status };
}
