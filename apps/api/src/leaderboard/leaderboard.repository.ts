import { Inject, Injectable } from '@nestjs/common';
import type { PrismaClient } from '@atelier/db/client';
import { PRISMA } from '../infra/tokens';

/** A scored trial with the ASHA rung its score comes from and, for importance, its first-rung score. */
export interface ScoredTrialRecord {
  id: string;
  number: number;
  status: string;
  architecture: string;
  batchSize: number;
  epochs: number;
  activation: string;
  optimizer: string;
  learningRate: number;
  momentum: number;
  parameterCount: number | null;
  meanValAccuracy: number;
  stdValAccuracy: number | null;
  meanValLoss: number | null;
  /** Highest rung finished (the score's); null outside ASHA. */
  scoreRung: number | null;
  scoreEpochs: number | null;
  /** ASHA: the score at rung 0, which every trial has: the comparable one for importance. */
  firstRungAccuracy: number | null;
  firstRungEpochs: number | null;
}

@Injectable()
export class LeaderboardRepository {
  constructor(@Inject(PRISMA) private readonly prisma: PrismaClient) {}

  findExperiment(id: string) {
    return this.prisma.experiment.findUnique({ where: { id }, select: { id: true, strategy: true } });
  }

  /** Every trial of the experiment with a score: one query. */
  scoredTrials(experimentId: string): Promise<ScoredTrialRecord[]> {
    return this.prisma.$queryRaw<ScoredTrialRecord[]>`
      SELECT t.id, t.number, t.status, a.key AS architecture, t.batch_size AS "batchSize", t.epochs, t.activation, t.optimizer,
             t.learning_rate AS "learningRate", t.momentum, COALESCE(t.parameter_count, a.parameter_count) AS "parameterCount",
             t.mean_val_accuracy AS "meanValAccuracy", t.std_val_accuracy AS "stdValAccuracy", t.mean_val_loss AS "meanValLoss",
             r.rung AS "scoreRung", r.epochs AS "scoreEpochs", r0.mean_val_accuracy AS "firstRungAccuracy",
             r0.epochs AS "firstRungEpochs"
        FROM trial t
        JOIN architecture a ON a.id = t.architecture_id
        LEFT JOIN LATERAL (SELECT rung, epochs FROM trial_rung WHERE trial_id = t.id ORDER BY rung DESC LIMIT 1) r ON true
        LEFT JOIN trial_rung r0 ON r0.trial_id = t.id AND r0.rung = 0
       WHERE t.experiment_id = ${experimentId}::uuid AND t.mean_val_accuracy IS NOT NULL`;
  }
}
