import { Controller, Get, HttpCode, Patch, Post, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import {
  type TAnyExperimentDetail,
  type TEventStreamQuery,
  type TCreateExperiment,
  type TExperimentDetail,
  type TExperimentList,
  type TExperimentListQuery,
  type TExperimentMetricsQuery,
  type TExperimentOverview,
  type TRefitQueued,
  OVERVIEW_ALL_TRIALS_LIMIT,
  RUNG_POINTS_LIMIT,
  ZAnyExperimentDetail,
  ZApiError,
  ZCreateExperimentRequest,
  ZExperimentDetail,
  ZExperimentList,
  ZExperimentListQuery,
  ZExperimentMetrics,
  ZExperimentMetricsQuery,
  ZExperimentOverview,
  ZRefitQueued,
  ZUpdateExperimentRequest,
} from '@atelier/domain';
import type { z } from 'zod';
import { Contract, notASearch, queueUnreachable, ValidBody, ValidParams, ValidQuery } from '../common/contract';
import { SEARCH_STRATEGY_KINDS, type TExperimentPlan, ZExperimentPlan } from '@atelier/domain';
import { ZIdParams } from '../common/schemas';
import { wireExperimentMetrics } from '../common/wire-metrics';
import { liveStreamContract, resumeFrom, streamSse } from '../common/sse';
import { ExperimentListService } from './experiment-list.service';
import { ExperimentsService } from './experiments.service';
import { Access } from '../auth/access.decorator';

const RULES =
  'Besides the schema, the request must name a known dataset and trainable architectures, keep the training slice within the ' +
  'training set, and stay within MAX_TRIALS trials and MAX_TOTAL_EPOCHS epochs (or the lower limits of the request budget).';

const LIST_DESCRIPTION =
  'Sort by `sort` (createdAt, name, status, dataset, trialCount, bestValAccuracy, finishedAt) and `order`; experiments ' +
  'without a value sort last, ties by createdAt (newest first) then id, so pages are stable. Filter by `status` (a list: ' +
  '`status=running,queued`), `dataset` (its key), `strategy` (' +
  SEARCH_STRATEGY_KINDS.join(', ') +
  ') and `q` (text in the name or description, ' +
  'ignoring case). Unknown query parameters are refused with 400.';

/** The metrics response as sent: non-finite values as wire strings. */
type WireExperimentMetrics = ReturnType<typeof wireExperimentMetrics>;

const EXPERIMENT = { resource: 'experiment' } as const;

@Controller('experiments')
export class ExperimentsController {
  constructor(
    private readonly experiments: ExperimentsService,
    private readonly listing: ExperimentListService,
  ) {}

  /** GET /experiments: one page of experiments in the requested order (newest first by default), filtered, with the total that match. */
  @Get()
  @Access('read', { project: 'query', list: true })
  @Contract({
    summary: 'List experiments, sorted and filtered',
    description: LIST_DESCRIPTION,
    tags: ['experiments'],
    query: ZExperimentListQuery,
    responses: { 200: { description: 'A page of experiments and the total count', schema: ZExperimentList } },
  })
  list(@ValidQuery() query: TExperimentListQuery): Promise<TExperimentList> {
    return this.listing.page(query);
  }

  /** POST /experiments/plan: validates like POST /experiments, writes nothing, returns the size. */
  @Post('plan')
  @Access('read')
  @HttpCode(200)
  @Contract({
    summary: 'Check an experiment and compute its size without creating it',
    description: RULES,
    tags: ['experiments'],
    body: ZCreateExperimentRequest,
    responses: { 200: { description: 'The size of the search', schema: ZExperimentPlan } },
  })
  plan(@ValidBody() request: TCreateExperiment): Promise<TExperimentPlan> {
    return this.experiments.plan(request);
  }

  /** POST /experiments: stores the experiment, its trials and folds in one transaction and queues one job per fold. */
  @Post()
  @Access('write', { project: 'body' })
  @Contract({
    summary: 'Create an experiment and queue its training jobs',
    description: RULES,
    tags: ['experiments'],
    body: ZCreateExperimentRequest,
    responses: {
      201: { description: 'The created experiment, every trial queued', schema: ZExperimentDetail },
      503: queueUnreachable('nothing was stored'),
    },
  })
  create(@ValidBody() request: TCreateExperiment): Promise<TExperimentDetail> {
    return this.experiments.create(request);
  }

  /** GET /experiments/:id: a search with every trial, its folds and progress, or a tracked experiment with its notes and run counts. */
  @Get(':id')
  @Access('read', EXPERIMENT)
  @Contract({
    summary: 'Get an experiment',
    description:
      "Either kind, told apart by `kind`: a search ('search', an ExperimentDetail with its trials) or a tracked experiment ('tracked', " +
      'runs logged from code: a TrackedExperimentDetail with its notes and run counts, its status following its runs). A tracked ' +
      "experiment's runs are listed by GET /runs?experiment=<id>.",
    tags: ['experiments'],
    params: ZIdParams,
    responses: {
      200: { description: 'The search with its trials, or the tracked experiment', schema: ZAnyExperimentDetail },
      404: { description: 'No such experiment', schema: ZApiError },
    },
  })
  get(@ValidParams() params: { id: string }): Promise<TAnyExperimentDetail> {
    return this.experiments.get(params.id);
  }

  /** PATCH /experiments/:id: rename, describe, annotate or tag an experiment of either kind, all or nothing. */
  @Patch(':id')
  @Access('write', EXPERIMENT)
  @Contract({
    summary: 'Edit an experiment',
    description:
      'Searches and tracked experiments alike. `name`, `description` and `notes` (markdown) replace what is stored; `tags` merge, as ' +
      'on PATCH /runs/{id}: a value sets a tag, null removes it. Nothing is stored unless everything is.',
    tags: ['experiments'],
    params: ZIdParams,
    body: ZUpdateExperimentRequest,
    responses: {
      200: { description: 'The experiment, as GET /experiments/{id} answers', schema: ZAnyExperimentDetail },
      400: {
        description: "A field is invalid (the message names it), a search's name is too long, or the tags would pass the limit",
        schema: ZApiError,
      },
      404: { description: 'No such experiment', schema: ZApiError },
      409: {
        description: 'The new name is that of another tracked experiment of the project (POST /runs finds them by name)',
        schema: ZApiError,
      },
    },
  })
  update(
    @ValidParams() params: { id: string },
    @ValidBody() request: z.output<typeof ZUpdateExperimentRequest>,
  ): Promise<TAnyExperimentDetail> {
    return this.experiments.update(params.id, request);
  }

  /** GET /experiments/:id/overview: the experiment page's data, bounded whatever the number of trials. */
  @Get(':id/overview')
  @Access('read', EXPERIMENT)
  @Contract({
    summary: "Get an experiment's overview",
    description:
      `Every trial when there are at most ${OVERVIEW_ALL_TRIALS_LIMIT}; above that, only the trials worth watching (running ones, ` +
      'the 10 best, the 10 finished last, the best trial) and totals over the others. Trial counts and the best trial cover every ' +
      `trial. ASHA searches get each rung's outcomes (at most ${RUNG_POINTS_LIMIT} scores per rung).`,
    tags: ['experiments'],
    params: ZIdParams,
    responses: {
      200: { description: 'The experiment, its listed trials and totals over the rest', schema: ZExperimentOverview },
      409: notASearch,
    },
  })
  overview(@ValidParams() params: { id: string }): Promise<TExperimentOverview> {
    return this.experiments.overview(params.id);
  }

  /** POST /experiments/:id/cancel: cancels queued work, flags running work; 409 once finished. */
  @Post(':id/cancel')
  @Access('write', EXPERIMENT)
  @HttpCode(200)
  @Contract({
    summary: 'Cancel an experiment',
    description: 'Queued trials and folds are cancelled and their jobs removed; running folds stop at their next batch.',
    tags: ['experiments'],
    params: ZIdParams,
    responses: {
      200: { description: 'The experiment, cancelled', schema: ZExperimentDetail },
      409: { description: 'The experiment already finished', schema: ZApiError },
    },
  })
  cancel(@ValidParams() params: { id: string }): Promise<TExperimentDetail> {
    return this.experiments.cancel(params.id);
  }

  /** POST /experiments/:id/pause: stops taking new folds; running folds stop at their next batch. */
  @Post(':id/pause')
  @Access('write', EXPERIMENT)
  @HttpCode(200)
  @Contract({
    summary: 'Pause an experiment',
    description:
      'Queued folds are held and their jobs removed; running folds stop at their next batch and restart their current rung on resume. Completed work is kept.',
    tags: ['experiments'],
    params: ZIdParams,
    responses: {
      200: { description: 'The experiment, paused', schema: ZExperimentDetail },
      409: { description: 'The experiment is not queued or running', schema: ZApiError },
    },
  })
  pause(@ValidParams() params: { id: string }): Promise<TExperimentDetail> {
    return this.experiments.pause(params.id);
  }

  /** POST /experiments/:id/resume: queues every paused fold again. */
  @Post(':id/resume')
  @Access('write', EXPERIMENT)
  @HttpCode(200)
  @Contract({
    summary: 'Resume a paused experiment',
    tags: ['experiments'],
    params: ZIdParams,
    responses: {
      200: { description: 'The experiment, queued or running again', schema: ZExperimentDetail },
      409: { description: 'The experiment is not paused', schema: ZApiError },
      503: queueUnreachable('the experiment stays paused'),
    },
  })
  resume(@ValidParams() params: { id: string }): Promise<TExperimentDetail> {
    return this.experiments.resume(params.id);
  }

  /** POST /experiments/:id/refit: retrains the best trial so far of a paused, cancelled or failed search (or a completed one not yet refit) and tests it. */
  @Post(':id/refit')
  @Access('write', EXPERIMENT)
  @HttpCode(202)
  @Contract({
    summary: "Refit an experiment's best trial so far",
    description:
      "Queues the refit job a completed search gets (retrain on every training image, test-set evaluation, model zip) for the leaderboard's " +
      'first trial. Only when nothing trains: a paused search stays paused. Refused while running, while a refit is queued or running, and ' +
      'when that trial was already refit.',
    tags: ['experiments'],
    params: ZIdParams,
    responses: {
      202: { description: 'The refit job was queued', schema: ZRefitQueued },
      409: {
        description: 'The search is running, has no scored trial, or its best trial is refit (or being refit) already',
        schema: ZApiError,
      },
      503: queueUnreachable('nothing was queued'),
    },
  })
  refit(@ValidParams() params: { id: string }): Promise<TRefitQueued> {
    return this.experiments.refitBest(params.id);
  }

  /** GET /experiments/:id/metrics: every epoch row (of every trial, or of the trials asked for), grouped by trial and fold. */
  @Get(':id/metrics')
  @Access('read', EXPERIMENT)
  @Contract({
    summary: 'Epoch metrics of every trial and fold, or of some trials',
    description: 'With `trials`, only those trial numbers (numbers the experiment does not have are left out).',
    tags: ['experiments'],
    params: ZIdParams,
    query: ZExperimentMetricsQuery,
    responses: {
      200: {
        description: 'Epoch curves, by trial number then fold; NaN and ±Infinity values as "NaN", "Infinity", "-Infinity"',
        schema: ZExperimentMetrics,
      },
      409: notASearch,
    },
  })
  async metrics(@ValidParams() params: { id: string }, @ValidQuery() query: TExperimentMetricsQuery): Promise<WireExperimentMetrics> {
    return wireExperimentMetrics(await this.experiments.metrics(params.id, query.trials));
  }

  /** GET /experiments/:id/events: live progress as server-sent events until the client leaves. */
  @Get(':id/events')
  @Access('read', EXPERIMENT)
  @Contract(
    liveStreamContract({
      summary: 'Live progress (server-sent events)',
      carries: 'Every progress event of the experiment.',
      tag: 'experiments',
      missing: 'No such experiment',
    }),
  )
  async events(
    @ValidParams() params: { id: string },
    @ValidQuery() query: TEventStreamQuery,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    const lastEventId = resumeFrom(request.headers['last-event-id'], query);
    return streamSse(request, response, await this.experiments.liveSource(params.id), lastEventId);
  }
}
