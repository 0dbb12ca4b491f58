import { Inject, Injectable } from '@nestjs/common';
import { Prisma, type PrismaClient } from '@atelier/db/client';
import { PRISMA } from '../infra/tokens';
import { EVALUATION_SUMMARY_SELECT } from '../trials/evaluation.mapper';

export interface CompareMetricRow {
  trialId: string;
  fold: number;
  epoch: number | null;
  loss: number | null;
  accuracy: number | null;
  valLoss: number | null;
  valAccuracy: number | null;
  seconds: number | null;
}

/** Everything a comparison shows, for any number of trials, in three queries (no query per trial). */
@Injectable()
export class CompareRepository {
  constructor(@Inject(PRISMA) private readonly prisma: PrismaClient) {}

  trials(ids: readonly string[]) {
    return this.prisma.trial.findMany({
      where: { id: { in: [...ids] } },
      select: {
        id: true,
        number: true,
        status: true,
        rung: true,
        batchSize: true,
        epochs: true,
        activation: true,
        optimizer: true,
        learningRate: true,
        momentum: true,
        parameterCount: true,
        meanValAccuracy: true,
        stdValAccuracy: true,
        meanValLoss: true,
        architecture: { select: { key: true, parameterCount: true } },
        experiment: {
          select: { id: true, name: true, refitStatus: true, refitTrialId: true, dataset: { select: { key: true, name: true, classNames: true } } },
        },
      },
    });
  }

  /** Every fold of the trials with its epoch rows, ordered by trial, fold and epoch. */
  metrics(ids: readonly string[]): Promise<CompareMetricRow[]> {
    return this.prisma.$queryRaw<CompareMetricRow[]>`
      SELECT f.trial_id AS "trialId", f.fold, m.epoch, m.loss, m.accuracy, m.val_loss AS "valLoss", m.val_accuracy AS "valAccuracy", m.seconds
        FROM fold_run f
        LEFT JOIN epoch_metric m ON m.fold_run_id = f.id
       WHERE f.trial_id IN (${Prisma.join(ids.map((id) => Prisma.sql`${id}::uuid`))})
       ORDER BY f.trial_id, f.fold, m.epoch`;
  }

  evaluations(ids: readonly string[]) {
    return this.prisma.evaluation.findMany({ where: { trialId: { in: [...ids] } }, select: EVALUATION_SUMMARY_SELECT });
  }
}

export type ComparedTrialRecord = Awaited<ReturnType<CompareRepository['trials']>>[number];
