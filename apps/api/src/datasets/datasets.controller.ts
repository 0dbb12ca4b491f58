import { Controller, Get } from '@nestjs/common';
import { type TDatasetSummary, ZDatasetSummary } from '@atelier/domain';
import { z } from 'zod';
import { Contract } from '../common/contract';
import { DatasetsService } from './datasets.service';

@Controller('datasets')
export class DatasetsController {
  constructor(private readonly datasets: DatasetsService) {}

  /** GET /datasets: every dataset, with whether its files are where this server looks. */
  @Get()
  @Contract({
    summary: 'List datasets',
    description: '`available` says whether the files were found in ATELIER_DATASET_DIR or the download cache.',
    tags: ['datasets'],
    responses: { 200: { description: 'Every dataset', schema: z.array(ZDatasetSummary) } },
  })
  list(): Promise<TDatasetSummary[]> {
    return this.datasets.list();
  }
}
