import { Controller, Get } from '@nestjs/common';
import { z } from 'zod';
import { type TLeaderboard, ZLeaderboard } from '@atelier/domain';
import { Contract, notASearch, ValidParams, ValidQuery } from '../common/contract';
import { ZIdParams } from '../common/schemas';
import { LeaderboardService } from './leaderboard.service';
import { Access } from '../auth/access.decorator';

const ZLeaderboardQuery = z.strictObject({
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(10_000)
    .default(100)
    .describe("Rows (and the view's points) returned, best first; importance always uses every score"),
  rung: z.coerce
    .number({ error: 'rung must be a whole number' })
    .int({ error: 'rung must be a whole number' })
    .min(0, { error: 'rung must be 0 or more' })
    .optional()
    .describe('ASHA: the rung whose scores the view (importance, parallel coordinates) uses; defaults to the first, which every trial has'),
});

@Controller('experiments')
export class LeaderboardController {
  constructor(private readonly leaderboard: LeaderboardService) {}

  /** GET /experiments/:id/leaderboard: scored trials ranked best first, and how much each hyperparameter explains. */
  @Get(':id/leaderboard')
  @Access('read', { resource: 'experiment' })
  @Contract({
    summary: "An experiment's trials ranked by mean cross-validation accuracy",
    description:
      'Order: under ASHA the highest rung reached first, then mean validation accuracy, then fewer parameters, then trial number ' +
      "(the rule that picks the experiment's best trial). Rows tied with the best are those " +
      'within one standard error of its mean (SE = its fold std / √k); diverged rows have a non-finite loss or chance-level accuracy. ' +
      "The view's importance is fANOVA over random forests fitted on bootstrap resamples of the scores (median and quartiles over " +
      'the resamples, with the unexplained share), diverged trials left out; under ASHA over the scores of one rung (`rung`), ' +
      'where epochs is never a dimension.',
    tags: ['experiments'],
    params: ZIdParams,
    query: ZLeaderboardQuery,
    responses: { 200: { description: 'The ranking and parameter importance', schema: ZLeaderboard }, 409: notASearch },
  })
  get(@ValidParams() params: { id: string }, @ValidQuery() query: z.output<typeof ZLeaderboardQuery>): Promise<TLeaderboard> {
    return this.leaderboard.get(params.id, query);
  }
}
