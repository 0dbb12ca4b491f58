import { Inject, Injectable } from '@nestjs/common';
import { epochCurvesOf, foldCurvePoints } from '@atelier/db';
import type { PrismaClient } from '@atelier/db/client';
import type { TEpochMetric } from '@atelier/domain';
import { LIVE_EXPERIMENT } from '../common/lifecycle.sql';
import { PRISMA } from '../infra/tokens';
import { EVALUATION_SUMMARY_SELECT } from '../trials/evaluation.mapper';

/** A trial's folds in order, each with its epoch records. */
export type FoldCurves = { fold: number; metrics: TEpochMetric[] }[];

/** Everything a comparison shows, for any number of trials, in three queries (no query per trial). */
@Injectable()
export class CompareRepository {
  constructor(@Inject(PRISMA) private readonly prisma: PrismaClient) {}

  trials(ids: readonly string[]) {
    // Trials of searches only: a run logged from code has no hyperparameters to compare here.
    return this.prisma.run.findMany({
      where: { id: { in: [...ids] }, deletedAt: null, experiment: { kind: 'search', ...LIVE_EXPERIMENT } },
      select: {
        id: true,
        number: true,
        status: true,
        rung: true,
        params: true,
        parameterCount: true,
        meanValAccuracy: true,
        stdValAccuracy: true,
        meanValLoss: true,
        architecture: { select: { key: true, parameterCount: true } },
        experiment: {
          select: {
            id: true,
            kind: true,
            strategy: true,
            name: true,
            refitStatus: true,
            refitTrialId: true,
            dataset: { select: { key: true, name: true, classNames: true } },
          },
        },
      },
    });
  }

  /** Every fold of the trials (those without an epoch yet too) with its epoch records, by trial id. */
  async metrics(ids: readonly string[]): Promise<Map<string, FoldCurves>> {
    const [folds, points] = await Promise.all([
      this.prisma.foldRun.findMany({
        where: { trialId: { in: [...ids] } },
        select: { trialId: true, fold: true },
        orderBy: [{ trialId: 'asc' }, { fold: 'asc' }],
      }),
      foldCurvePoints(this.prisma, ids),
    ]);
    const curves = epochCurvesOf(points);
    const byTrial = new Map<string, FoldCurves>();
    for (const { trialId, fold } of folds) {
      const list = byTrial.get(trialId) ?? [];
      byTrial.set(trialId, list);
      list.push({ fold, metrics: curves.get(trialId)?.get(fold) ?? [] });
    }
    return byTrial;
  }

  evaluations(ids: readonly string[]) {
    return this.prisma.evaluation.findMany({ where: { trialId: { in: [...ids] } }, select: EVALUATION_SUMMARY_SELECT });
  }
}

export type ComparedTrialRecord = Awaited<ReturnType<CompareRepository['trials']>>[number];
