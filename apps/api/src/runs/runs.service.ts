import { createHash } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import type { MetricPointRow } from '@atelier/db';
import { RUN_WIDE_FOLD } from '@atelier/db';
import {
  checkTransition,
  fromWireNumber,
  isTerminalTrial,
  normalizeParams,
  paramConflicts,
  parseRunFilter,
  parseRunSort,
  RUN_END_STATUSES,
  RUN_LIMITS,
  SERIES_POINTS_LIMIT,
  splitTagPatch,
  tagCountOverLimit,
  toWireNumber,
  type TLogResponse,
  type TMetricSeries,
  type TParamValue,
  type TProgressEnvelope,
  type TProgressEvent,
  type TRunDetail,
  type TRunList,
  type TRunListQuery,
  type TRunMetrics,
  type TRunSummary,
  type TTagChanges,
  type TTrialStatus,
  ZCreateRunRequest,
  ZLogRequest,
  ZRunDetail,
  ZUpdateRunRequest,
} from '@atelier/domain';
import type { LiveSource } from '../common/sse';
import type { z } from 'zod';
import { badRequest, conflict, notFound } from '../common/api-exception';
import { ProgressHub } from '../progress/progress-hub';
import { ProgressPublisher } from '../progress/progress-publisher';
import { ProjectsRepository } from '../projects/projects.repository';
import { PointAppender } from './point-appender';
import { filterError, invalidRunRequest } from './run-request';
import { primitives, strings, toMetricSummary } from './run-summary.mapper';
import { ExperimentIsASearch, type LockedRun, type RunDetailRow, type RunRow, RunsRepository, type SummaryRow } from './runs.repository';

type CreateRequest = z.output<typeof ZCreateRunRequest>;
type LogRequest = z.output<typeof ZLogRequest>;
type UpdateRequest = z.output<typeof ZUpdateRunRequest>;
type TUpdateStatusWord = NonNullable<UpdateRequest['status']>;

/** A Redis outage is reported at most this often: a logging client keeps going without live progress. */
const PUBLISH_WARNING_INTERVAL_MS = 30_000;

const iso = (date: Date | null) => (date ? date.toISOString() : null);
const shown = (value: TParamValue) => JSON.stringify(value);

/** Offset cursors carry a digest of the query they page through, so one cannot be replayed against another. */
function queryDigest(query: Pick<TRunListQuery, 'experiment' | 'filter' | 'sort' | 'include'>): string {
  return (
    createHash('sha256')
      // include only when given, so that cursors issued before it existed stay valid
      .update(JSON.stringify([query.experiment ?? null, query.filter ?? '', query.sort ?? '', ...(query.include ? [query.include] : [])]))
      .digest('base64url')
      .slice(0, 16)
  );
}

export function encodeCursor(offset: number, digest: string): string {
  return Buffer.from(JSON.stringify({ o: offset, q: digest })).toString('base64url');
}

export function decodeCursor(cursor: string, digest: string): number {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    parsed = null;
  }
  const { o, q } = (parsed ?? {}) as { o?: unknown; q?: unknown };
  if (typeof o !== 'number' || !Number.isInteger(o) || o < 0 || typeof q !== 'string') {
    throw badRequest('Invalid query parameter: cursor is not one this list gave out; leave it out to start from the first page.', [
      { path: 'cursor', message: 'not a cursor of this list' },
    ]);
  }
  if (q !== digest) {
    throw badRequest(
      'Invalid query parameter: cursor belongs to another query (its experiment, filter or sort differ); leave it out to start from the first page.',
      [{ path: 'cursor', message: 'belongs to another query' }],
    );
  }
  return o;
}

@Injectable()
export class RunsService {
  private readonly logger = new Logger('RunsService');
  private lastPublishWarning = 0;

  constructor(
    private readonly runs: RunsRepository,
    private readonly appender: PointAppender,
    private readonly projects: ProjectsRepository,
    private readonly publisher: ProgressPublisher,
    private readonly hub: ProgressHub,
  ) {}

