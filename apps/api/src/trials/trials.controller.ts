import { Controller, Get, HttpCode, Post } from '@nestjs/common';
import {
  type TModelArtifactList,
  type TRefitQueued,
  type TTrial,
  type TTrialEvaluations,
  ZApiError,
  ZFoldMetrics,
  ZModelArtifactList,
  ZRefitQueued,
  ZTrial,
  ZTrialEvaluations,
} from '@atelier/domain';
import { Contract, queueUnreachable, ValidParams } from '../common/contract';
import { wireFoldMetrics } from '../common/wire-metrics';
import { ZFoldParams, ZIdParams } from '../common/schemas';
import { TrialOutputsService } from './trial-outputs.service';
import { TrialsService } from './trials.service';
import { Access } from '../auth/access.decorator';

@Controller('trials')
export class TrialsController {
  constructor(
    private readonly trials: TrialsService,
    private readonly outputs: TrialOutputsService,
  ) {}

  /** GET /trials/:id: one trial with its folds and progress. */
  @Get(':id')
  @Access('read', { resource: 'trial' })
  @Contract({
    summary: 'Get a trial',
    tags: ['trials'],
    params: ZIdParams,
    responses: { 200: { description: 'The trial', schema: ZTrial } },
  })
  get(@ValidParams() params: { id: string }): Promise<TTrial> {
    return this.trials.get(params.id);
  }

  /** GET /trials/:id/folds/:fold/metrics: the epoch curve of one fold, epochs in order. */
  @Get(':id/folds/:fold/metrics')
  @Access('read', { resource: 'trial' })
  @Contract({
    summary: 'Epoch metrics of one fold',
    tags: ['trials'],
    params: ZFoldParams,
    responses: { 200: { description: 'One row per finished epoch', schema: ZFoldMetrics } },
  })
  async foldMetrics(@ValidParams() params: { id: string; fold: number }): Promise<ReturnType<typeof wireFoldMetrics>> {
    return wireFoldMetrics(await this.trials.foldMetrics(params.id, params.fold));
  }

  /** GET /trials/:id/evaluations: the out-of-fold validation evaluation and, once refit, the test one, with sample predictions. */
  @Get(':id/evaluations')
  @Access('read', { resource: 'trial' })
  @Contract({
    summary: "A trial's evaluations",
    description:
      "'validation': the folds' out-of-fold predictions summed; 'test': the refitted model on the test set (only after a refit).",
    tags: ['trials'],
    params: ZIdParams,
    responses: { 200: { description: 'Validation first, then test', schema: ZTrialEvaluations } },
  })
  evaluations(@ValidParams() params: { id: string }): Promise<TTrialEvaluations> {
    return this.outputs.evaluations(params.id);
  }

  /** GET /trials/:id/models: the model artifacts of every refit of the trial, newest first. */
  @Get(':id/models')
  @Access('read', { resource: 'trial' })
  @Contract({
    summary: "A trial's stored models",
    description: 'Download one with GET /models/{id}/download, or classify an image with POST /models/{id}/predict.',
    tags: ['trials', 'models'],
    params: ZIdParams,
    responses: { 200: { description: 'Newest first', schema: ZModelArtifactList } },
  })
  models(@ValidParams() params: { id: string }): Promise<TModelArtifactList> {
    return this.outputs.models(params.id);
  }

  /** POST /trials/:id/refit: queues a retraining of the trial on all its experiment's training images, then a test evaluation. */
  @Post(':id/refit')
  @Access('write', { resource: 'trial' })
  @HttpCode(202)
  @Contract({
    summary: 'Refit a trial and evaluate it on the test set',
    description:
      "Retrains the trial's hyperparameters on every training image of its experiment, scores the model on the test set and stores " +
      "it as a new model artifact with a 'test' evaluation. A second request while the first is queued or running is the same job.",
    tags: ['trials'],
    params: ZIdParams,
    responses: {
      202: { description: 'The refit job was queued', schema: ZRefitQueued },
      409: { description: 'The trial has no cross-validation score yet', schema: ZApiError },
      503: queueUnreachable('nothing was queued'),
    },
  })
  refit(@ValidParams() params: { id: string }): Promise<TRefitQueued> {
    return this.outputs.refit(params.id);
  }
}
