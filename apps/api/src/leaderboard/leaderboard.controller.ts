import { Controller, Get } from '@nestjs/common';
import { z } from 'zod';
import { type TLeaderboard, ZLeaderboard } from '@atelier/domain';
import { Contract, ValidParams, ValidQuery } from '../common/contract';
import { ZIdParams } from '../common/schemas';
import { LeaderboardService } from './leaderboard.service';

const ZLeaderboardQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(10_000).default(100).describe('Rows returned, best first; importance always uses every scored trial'),
});

@Controller('experiments')
export class LeaderboardController {
  constructor(private readonly leaderboard: LeaderboardService) {}

  /** GET /experiments/:id/leaderboard: scored trials ranked best first, and how much each hyperparameter explains. */
  @Get(':id/leaderboard')
  @Contract({
    summary: "An experiment's trials ranked by mean cross-validation accuracy",
    description:
      'Order: under ASHA the highest rung reached first, then mean validation accuracy, then fewer parameters, then trial number ' +
      "(the rule that picks the experiment's best trial). Importance is η² of a one-way ANOVA per hyperparameter over every scored " +
      'trial; under ASHA over the first-rung scores, the only ones every trial has.',
    tags: ['experiments'],
    params: ZIdParams,
    query: ZLeaderboardQuery,
    responses: { 200: { description: 'The ranking and parameter importance', schema: ZLeaderboard } },
  })
  get(@ValidParams() params: { id: string }, @ValidQuery() query: z.output<typeof ZLeaderboardQuery>): Promise<TLeaderboard> {
    return this.leaderboard.get(params.id, query.limit);
  }
}