  /** Calls `listener` with the live events of this run (its logs and status; a search trial's training too). */
  /**
   * The run's live stream (GET /runs/:id/events): the events of its experiment that concern it,
   * and as the snapshot's state the run as GET /runs/:id answers.
   */
  async liveSource(id: string): Promise<LiveSource> {
    const run = await this.runs.findDetail(id);
    if (!run) throw notFound(`Run ${id} not found.`);
    const concerns = ({ event }: TProgressEnvelope) =>
      (event.type === 'run' && event.runId === id) || ('trialId' in event && event.trialId === id);
    return {
      experimentId: run.experimentId,
      subscribe: (send) => Promise.resolve(this.hub.subscribe(run.experimentId, (envelope) => concerns(envelope) && send(envelope))),
      replay: async (afterId) => {
        const replay = await this.hub.replay(run.experimentId, afterId);
        return { ...replay, events: replay.events.filter(concerns) };
      },
      head: () => this.hub.head(run.experimentId),
      state: async () => ZRunDetail.encode(await this.get(id)),
    };
  }

  /** Creates a run (queued until it first logs) in the tracked experiment of that name, created if missing. */
  async create(request: CreateRequest, projectId: string): Promise<TRunDetail> {
    const { params, issues } = normalizeParams(request.params ?? {});
    if (issues.length > 0) throw invalidRunRequest('run', issues);
    let id: string;
    try {
      id = await this.runs.createRun({
        projectId,
        experiment: request.experiment,
        name: request.name,
        params,
        tags: request.tags ?? {},
        notes: request.notes,
      });
    } catch (error) {
      if (error instanceof ExperimentIsASearch) {
        throw conflict(
          `'${error.experimentName}' is the name of a search. Runs logged from code go to experiments of their own: choose another experiment name.`,
        );
      }
      throw error;
    }
    const run = await this.get(id);
    this.publish({ type: 'run', experimentId: run.experimentId, runId: id, status: 'queued', lastSeenAt: run.lastSeenAt, points: [] });
    return run;
  }

  /**
   * Stores one batch of a run's metrics, parameters and tags, all or nothing. Refusals, each
   * before anything is written: 404 no such run, 409 a search's trial or an ended run or a
   * parameter sent with another value than the one stored, 400 a limit. (413 and point-level
   * 400s are the request's, see ValidLogBody.)
   */
  async log(id: string, request: LogRequest): Promise<TLogResponse> {
    const { params, issues } = normalizeParams(request.params ?? {});
    if (issues.length > 0) throw invalidRunRequest('log batch', issues);
    const received = new Date();
    const points: MetricPointRow[] = (request.metrics ?? []).map((point) => ({
      key: point.key,
      step: point.step,
      value: fromWireNumber(point.value),
      fold: point.fold ?? RUN_WIDE_FOLD,
      wallTime: point.timestamp !== undefined ? new Date(point.timestamp) : received,
    }));
    const tags = request.tags ?? {};

    // Most batches are metrics only: they are written in groups (PointAppender), anything else
    // (and every refusal) on the locked path, which runs the checks below against the run it holds.
    const appended = Object.keys(params).length === 0 && Object.keys(tags).length === 0 ? await this.appender.append(id, points) : null;
    const outcome =
      appended ??
      (await this.runs.log(id, (run) => {
        this.checkWritable(run, 'log');
        const conflicts = paramConflicts(run.params, params);
        if (conflicts.length > 0) {
          const list = conflicts.map((c) => `'${c.key}' is ${shown(c.stored)}, this batch sends ${shown(c.sent)}`).join('; ');
          throw conflict(
            `Parameters are set once per run: ${list}. Log a changing value as a metric, or start a new run. Nothing was stored.`,
          );
        }
        const newParams = Object.fromEntries(Object.entries(params).filter(([key]) => !Object.hasOwn(run.params, key)));
        const paramCount = Object.keys(run.params).length + Object.keys(newParams).length;
        if (paramCount > RUN_LIMITS.params)
          throw badRequest(`A run holds at most ${RUN_LIMITS.params} parameters; this batch would make ${paramCount}. Nothing was stored.`);
        this.checkTagCount(run, { set: tags, remove: [] });
        return { points, params: newParams, tags };
      }));
    if (!outcome) throw notFound(`Run ${id} not found.`);

    this.publish({
      type: 'run',
      experimentId: outcome.experimentId,
      runId: id,
      status: outcome.status as TTrialStatus,
      lastSeenAt: iso(outcome.lastSeenAt),
      points: points.map((p) => ({
        key: p.key,
        fold: p.fold === RUN_WIDE_FOLD ? null : p.fold,
        step: p.step,
        value: p.value,
        time: p.wallTime.toISOString(),
      })),
    });
    return { runId: id, points: points.length, status: outcome.status as TTrialStatus, lastSeenAt: outcome.lastSeenAt.toISOString() };
  }

