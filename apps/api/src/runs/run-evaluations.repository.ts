import { Inject, Injectable } from '@nestjs/common';
import type { PrismaClient } from '@atelier/db/client';
import { LIVE_RUN } from '../common/lifecycle.sql';
import { PRISMA } from '../infra/tokens';
import { EVALUATION_SELECT } from '../trials/evaluation.mapper';

/** What an evaluation of a run stores besides its keys. */
export interface EvaluationValues {
  split: 'test' | 'validation';
  accuracy: number;
  loss: number | null;
  confusionMatrix: number[][];
  perClass: unknown;
  macroAvg: unknown;
  weightedAvg: unknown;
  topConfusions: unknown;
}

/** Evaluations of any run: a search trial's (written by the workers) and those logged from code. */
@Injectable()
export class RunEvaluationsRepository {
  constructor(@Inject(PRISMA) private readonly prisma: PrismaClient) {}

  /** The run with what its evaluations are read against (its experiment's dataset, its `dataset` parameter), or null. */
  findRun(runId: string) {
    return this.prisma.run.findFirst({
      where: { id: runId, ...LIVE_RUN },
      select: {
        id: true,
        number: true,
        experimentId: true,
        params: true,
        experiment: { select: { kind: true, dataset: { select: { key: true, classNames: true } } } },
      },
    });
  }

  list(runId: string) {
    return this.prisma.evaluation.findMany({ where: { trialId: runId }, select: EVALUATION_SELECT });
  }

  /**
   * One evaluation per run and split: a new one replaces the last, so a request sent again (an
   * SDK retry after a lost answer) leaves one row. The run's row lock orders concurrent requests.
   */
  replace(run: { id: string; experimentId: string }, values: EvaluationValues) {
    return this.prisma.$transaction(async (tx) => {
      await tx.$queryRaw`SELECT id FROM run WHERE id = ${run.id}::uuid FOR UPDATE`;
      await tx.evaluation.deleteMany({ where: { trialId: run.id, split: values.split } });
      return tx.evaluation.create({
        data: {
          experimentId: run.experimentId,
          trialId: run.id,
          split: values.split,
          accuracy: values.accuracy,
          loss: values.loss,
          confusionMatrix: values.confusionMatrix,
          perClass: values.perClass as never,
          macroAvg: values.macroAvg as never,
          weightedAvg: values.weightedAvg as never,
          topConfusions: values.topConfusions as never,
        },
        select: EVALUATION_SELECT,
      });
    });
  }
}
