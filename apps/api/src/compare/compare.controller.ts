import { Controller, Get } from '@nestjs/common';
import { MAX_COMPARED_TRIALS, type TCompareQuery, ZApiError, ZCompareQuery, ZComparison } from '@atelier/domain';
import type { z } from 'zod';
import { Contract, ValidQuery } from '../common/contract';
import { CompareService } from './compare.service';
import { Access } from '../auth/access.decorator';

@Controller('compare')
export class CompareController {
  constructor(private readonly compare: CompareService) {}

  /** GET /compare?trials=a,b,c: up to 50 trials from any experiments side by side: scores, curves, evaluations. */
  @Get()
  @Access('read', { resource: 'trial', query: 'trials' })
  @Contract({
    summary: 'Compare trials across experiments',
    description:
      `Up to ${MAX_COMPARED_TRIALS} trials. Per trial: its experiment and dataset (class names), hyperparameters, scores, the mean ± std ` +
      "curve over folds and each fold's curve, and its newest evaluation of each split without sample predictions: `validation` " +
      '(out-of-fold, once its folds finish) and `test` (once it was refit). A missing split is null, never the other split in its place: ' +
      'a difference of matrices or a best-of marking must only compare evaluations of the same split and dataset (`compareSplit` in ' +
      "@atelier/domain does that). `refitStatus` says whether the search's own refit of this trial is under way. " +
      '`differing` names the hyperparameters whose values are not all equal: what a legend needs.',
    tags: ['compare'],
    query: ZCompareQuery,
    responses: {
      200: { description: 'The trials in the order asked', schema: ZComparison },
      404: { description: 'A trial id does not exist (the message names it)', schema: ZApiError },
    },
  })
  async get(@ValidQuery() query: TCompareQuery): Promise<z.input<typeof ZComparison>> {
    // encoded: a diverged trial's NaN curve points go out as "NaN" (at most 50 trials: cheap)
    return ZComparison.encode(await this.compare.compareTrials(query.trials));
  }
}