  /** Ends a run (finished, failed, killed) and/or renames it, replaces its notes, sets or removes tags. */
  async update(id: string, request: UpdateRequest): Promise<TRunDetail> {
    const tags = splitTagPatch(request.tags);
    const status = request.status ? RUN_END_STATUSES[request.status] : undefined;
    const outcome = await this.runs.update(id, (run) => {
      if (status !== undefined && status !== run.status) {
        if (run.source === 'search') {
          throw conflict(
            `Run ${run.number} is a trial of a search: its status follows the search. Cancel the search instead (POST /experiments/${run.experimentId}/cancel).`,
          );
        }
        if (request.status) this.checkWritable(run, request.status); // set: status came from it
        // ended before it logged anything: it ran from its creation until now (queued → running → the end)
        const check = checkTransition('run', run.status === 'queued' ? 'running' : run.status, status);
        if (!check.ok) throw conflict(check.message);
      }
      this.checkTagCount(run, tags);
      return { status, name: request.name, notes: request.notes, tags, error: request.error };
    });
    if (!outcome) throw notFound(`Run ${id} not found.`);
    const run = await this.get(id);
    this.publish({
      type: 'run',
      experimentId: outcome.experimentId,
      runId: id,
      status: outcome.status as TTrialStatus,
      lastSeenAt: iso(outcome.lastSeenAt),
      points: [],
    });
    return run;
  }

  /** A search's trial is logged by its workers; an ended run keeps what it logged. */
  private checkWritable(run: LockedRun, action: 'log' | TUpdateStatusWord): void {
    if (run.source === 'search' && action === 'log') {
      throw conflict(
        `Run ${run.number} is a trial of a search: Atelier's workers log its metrics. Log from code to a run created with POST /runs.`,
      );
    }
    if (isTerminalTrial(run.status)) {
      const ended = Object.entries(RUN_END_STATUSES).find(([, stored]) => stored === run.status)?.[0] ?? run.status;
      throw conflict(
        action === 'log'
          ? `Run ${run.number} has ended (${ended}): nothing more can be logged to it, and nothing of this batch was stored. Start a new run to log more.`
          : `Run ${run.number} has ended (${ended}); it cannot be marked as ${action} now.`,
      );
    }
  }

  private checkTagCount(run: LockedRun, changes: TTagChanges): void {
    const count = tagCountOverLimit(run.tags, changes);
    if (count !== null) throw badRequest(`A run holds at most ${RUN_LIMITS.tags} tags; this would make ${count}. Nothing was stored.`);
  }

  async get(id: string): Promise<TRunDetail> {
    const row = await this.runs.findDetail(id);
    if (!row) throw notFound(`Run ${id} not found.`);
    const [summaries, artifacts, series] = await Promise.all([this.runs.summaries([id]), this.runs.artifacts(id), this.runs.series(id)]);
    return this.toDetail(row, summaries, artifacts, series);
  }

