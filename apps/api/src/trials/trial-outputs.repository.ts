import { Inject, Injectable } from '@nestjs/common';
import type { PrismaClient } from '@atelier/db/client';
import { LIVE_EXPERIMENT } from '../common/lifecycle.sql';
import { PRISMA } from '../infra/tokens';
import { EVALUATION_SELECT } from './evaluation.mapper';

/** Artifact columns without the model bytes. */
export const ARTIFACT_META_SELECT = {
  id: true,
  experimentId: true,
  trialId: true,
  kind: true,
  sizeBytes: true,
  sha256: true,
  metadata: true,
  createdAt: true,
  // the model it was fine-tuned from, when its experiment started from one
  experiment: { select: { parentModelId: true, parentModelRef: true } },
} as const;

/** What a trial produced besides its curves: evaluations and stored models. */
@Injectable()
export class TrialOutputsRepository {
  constructor(@Inject(PRISMA) private readonly prisma: PrismaClient) {}

  /** The trial's dataset (for class names) and every evaluation, or null for an unknown trial. */
  async evaluations(trialId: string) {
    const trial = await this.prisma.run.findFirst({
      where: { id: trialId, deletedAt: null, experiment: { kind: 'search', ...LIVE_EXPERIMENT } },
      select: {
        id: true,
        experiment: { select: { id: true, kind: true, strategy: true, dataset: { select: { key: true, classNames: true } } } },
        evaluations: { select: EVALUATION_SELECT },
      },
    });
    return trial;
  }

  async models(trialId: string) {
    return this.prisma.run.findFirst({
      where: { id: trialId, deletedAt: null, experiment: { kind: 'search', ...LIVE_EXPERIMENT } },
      select: {
        id: true,
        artifacts: { where: { kind: 'model' }, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }], select: ARTIFACT_META_SELECT },
      },
    });
  }

  /** What a refit request needs: the trial's score and status, its experiment's priority, its model count. */
  async refitTarget(trialId: string) {
    const trial = await this.prisma.run.findFirst({
      where: { id: trialId, deletedAt: null, experiment: { kind: 'search', ...LIVE_EXPERIMENT } },
      select: {
        id: true,
        number: true,
        status: true,
        meanValAccuracy: true,
        experiment: { select: { id: true, name: true, priority: true } },
        _count: { select: { artifacts: { where: { kind: 'model' } } } },
      },
    });
    return trial;
  }
}
