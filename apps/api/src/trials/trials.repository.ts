import { Inject, Injectable } from '@nestjs/common';
import type { PrismaClient } from '@atelier/db/client';
import { PRISMA } from '../infra/tokens';
import { TRIAL_SELECT, type TrialRecord } from './trial.mapper';

export const EPOCH_METRIC_SELECT = { epoch: true, loss: true, accuracy: true, valLoss: true, valAccuracy: true, seconds: true } as const;

@Injectable()
export class TrialsRepository {
  constructor(@Inject(PRISMA) private readonly prisma: PrismaClient) {}

  findById(id: string): Promise<TrialRecord | null> {
    return this.prisma.trial.findUnique({ where: { id }, select: TRIAL_SELECT });
  }

  /** One fold run of a trial with its epoch rows in order, or null. */
  findFoldMetrics(trialId: string, fold: number) {
    return this.prisma.foldRun.findUnique({
      where: { trialId_fold: { trialId, fold } },
      select: { fold: true, epochMetrics: { orderBy: { epoch: 'asc' }, select: EPOCH_METRIC_SELECT } },
    });
  }

  async trialExists(id: string): Promise<boolean> {
    return (await this.prisma.trial.count({ where: { id } })) > 0;
  }
}
