import { Injectable, Logger } from '@nestjs/common';
import type { TModelArtifactList, TRefitQueued, TTrialEvaluations } from '@atelier/domain';
import { searchExperimentOf } from '@atelier/db';
import { conflict, notFound, unavailable } from '../common/api-exception';
import { toModelArtifact } from '../models/model-artifact.mapper';
import { classNamesOf, compareEvaluations, toEvaluation } from './evaluation.mapper';
import { RefitJobs } from './refit-jobs';
import { TrialOutputsRepository } from './trial-outputs.repository';

/** A trial's evaluations and models, and requests to refit it. */
@Injectable()
export class TrialOutputsService {
  private readonly logger = new Logger('TrialOutputsService');

  constructor(
    private readonly outputs: TrialOutputsRepository,
    private readonly refits: RefitJobs,
  ) {}

  async evaluations(trialId: string): Promise<TTrialEvaluations> {
    const trial = await this.outputs.evaluations(trialId);
    if (!trial) throw notFound(`Trial '${trialId}' not found`);
    const { dataset: searched } = searchExperimentOf(trial.experiment);
    const dataset = { key: searched.key, classNames: classNamesOf(searched.classNames) };
    return { trialId, items: [...trial.evaluations].sort(compareEvaluations).map((row) => toEvaluation(row, dataset)) };
  }

  async models(trialId: string): Promise<TModelArtifactList> {
    const trial = await this.outputs.models(trialId);
    if (!trial) throw notFound(`Trial '${trialId}' not found`);
    return { trialId, items: trial.artifacts.map(toModelArtifact) };
  }

  /**
   * Queues a refit of any trial that has a score. The generation is the number of models the
   * trial already has, so each finished refit makes room for the next request while a second
   * click before the first one finishes lands on the same job id (a no-op).
   */
  async refit(trialId: string): Promise<TRefitQueued> {
    const trial = await this.outputs.refitTarget(trialId);
    if (!trial) throw notFound(`Trial '${trialId}' not found`);
    if (trial.meanValAccuracy === null) {
      throw conflict(
        `Trial ${trial.number} of '${trial.experiment.name}' is ${trial.status} and has no cross-validation score yet: refit it once its folds have finished.`,
      );
    }
    const down = this.refits.unavailableReason();
    if (down)
      throw unavailable(`The training queue is unavailable (${down}); nothing was queued. Check that Redis is reachable and try again.`);
    const generation = trial._count.artifacts;
    const job = { experimentId: trial.experiment.id, trialId: trial.id, generation };
    let jobId: string;
    try {
      jobId = await this.refits.enqueue(job, trial.experiment.priority);
    } catch (error) {
      this.logger.error(`queueing a refit of trial ${trialId} failed: ${(error as Error).message}`);
      throw unavailable(`The refit could not be queued (${(error as Error).message}). Check that Redis is reachable and try again.`);
    }
    return { experimentId: trial.experiment.id, trialId: trial.id, generation, jobId, status: 'queued' };
  }
}
