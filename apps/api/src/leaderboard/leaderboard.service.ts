import { Injectable } from '@nestjs/common';
import { rungEpochsOf, type TLeaderboard, ZSearchStrategy } from '@atelier/domain';
import { parameterImportance, type ScoredTrial } from '@atelier/ml/search/importance';
import { notFound } from '../common/api-exception';
import { hyperparametersOf, rankTrials } from './leaderboard-ranking';
import { LeaderboardRepository, type ScoredTrialRecord } from './leaderboard.repository';

/**
 * Scores importance is computed from. Under ASHA only the first rung is comparable across every
 * trial (the same epochs for all, and every trial has it); later rungs hold only the survivors.
 */
export function importanceInputs(rows: readonly ScoredTrialRecord[], asha: boolean): ScoredTrial[] {
  if (!asha) return rows.map((row) => ({ hyperparameters: hyperparametersOf(row), score: row.meanValAccuracy }));
  return rows
    .filter((row) => row.firstRungAccuracy !== null)
    .map((row) => ({ hyperparameters: { ...hyperparametersOf(row), epochs: row.firstRungEpochs ?? row.epochs }, score: row.firstRungAccuracy! }));
}

@Injectable()
export class LeaderboardService {
  constructor(private readonly leaderboard: LeaderboardRepository) {}

  async get(experimentId: string, limit: number): Promise<TLeaderboard> {
    const [experiment, rows] = await Promise.all([this.leaderboard.findExperiment(experimentId), this.leaderboard.scoredTrials(experimentId)]);
    if (!experiment) throw notFound(`Experiment '${experimentId}' not found`);
    // Rung searches score every trial at its first rung: importance compares trials there.
    const asha = rungEpochsOf(ZSearchStrategy.parse(experiment.strategy)) !== null;
    return {
      experimentId,
      metric: 'meanValAccuracy',
      rows: rankTrials(rows).slice(0, limit),
      scoredTrials: rows.length,
      importance: parameterImportance(importanceInputs(rows, asha)),
    };
  }
}
