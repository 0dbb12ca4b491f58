import { Controller, Get } from '@nestjs/common';
import { type TFoldMetrics, type TTrial, ZFoldMetrics, ZTrial } from '@atelier/domain';
import { Contract, ValidParams } from '../common/contract';
import { ZFoldParams, ZIdParams } from '../common/schemas';
import { TrialsService } from './trials.service';

@Controller('trials')
export class TrialsController {
  constructor(private readonly trials: TrialsService) {}

  /** GET /trials/:id: one trial with its folds and progress. */
  @Get(':id')
  @Contract({ summary: 'Get a trial', tags: ['trials'], params: ZIdParams, responses: { 200: { description: 'The trial', schema: ZTrial } } })
  get(@ValidParams() params: { id: string }): Promise<TTrial> {
    return this.trials.get(params.id);
  }

  /** GET /trials/:id/folds/:fold/metrics: the epoch curve of one fold, epochs in order. */
  @Get(':id/folds/:fold/metrics')
  @Contract({
    summary: 'Epoch metrics of one fold',
    tags: ['trials'],
    params: ZFoldParams,
    responses: { 200: { description: 'One row per finished epoch', schema: ZFoldMetrics } },
  })
  foldMetrics(@ValidParams() params: { id: string; fold: number }): Promise<TFoldMetrics> {
    return this.trials.foldMetrics(params.id, params.fold);
  }
}