  /** GET /runs: runs of every experiment of the project, or of the one named, filtered, sorted and paged. */
  /** `projectIds`: the projects listed (null: every project). */
  async list(query: TRunListQuery, projectIds: readonly string[] | null): Promise<TRunList> {
    const filter = parseRunFilter(query.filter ?? '');
    if (!filter.ok) throw filterError('filter', filter.error);
    const sort = parseRunSort(query.sort ?? '');
    if (!sort.ok) throw filterError('sort', sort.error);
    const digest = queryDigest(query);
    const offset = query.cursor ? decodeCursor(query.cursor, digest) : 0;
    let experimentIds: string[] | undefined;
    if (query.experiment !== undefined) {
      experimentIds = (await this.runs.experimentsNamed(projectIds, query.experiment)).map((e) => e.id);
      if (experimentIds.length === 0) throw notFound(`No experiment has the id or name '${query.experiment}'.`);
    }
    const { rows, total, totalIsLowerBound, hasMore } = await this.runs.list({
      projectIds,
      experimentIds,
      filter: filter.value,
      sort: sort.value,
      limit: query.limit,
      offset,
      include: query.include,
    });
    const summaries = await this.runs.summaries(rows.map((row) => row.id));
    const byRun = new Map<string, SummaryRow[]>();
    for (const summary of summaries) byRun.set(summary.runId, [...(byRun.get(summary.runId) ?? []), summary]);
    const next = offset + rows.length;
    return {
      items: rows.map((row) => this.toSummary(row, byRun.get(row.id) ?? [])),
      nextCursor: hasMore ? encodeCursor(next, digest) : null,
      total,
      totalIsLowerBound,
    };
  }

  /** Every series of the run (or of the keys asked for), per key and fold, downsampled to `points` when asked. */
  async metrics(id: string, query: { keys?: string[]; points?: number }): Promise<TRunMetrics> {
    if (!(await this.runs.exists(id))) throw notFound(`Run ${id} not found.`);
    const rows = await this.runs.points(id, query.keys, query.points ?? SERIES_POINTS_LIMIT);
    const series: TMetricSeries[] = [];
    let current: TMetricSeries | null = null;
    let currentFold = Number.NaN;
    for (const row of rows) {
      if (!current || current.key !== row.key || currentFold !== row.fold) {
        current = { key: row.key, fold: row.fold === RUN_WIDE_FOLD ? null : row.fold, count: row.total, downsampled: false, points: [] };
        currentFold = row.fold;
        series.push(current);
      }
      current.points.push({ step: row.step, value: toWireNumber(row.value), time: row.wallTime.toISOString() });
    }
    for (const s of series) s.downsampled = s.points.length < s.count;
    return { runId: id, series };
  }

  private toSummary(row: RunRow, summaries: readonly SummaryRow[]): TRunSummary {
    return {
      id: row.id,
      experimentId: row.experimentId,
      experimentName: row.experimentName,
      source: row.source,
      number: row.number,
      name: row.name,
      status: row.status as TRunSummary['status'],
      params: primitives(row.params),
      tags: strings(row.tags),
      metrics: Object.fromEntries(summaries.map((summary) => [summary.key, toMetricSummary(summary)])),
      createdAt: row.createdAt.toISOString(),
      startedAt: iso(row.startedAt),
      finishedAt: iso(row.finishedAt),
      lastSeenAt: iso(row.lastSeenAt),
      archivedAt: iso(row.archivedAt),
    };
  }

  private toDetail(
    row: RunDetailRow,
    summaries: readonly SummaryRow[],
    artifacts: Awaited<ReturnType<RunsRepository['artifacts']>>,
    series: readonly { key: string; fold: number }[],
  ): TRunDetail {
    return {
      ...this.toSummary(row, summaries),
      notes: row.notes,
      error: row.error,
      folds: [...new Set(series.map((s) => s.fold).filter((fold) => fold !== RUN_WIDE_FOLD))].sort((a, b) => a - b),
      artifacts: artifacts.map((a) => ({
        id: a.id,
        kind: a.kind === 'model' ? 'model' : 'file',
        name: a.name,
        contentType: a.contentType,
        sizeBytes: Number(a.sizeBytes),
        sha256: a.sha256,
        createdAt: a.createdAt.toISOString(),
      })),
    };
  }

  /** Live progress is a courtesy: a Redis outage never fails (or slows) a log that PostgreSQL stored. */
  private publish(event: TProgressEvent): void {
    this.publisher.publish(event).catch((error: unknown) => {
      const now = Date.now();
      if (now - this.lastPublishWarning < PUBLISH_WARNING_INTERVAL_MS) return;
      this.lastPublishWarning = now;
      this.logger.warn(`live progress of runs is not published (${(error as Error).message}); logs are stored all the same`);
    });
  }
}
