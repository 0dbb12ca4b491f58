import { Inject, Injectable } from '@nestjs/common';
import { Prisma, type PrismaClient } from '@atelier/db/client';
import { LIVE_EXPERIMENT } from '../common/lifecycle.sql';
import { PRISMA } from '../infra/tokens';

/** A trial as the leaderboard's queries select it: its hyperparameters are its params document (hyperparametersOf). */
export interface TrialColumns {
  id: string;
  number: number;
  params: unknown;
}

/** A scored trial with the ASHA rung its score comes from. */
export interface ScoredTrialRecord extends TrialColumns {
  status: string;
  parameterCount: number | null;
  meanValAccuracy: number;
  stdValAccuracy: number | null;
  meanValLoss: number | null;
  /** Highest rung finished (the score's); null outside ASHA. */
  scoreRung: number | null;
  scoreEpochs: number | null;
}

/** A trial's score at one ASHA rung, with the trial's latest mean loss (for divergence). */
export interface RungScoreRecord extends TrialColumns {
  /** The rung's epochs (the trial's params hold those of the rung it trains now). */
  epochs: number;
  meanValAccuracy: number;
  stdValAccuracy: number;
  meanValLoss: number | null;
}

@Injectable()
export class LeaderboardRepository {
  constructor(@Inject(PRISMA) private readonly prisma: PrismaClient) {}

  findExperiment(id: string) {
    return this.prisma.experiment.findFirst({
      where: { id, ...LIVE_EXPERIMENT },
      select: { id: true, kind: true, strategy: true, validation: true, seed: true, dataset: { select: { classNames: true } } },
    });
  }

  /** Every trial of the experiment with a score: one query. */
  scoredTrials(experimentId: string, limit?: number): Promise<ScoredTrialRecord[]> {
    // with a limit, the best `limit` by the best-run order of run_best_trial_idx (an index range, not the search)
    const best =
      limit === undefined
        ? Prisma.empty
        : Prisma.sql`ORDER BY t.score_rung DESC, t.mean_val_accuracy DESC NULLS LAST, t.parameter_count ASC NULLS LAST, t.number ASC LIMIT ${limit}`;
    return this.prisma.$queryRaw<ScoredTrialRecord[]>`
      SELECT t.id, t.number, t.status, t.params, COALESCE(t.parameter_count, a.parameter_count) AS "parameterCount",
             t.mean_val_accuracy AS "meanValAccuracy", t.std_val_accuracy AS "stdValAccuracy", t.mean_val_loss AS "meanValLoss",
             r.rung AS "scoreRung", r.epochs AS "scoreEpochs"
        FROM (SELECT * FROM run t WHERE t.experiment_id = ${experimentId}::uuid AND t.mean_val_accuracy IS NOT NULL ${best}) t
        LEFT JOIN architecture a ON a.id = t.architecture_id
        LEFT JOIN LATERAL (SELECT rung, epochs FROM trial_rung WHERE trial_id = t.id ORDER BY rung DESC LIMIT 1) r ON true`;
  }

  /** How many trials of the search have a score, from its maintained summary (experiment_trial_summary). */
  async scoredCount(experimentId: string): Promise<number> {
    const [row] = await this.prisma.$queryRaw<{ n: number }[]>`
      SELECT COALESCE(sum(scored), 0)::int AS n FROM experiment_trial_summary WHERE experiment_id = ${experimentId}::uuid`;
    return row?.n ?? 0;
  }

  /** ASHA: how many trials have a score at each rung, and that rung's epochs. */
  rungCounts(experimentId: string): Promise<{ rung: number; epochs: number; trials: number }[]> {
    return this.prisma.$queryRaw`
      SELECT r.rung, min(r.epochs)::int AS epochs, count(*)::int AS trials
        FROM trial_rung r
        JOIN run t ON t.id = r.trial_id
       WHERE t.experiment_id = ${experimentId}::uuid
       GROUP BY r.rung
       ORDER BY r.rung`;
  }

  /** ASHA: every trial's score at one rung. */
  rungScores(experimentId: string, rung: number): Promise<RungScoreRecord[]> {
    return this.prisma.$queryRaw<RungScoreRecord[]>`
      SELECT t.id, t.number, t.params, r.epochs, r.mean_val_accuracy AS "meanValAccuracy",
             r.std_val_accuracy AS "stdValAccuracy", t.mean_val_loss AS "meanValLoss"
        FROM trial_rung r
        JOIN run t ON t.id = r.trial_id
       WHERE t.experiment_id = ${experimentId}::uuid AND r.rung = ${rung}`;
  }
}
