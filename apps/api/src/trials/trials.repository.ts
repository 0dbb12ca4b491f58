import { Inject, Injectable } from '@nestjs/common';
import { epochCurvesOf, foldCurvePoints } from '@atelier/db';
import type { PrismaClient } from '@atelier/db/client';
import type { TEpochMetric } from '@atelier/domain';
import { LIVE_EXPERIMENT } from '../common/lifecycle.sql';
import { PRISMA } from '../infra/tokens';
import { TRIAL_SELECT, type TrialRecord } from './trial.mapper';

/** A search's trials: runs of a 'search' experiment (a run logged from code is served by /runs). */
const SEARCH_TRIAL = { deletedAt: null, experiment: { kind: 'search', ...LIVE_EXPERIMENT } } as const;

@Injectable()
export class TrialsRepository {
  constructor(@Inject(PRISMA) private readonly prisma: PrismaClient) {}

  findById(id: string): Promise<TrialRecord | null> {
    return this.prisma.run.findFirst({ where: { id, ...SEARCH_TRIAL }, select: TRIAL_SELECT });
  }

  /** One fold run of a trial with its epoch records in order, or null when the trial has no such fold. */
  async findFoldMetrics(trialId: string, fold: number): Promise<{ fold: number; epochMetrics: TEpochMetric[] } | null> {
    const run = await this.prisma.foldRun.findFirst({ where: { trialId, fold, trial: SEARCH_TRIAL }, select: { fold: true } });
    if (!run) return null;
    const curves = epochCurvesOf(await foldCurvePoints(this.prisma, [trialId]));
    return { fold, epochMetrics: curves.get(trialId)?.get(fold) ?? [] };
  }

  async trialExists(id: string): Promise<boolean> {
    return (await this.prisma.run.count({ where: { id, ...SEARCH_TRIAL } })) > 0;
  }
}
