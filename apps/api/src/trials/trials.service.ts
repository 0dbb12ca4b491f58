import { Injectable } from '@nestjs/common';
import type { TFoldMetrics, TTrial } from '@atelier/domain';
import { notFound } from '../common/api-exception';
import { toTrial } from './trial.mapper';
import { TrialsRepository } from './trials.repository';

@Injectable()
export class TrialsService {
  constructor(private readonly trials: TrialsRepository) {}

  async get(id: string): Promise<TTrial> {
    const row = await this.trials.findById(id);
    if (!row) throw notFound(`Trial '${id}' not found`);
    return toTrial(row);
  }

  async foldMetrics(trialId: string, fold: number): Promise<TFoldMetrics> {
    const run = await this.trials.findFoldMetrics(trialId, fold);
    if (run) return { trialId, fold, metrics: run.epochMetrics };
    if (!(await this.trials.trialExists(trialId))) throw notFound(`Trial '${trialId}' not found`);
    throw notFound(`Trial '${trialId}' has no fold ${fold}`);
  }
}
