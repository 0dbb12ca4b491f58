import { Controller, Get, HttpCode, Patch, Post, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import {
  RUN_LIMITS,
  SERIES_POINTS_LIMIT,
  EVALUATION_LIMITS,
  type TEvaluation,
  type TEventStreamQuery,
  type TLogResponse,
  type TRunDetail,
  type TRunEvaluations,
  type TRunList,
  type TRunListQuery,
  type TRunMetrics,
  ZApiError,
  ZCreateRunRequest,
  ZEvaluation,
  ZLogEvaluationRequest,
  ZLogRequest,
  ZLogResponse,
  ZRunDetail,
  ZRunEvaluations,
  ZRunList,
  ZRunListQuery,
  ZRunMetrics,
  ZRunMetricsQuery,
  ZUpdateRunRequest,
} from '@atelier/domain';
import type { z } from 'zod';
import { Contract, ValidBody, ValidParams, ValidQuery } from '../common/contract';
import { ZIdParams } from '../common/schemas';
import { liveStreamContract, resumeFrom, streamSse } from '../common/sse';
import { ValidLogBody } from './run-request';
import { RunEvaluationsService } from './run-evaluations.service';
import { RunsService } from './runs.service';
import { Access, InProject, Scope } from '../auth/access.decorator';
import type { ProjectScope, RequestAccess } from '../auth/principal';

const DATABASE_DOWN = { description: 'PostgreSQL is unreachable; nothing was changed', schema: ZApiError };

const FILTER_DESCRIPTION =
  '`filter`: comparisons (= != < <= > >=, `in (…)`, `not in (…)`, `contains`, `like`, `ilike`, `is null`, `is not null`) of ' +
  '`params.<key>` (typed: numbers compare as numbers, text as text, true/false), `metrics.<key>` (its last value; ' +
  '`metrics.<key>.min` and `.max` too), `tags.<key>` (text) and `attributes.<name>` (id, name, number, status, source, ' +
  'experiment, created, started, finished, lastSeen), joined with `and`, `or`, `not` and parentheses. Keys with other ' +
  "characters go in backticks: params.`my key`. Example: `params.optimizer = 'adam' and metrics.val_accuracy > 0.9`. " +
  'A comparison with a field the run lacks is false; a NaN metric compares false. `sort`: one of those fields, then ' +
  '`asc` (default) or `desc`; runs without a value (or at NaN) come last either way, ties by id (in the direction of the sort). Default: newest first. ' +
  'A filter or sort that does not parse is a 400 whose `position` is the 0-based offset of the problem. Pages: pass ' +
  '`nextCursor` back as `cursor` with the same experiment, filter and sort.';

const TOTAL_DESCRIPTION =
  '`total` counts the matching runs up to 10,000 (ATELIER_RUN_LIST_COUNT_LIMIT) within 50 ms (ATELIER_RUN_LIST_COUNT_MS): ' +
  'when more match it is 10,000, and when counting takes longer it is the runs listed up to this page; either way ' +
  '`totalIsLowerBound` is true (at least `total` runs match). The last page always has the exact total.';

const RUN = { resource: 'run' } as const;

/** Runs logged from code (and the trials of searches, which are runs too): create, log, end, list, read. */
@Controller('runs')
export class RunsController {
  constructor(
    private readonly runs: RunsService,
    private readonly evaluations: RunEvaluationsService,
  ) {}

  /** POST /runs: a queued run in the tracked experiment of that name (created if missing), numbered next in it. */
  @Post()
  @Access('write', { project: 'body' })
  @Contract({
    summary: 'Create a run',
    description:
      'The experiment is named, not referenced: the project gets a tracked experiment of that name on its first run. Parameters may ' +
      'be nested objects (flattened to dotted keys); each value must be a number, a string or a boolean. The run is queued until it ' +
      'first logs.',
    tags: ['runs'],
    body: ZCreateRunRequest,
    responses: {
      201: { description: 'The run', schema: ZRunDetail },
      400: { description: 'A parameter, tag or field is invalid; the message names it', schema: ZApiError },
      409: { description: 'The name is that of a search', schema: ZApiError },
      503: DATABASE_DOWN,
    },
  })
  create(@ValidBody() request: z.output<typeof ZCreateRunRequest>, @InProject() project: ProjectScope): Promise<TRunDetail> {
    return this.runs.create(request, project.id);
  }

  /** GET /runs: a page of runs, filtered and sorted, with the total that match. */
  @Get()
  @Access('read', { project: 'query', list: true })
  @Contract({
    summary: 'List runs, filtered and sorted',
    description: `Runs logged from code and the trials of searches alike. ${FILTER_DESCRIPTION} ${TOTAL_DESCRIPTION}`,
    tags: ['runs'],
    query: ZRunListQuery,
    responses: {
      200: { description: 'A page of runs and the number that match', schema: ZRunList },
      400: { description: 'The filter, the sort or the cursor is invalid (with the position of the problem)', schema: ZApiError },
      404: { description: 'No experiment has that id or name', schema: ZApiError },
      503: DATABASE_DOWN,
    },
  })
  list(@ValidQuery() query: TRunListQuery, @Scope() scope: RequestAccess): Promise<TRunList> {
    return this.runs.list(query, scope.projectIds);
  }

  /** GET /runs/:id: the run with its parameters, tags, notes, metric summaries, folds and artifacts. */
  @Get(':id')
  @Access('read', RUN)
  @Contract({
    summary: 'Get a run',
    tags: ['runs'],
    params: ZIdParams,
    responses: {
      200: { description: 'The run', schema: ZRunDetail },
      404: { description: 'No such run', schema: ZApiError },
      503: DATABASE_DOWN,
    },
  })
  get(@ValidParams() params: { id: string }): Promise<TRunDetail> {
    return this.runs.get(params.id);
  }

  /** POST /runs/:id/log: one batch of metric points, parameters and tags, stored all or nothing; sending it again changes nothing. */
  @Post(':id/log')
  @Access('write', RUN)
  @HttpCode(200)
  @Contract({
    summary: 'Log metrics, parameters and tags to a run',
    description:
      `At most ${RUN_LIMITS.pointsPerLog} points per batch. A point is (key, fold, step): sent again, it replaces itself, so a batch can be ` +
      'retried safely. Values are numbers or the strings "NaN", "Infinity", "-Infinity". A parameter is set once: the same value ' +
      'again is fine, another is a 409. A queued run starts running at its first log. Live: a `run` event on GET /runs/{id}/events ' +
      'and GET /experiments/{experimentId}/events.',
    tags: ['runs'],
    params: ZIdParams,
    body: ZLogRequest,
    responses: {
      200: { description: 'The whole batch was stored', schema: ZLogResponse },
      400: {
        description: 'A point, parameter or tag is invalid; the message names its index or key. Nothing was stored',
        schema: ZApiError,
      },
      404: { description: 'No such run', schema: ZApiError },
      409: {
        description: 'The run has ended, is a search trial, or a parameter was logged before with another value. Nothing was stored',
        schema: ZApiError,
      },
      413: { description: `More than ${RUN_LIMITS.pointsPerLog} points. Nothing was stored`, schema: ZApiError },
      503: DATABASE_DOWN,
    },
  })
  log(@ValidParams() params: { id: string }, @ValidLogBody() request: z.output<typeof ZLogRequest>): Promise<TLogResponse> {
    return this.runs.log(params.id, request);
  }

  /** PATCH /runs/:id: end the run, rename it, replace its notes, set or remove tags. */
  @Patch(':id')
  @Access('write', RUN)
  @Contract({
    summary: 'End or edit a run',
    description:
      '`status` ends a run logged from code: finished, failed or killed (shown as completed, failed, cancelled). Ending it again with ' +
      'the same status is harmless; with another one, a 409. Tags merge: a value sets a tag, null removes it.',
    tags: ['runs'],
    params: ZIdParams,
    body: ZUpdateRunRequest,
    responses: {
      200: { description: 'The run', schema: ZRunDetail },
      404: { description: 'No such run', schema: ZApiError },
      409: {
        description: 'The run ended already with another status, or is a search trial (whose status follows its search)',
        schema: ZApiError,
      },
      503: DATABASE_DOWN,
    },
  })
  update(@ValidParams() params: { id: string }, @ValidBody() request: z.output<typeof ZUpdateRunRequest>): Promise<TRunDetail> {
    return this.runs.update(params.id, request);
  }

  /** GET /runs/:id/metrics: the series of the run per key and fold, downsampled on request. */
  @Get(':id/metrics')
  @Access('read', RUN)
  @Contract({
    summary: "A run's metric series",
    description:
      'One series per key and fold (fold null: the run as a whole). With `points`, a longer series is cut to at most that many points ' +
      'by equal-width step buckets that each keep their first, last, minimum and maximum point (M4), so the curve keeps its shape and ' +
      `its extremes. Without it, every point up to ${SERIES_POINTS_LIMIT} per series.`,
    tags: ['runs'],
    params: ZIdParams,
    query: ZRunMetricsQuery,
    responses: {
      200: { description: 'The series', schema: ZRunMetrics },
      404: { description: 'No such run', schema: ZApiError },
      503: DATABASE_DOWN,
    },
  })
  metrics(@ValidParams() params: { id: string }, @ValidQuery() query: z.output<typeof ZRunMetricsQuery>): Promise<TRunMetrics> {
    return this.runs.metrics(params.id, query);
  }

  /** POST /runs/:id/evaluations: a confusion matrix logged from code becomes the run's evaluation of that split, scored like a search's. */
  @Post(':id/evaluations')
  @Access('write', RUN)
  @Contract({
    summary: 'Log an evaluation (a confusion matrix) to a run',
    description:
      'counts[true][predicted] over the class names; the API computes accuracy, per-class precision, recall, F1 and support, macro ' +
      "and weighted averages and the top confusions with the rule the workers use for a search's trials. One evaluation per run and " +
      `split: logging one again replaces it, so a retried request stores one. At most ${EVALUATION_LIMITS.classes} classes. A run that ` +
      'has ended may still log one (a model is evaluated once trained).',
    tags: ['runs'],
    params: ZIdParams,
    body: ZLogEvaluationRequest,
    responses: {
      201: { description: 'The stored evaluation', schema: ZEvaluation },
      400: {
        description:
          'The matrix is not square over the class names, a count is negative or fractional, or a class name is missing or repeated',
        schema: ZApiError,
      },
      404: { description: 'No such run', schema: ZApiError },
      409: { description: "The run is a search's trial, which the workers evaluate", schema: ZApiError },
      503: DATABASE_DOWN,
    },
  })
  logEvaluation(@ValidParams() params: { id: string }, @ValidBody() request: z.output<typeof ZLogEvaluationRequest>): Promise<TEvaluation> {
    return this.evaluations.log(params.id, request);
  }

  /** GET /runs/:id/evaluations: the run's evaluations, a search trial's or logged from code. */
  @Get(':id/evaluations')
  @Access('read', RUN)
  @Contract({
    summary: "A run's evaluations",
    description: "A search trial's out-of-fold and test evaluations (with their sample predictions), or those logged from code.",
    tags: ['runs'],
    params: ZIdParams,
    responses: {
      200: { description: "'validation' first, then 'test'; newest first within a split", schema: ZRunEvaluations },
      404: { description: 'No such run', schema: ZApiError },
      503: DATABASE_DOWN,
    },
  })
  listEvaluations(@ValidParams() params: { id: string }): Promise<TRunEvaluations> {
    return this.evaluations.list(params.id);
  }

  /** GET /runs/:id/events: the run's live progress as server-sent events until the client leaves. */
  @Get(':id/events')
  @Access('read', RUN)
  @Contract(
    liveStreamContract({
      summary: "A run's live progress (server-sent events)",
      carries:
        'The `run` events of its logs and status changes (and, for a search trial, its training events), as on the experiment stream.',
      tag: 'runs',
      missing: 'No such run',
    }),
  )
  async events(
    @ValidParams() params: { id: string },
    @ValidQuery() query: TEventStreamQuery,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    const lastEventId = resumeFrom(request.headers['last-event-id'], query);
    return streamSse(request, response, await this.runs.liveSource(params.id), lastEventId);
  }
}
