import { Inject, Injectable } from '@nestjs/common';
import { logMetricPoints, type MetricPointRow, RUN_WIDE_FOLD } from '@atelier/db';
import { Prisma, type PrismaClient } from '@atelier/db/client';
import type { TListInclude, TParams, TRunFilter, TRunSort, TTagChanges } from '@atelier/domain';
import { inProjects, projectWhere } from '../common/project-scope.sql';
import { listed, LIVE_EXPERIMENT, LIVE_RUN, liveRun } from '../common/lifecycle.sql';
import { lockExperimentName } from '../common/experiment-name-lock';
import { mergedTags } from '../common/tags.sql';
import type { TApiConfig } from '../config';
import { CONFIG, PRISMA } from '../infra/tokens';
import { type AttributeSql, compileFilter, compileSortPhases, MetricJoins } from './run-filter.sql';
import { shownRunStatus, shownRunStatusIs } from './run-status.sql';

type Tx = Prisma.TransactionClient;

/** How many runs `FROM run r JOIN experiment e <joins> WHERE <conditions>` holds, counted up to atMost. */
type Counter = (joins: Prisma.Sql, conditions: Prisma.Sql[], atMost: number) => Prisma.PrismaPromise<[{ n: number }]>;

/** PostgreSQL cancelled the statement for its statement_timeout (SQLSTATE 57014, query_canceled). */
function isStatementTimeout(error: unknown): boolean {
  const meta = (error as { meta?: { driverAdapterError?: { cause?: { code?: string } } } } | null)?.meta;
  return meta?.driverAdapterError?.cause?.code === '57014';
}

/** A run as the lists show it, before the wire encoding (dates and doubles as they came). */
export interface RunRow {
  id: string;
  experimentId: string;
  experimentName: string;
  source: 'search' | 'tracked';
  number: number;
  name: string | null;
  /** The displayed status: the stored one, or 'lost' (see displayStatus). */
  status: string;
  params: unknown;
  tags: unknown;
  createdAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
  lastSeenAt: Date | null;
  archivedAt: Date | null;
}

export interface RunDetailRow extends RunRow {
  notes: string;
  error: string | null;
}

export interface SummaryRow {
  runId: string;
  key: string;
  last: number;
  lastStep: number;
  min: number;
  max: number;
  count: number;
}

export interface ArtifactRow {
  id: string;
  kind: string;
  name: string | null;
  contentType: string | null;
  sizeBytes: bigint;
  sha256: string;
  createdAt: Date;
}

export interface SeriesPointRow {
  key: string;
  fold: number;
  step: number;
  value: number;
  wallTime: Date;
  /** Points stored in this series. */
  total: number;
}

/** The run row a log or an update holds locked while it decides (a log's: after marking it seen). */
export interface LockedRun {
  id: string;
  experimentId: string;
  source: 'search' | 'tracked';
  number: number;
  status: string;
  params: Record<string, unknown>;
  tags: Record<string, unknown>;
}

export interface LogChanges {
  points: MetricPointRow[];
  /** Parameters not stored yet (the service refused any that differ from a stored one). */
  params: TParams;
  tags: Record<string, string>;
}

export interface UpdateChanges {
  /** The stored status a PATCH ends the run with. */
  status?: string;
  name?: string;
  notes?: string;
  tags: TTagChanges;
  /** Why a run that ends as failed failed (kept only when it ends so). */
  error?: string;
}

export interface WriteOutcome {
  experimentId: string;
  status: string;
  lastSeenAt: Date | null;
}

/** Thrown inside a transaction to roll it back with a reason the service turns into an answer. */
export class ExperimentIsASearch extends Error {
  constructor(readonly experimentName: string) {
    super(`experiment '${experimentName}' is a search`);
  }
}

@Injectable()
export class RunsRepository {
  private readonly lostAfterSeconds: number;
  private readonly countLimit: number;
  private readonly countMs: number;
  private readonly walkMs: number;

  constructor(
    @Inject(PRISMA) private readonly prisma: PrismaClient,
    @Inject(CONFIG) config: TApiConfig,
  ) {
    this.lostAfterSeconds = config.ATELIER_RUN_LOST_AFTER_SECONDS;
    this.countLimit = config.ATELIER_RUN_LIST_COUNT_LIMIT;
    this.countMs = config.ATELIER_RUN_LIST_COUNT_MS;
    this.walkMs = config.ATELIER_RUN_LIST_WALK_MS;
  }

  /** The status every answer shows: the stored one, or 'lost' for a silent run (run-status.sql.ts). */
  displayStatus(): Prisma.Sql {
    return shownRunStatus(this.lostAfterSeconds);
  }

  private columns(): Prisma.Sql {
    return Prisma.sql`r.id, r.experiment_id AS "experimentId", e.name AS "experimentName", e.kind AS source, r.number, r.name,
      ${this.displayStatus()} AS status, r.params, r.tags, r.created_at AS "createdAt", r.started_at AS "startedAt",
      r.finished_at AS "finishedAt", r.last_seen_at AS "lastSeenAt", r.archived_at AS "archivedAt"`;
  }

  /**
   * Creates a run in the project's tracked experiment of that name, creating the experiment if the
   * project has none by that name. Two clients creating the first runs of a new experiment at once
   * get one experiment: the lock on the project's experiment name serialises them (and renames). The
   * experiment row's lock then hands out run numbers one at a time.
   */
  async createRun(input: {
    projectId: string;
    experiment: string;
    name?: string;
    params: TParams;
    tags: Record<string, string>;
    notes?: string;
  }): Promise<string> {
    return this.prisma.$transaction(async (tx) => {
      await lockExperimentName(tx, input.projectId, input.experiment);
      const existing = await tx.experiment.findMany({
        where: { projectId: input.projectId, name: input.experiment, ...LIVE_EXPERIMENT },
        select: { id: true, kind: true },
        orderBy: { createdAt: 'asc' },
      });
      let experimentId = existing.find((e) => e.kind === 'tracked')?.id;
      if (!experimentId && existing.length > 0) throw new ExperimentIsASearch(input.experiment);
      if (!experimentId) {
        const created = await tx.experiment.create({
          data: { projectId: input.projectId, kind: 'tracked', name: input.experiment, status: 'running', startedAt: new Date() },
          select: { id: true },
        });
        experimentId = created.id;
      }
      // the row lock is held to the end of the transaction: the next creator reads this run's number
      await tx.$queryRaw`SELECT id FROM experiment WHERE id = ${experimentId}::uuid FOR UPDATE`;
      // An aggregate: always exactly one row.
      const [numbering] = await tx.$queryRaw<[{ next: number }]>`
        SELECT (coalesce(max(number), 0) + 1)::int AS next FROM run WHERE experiment_id = ${experimentId}::uuid`;
      const next = numbering.next;
      const run = await tx.run.create({
        data: {
          experimentId,
          number: next,
          name: input.name ?? null,
          status: 'queued',
          params: input.params,
          tags: input.tags,
          notes: input.notes ?? '',
          lastSeenAt: new Date(),
        },
        select: { id: true },
      });
      await tx.experiment.update({ where: { id: experimentId }, data: { trialCount: next } });
      return run.id;
    });
  }

  private async lock(tx: Tx, id: string): Promise<LockedRun | null> {
    const [run] = await tx.$queryRaw<LockedRun[]>`
      SELECT r.id, r.experiment_id AS "experimentId", e.kind AS source, r.number, r.status, r.params, r.tags
        FROM run r JOIN experiment e ON e.id = r.experiment_id
       WHERE r.id = ${id}::uuid AND ${liveRun('r', 'e')}
         FOR UPDATE OF r`;
    return run ?? null;
  }

  /**
   * One log batch, all or nothing. The first statement locks the run and marks it seen (and
   * running, if it was queued); `decide` checks the batch against the row it returns and throws to
   * refuse, which rolls the touch back too. Then the points go through logMetricPoints (the one
   * write path, which keeps the summaries), and the run takes any parameters and tags it did not
   * have. A log is the hot path (many loggers, many batches a second each): it costs 5 statements
   * inside BEGIN/COMMIT, 4 once the run has its parameters. Null when there is no such run.
   */
  log(id: string, decide: (run: LockedRun) => LogChanges): Promise<(WriteOutcome & { lastSeenAt: Date }) | null> {
    return this.prisma.$transaction(async (tx) => {
      // terminal statuses are left as they are, so `status` is also the status before the log for
      // every run `decide` refuses (a queued run is the only one it changes)
      const [run] = await tx.$queryRaw<(LockedRun & { lastSeenAt: Date })[]>`
        UPDATE run r SET
          last_seen_at = now(),
          status = CASE WHEN r.status = 'queued' THEN 'running' ELSE r.status END,
          started_at = coalesce(r.started_at, now())
          FROM experiment e
         WHERE r.id = ${id}::uuid AND e.id = r.experiment_id AND ${liveRun('r', 'e')}
        RETURNING r.id, r.experiment_id AS "experimentId", e.kind AS source, r.number, r.status, r.params, r.tags, r.last_seen_at AS "lastSeenAt"`;
      if (!run) return null;
      const changes = decide(run);
      await logMetricPoints(tx, id, changes.points);
      if (Object.keys(changes.params).length > 0 || Object.keys(changes.tags).length > 0) {
        await tx.$executeRaw`
          UPDATE run SET params = params || ${JSON.stringify(changes.params)}::jsonb, tags = tags || ${JSON.stringify(changes.tags)}::jsonb
           WHERE id = ${id}::uuid`;
      }
      return { experimentId: run.experimentId, status: run.status, lastSeenAt: run.lastSeenAt };
    });
  }

  /** A PATCH, under the run's lock like a log; `decide` refuses by throwing. Null when there is no such run. */
  update(id: string, decide: (run: LockedRun) => UpdateChanges): Promise<WriteOutcome | null> {
    return this.prisma.$transaction(async (tx) => {
      const run = await this.lock(tx, id);
      if (!run) return null;
      const changes = decide(run);
      const ending = changes.status !== undefined && changes.status !== run.status;
      // The row is locked above, so the UPDATE returns it.
      const [updated] = await tx.$queryRaw<[{ status: string; lastSeenAt: Date | null }]>`
        UPDATE run SET
          name = ${changes.name !== undefined ? Prisma.sql`${changes.name}` : Prisma.sql`name`},
          notes = ${changes.notes !== undefined ? Prisma.sql`${changes.notes}` : Prisma.sql`notes`},
          tags = ${mergedTags('tags', changes.tags)},
          ${ending && changes.status !== undefined ? Prisma.sql`status = ${changes.status}, finished_at = now(), started_at = coalesce(started_at, now()), last_seen_at = now(),` : Prisma.empty}
          ${ending && changes.error !== undefined ? Prisma.sql`error = ${changes.error},` : Prisma.empty}
          id = id
        WHERE id = ${id}::uuid
        RETURNING status, last_seen_at AS "lastSeenAt"`;
      return { experimentId: run.experimentId, ...updated };
    });
  }

  async findDetail(id: string): Promise<RunDetailRow | null> {
    const [row] = await this.prisma.$queryRaw<RunDetailRow[]>`
      SELECT ${this.columns()}, r.notes, r.error
        FROM run r JOIN experiment e ON e.id = r.experiment_id
       WHERE r.id = ${id}::uuid AND ${liveRun('r', 'e')}`;
    return row ?? null;
  }

  async exists(id: string): Promise<boolean> {
    return (await this.prisma.run.count({ where: { id, ...LIVE_RUN } })) > 0;
  }

  summaries(runIds: readonly string[]): Promise<SummaryRow[]> {
    if (runIds.length === 0) return Promise.resolve([]);
    return this.prisma.$queryRaw<SummaryRow[]>`
      SELECT run_id AS "runId", key, last, last_step AS "lastStep", min, max, count
        FROM metric_summary WHERE run_id = ANY(${[...runIds]}::uuid[])
       ORDER BY run_id, key`;
  }

  artifacts(runId: string): Promise<ArtifactRow[]> {
    return this.prisma.artifact.findMany({
      where: { trialId: runId },
      select: { id: true, kind: true, name: true, contentType: true, sizeBytes: true, sha256: true, createdAt: true },
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    });
  }

  /**
   * The (key, fold) pairs a run has points for, by a skip scan of the metric primary key: one
   * index probe per series, however many points each holds.
   */
  series(runId: string): Promise<{ key: string; fold: number }[]> {
    return this.prisma.$queryRaw<{ key: string; fold: number }[]>`
      WITH RECURSIVE pairs AS (
        (SELECT key, fold FROM metric WHERE run_id = ${runId}::uuid ORDER BY key, fold LIMIT 1)
        UNION ALL
        SELECT next.key, next.fold FROM pairs p, LATERAL (
          SELECT m.key, m.fold FROM metric m
           WHERE m.run_id = ${runId}::uuid AND (m.key, m.fold) > (p.key, p.fold)
           ORDER BY m.key, m.fold LIMIT 1
        ) next
      )
      SELECT key, fold::int AS fold FROM pairs`;
  }

  /**
   * The points of a run's series, each series cut to at most `points` rows in PostgreSQL (so
   * memory stays bounded however long a series is). A longer series is split into points/4
   * buckets of equal step width, and each bucket keeps its first and last point and the points
   * of its minimum and maximum (M4 downsampling, as time-series charts use it): a chart drawn
   * from them has the shape, the peaks and the dips of the whole series. NaN is never a bucket's
   * minimum or maximum (a bucket's first or last point may be NaN).
   */
  points(runId: string, keys: readonly string[] | undefined, points: number): Promise<SeriesPointRow[]> {
    const buckets = Math.max(1, Math.floor(points / 4));
    return this.prisma.$queryRaw<SeriesPointRow[]>`
      WITH s AS (
        SELECT key, fold, step, value, wall_time,
               count(*) OVER w AS total, min(step) OVER w AS lo, max(step) OVER w AS hi
          FROM metric
         WHERE run_id = ${runId}::uuid ${keys ? Prisma.sql`AND key = ANY(${[...keys]}::text[])` : Prisma.empty}
        WINDOW w AS (PARTITION BY key, fold)
      ), b AS (
        SELECT *, CASE WHEN total <= ${points} THEN step
                       ELSE floor((step - lo)::float8 * ${buckets} / (hi - lo + 1))::int END AS bucket
          FROM s
      ), ranked AS (
        SELECT *,
               row_number() OVER (PARTITION BY key, fold, bucket ORDER BY step) AS first_rank,
               row_number() OVER (PARTITION BY key, fold, bucket ORDER BY step DESC) AS last_rank,
               row_number() OVER (PARTITION BY key, fold, bucket ORDER BY (value = 'NaN'::float8), value, step) AS min_rank,
               row_number() OVER (PARTITION BY key, fold, bucket ORDER BY (value = 'NaN'::float8), value DESC, step) AS max_rank
          FROM b
      )
      SELECT key, fold::int AS fold, step, value, wall_time AS "wallTime", total::int AS total
        FROM ranked
       WHERE total <= ${points} OR first_rank = 1 OR last_rank = 1
          OR (min_rank = 1 AND value <> 'NaN'::float8) OR (max_rank = 1 AND value <> 'NaN'::float8)
       ORDER BY key, fold, step`;
  }

  /** Experiments of the project with this id or name (several searches may share a name). */
  async experimentsNamed(projectIds: readonly string[] | null, ref: string): Promise<{ id: string }[]> {
    const isUuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(ref);
    return this.prisma.experiment.findMany({
      where: { ...projectWhere(projectIds), OR: [{ name: ref }, ...(isUuid ? [{ id: ref }] : [])], ...LIVE_EXPERIMENT },
      select: { id: true },
    });
  }

  /**
   * One page of runs, filtered and sorted in SQL, and how many runs match, counted up to
   * `countLimit` (ATELIER_RUN_LIST_COUNT_LIMIT) within `countMs` (ATELIER_RUN_LIST_COUNT_MS).
   * Over a million runs (issue 18) neither may touch every matching run: the count stops at
   * countLimit + 1 rows (a LIMIT under count(*)) or at its time, and the page reads the sort's
   * phases (compileSortPhases) in turn with LIMIT, each in an order an index can walk
   * (metric_summary (key, last), run_param_sort, run (created_at), …), asking one row more than
   * the page to know whether another page follows. The two run side by side, on two connections.
   * `total` is exact unless `totalIsLowerBound`: then at least that many runs match.
   */
  async list(query: {
    projectIds: readonly string[] | null;
    experimentIds?: string[];
    filter: TRunFilter | null;
    sort: TRunSort;
    limit: number;
    offset: number;
    include?: TListInclude;
  }): Promise<{ rows: RunRow[]; total: number; totalIsLowerBound: boolean; hasMore: boolean }> {
    const attributes: AttributeSql = {
      status: this.displayStatus(),
      statusIs: (status) => shownRunStatusIs(status, this.lostAfterSeconds),
    };
    // the filter compiled twice, each with its own joins: the count joins only the filter's metrics
    const where = (joins: MetricJoins) => {
      const conditions: Prisma.Sql[] = [inProjects('e.project_id', query.projectIds), liveRun('r', 'e'), listed('r', query.include)];
      if (query.experimentIds?.length === 1) conditions.push(Prisma.sql`r.experiment_id = ${query.experimentIds[0]}::uuid`);
      else if (query.experimentIds) conditions.push(Prisma.sql`r.experiment_id = ANY(${query.experimentIds}::uuid[])`);
      if (query.filter) conditions.push(compileFilter(query.filter, joins, attributes));
      return conditions;
    };
    const countJoins = new MetricJoins();
    const countWhere = where(countJoins);
    const matching: Counter = (joins, conditions, atMost) => this.prisma.$queryRaw<[{ n: number }]>`
      SELECT count(*)::int AS n FROM (
        SELECT 1 FROM run r JOIN experiment e ON e.id = r.experiment_id ${joins}
         WHERE ${Prisma.join(conditions, ' AND ')} LIMIT ${atMost}
      ) m`;
    const cap = this.countLimit;
    const [counted, page] = await Promise.all([
      this.countWithin(this.countMs, matching(countJoins.sql(), countWhere, cap + 1)),
      this.page(query, where, attributes, matching),
    ]);
    const { rows, hasMore } = page;
    const seen = query.offset + rows.length;
    // the last page knows the total; out of time, the runs listed so far are a lower bound
    if (!hasMore) return { rows, total: seen, totalIsLowerBound: false, hasMore };
    if (counted === null) return { rows, total: seen, totalIsLowerBound: true, hasMore };
    const totalIsLowerBound = counted > cap;
    return { rows, total: totalIsLowerBound ? Math.max(cap, seen) : counted, totalIsLowerBound, hasMore };
  }

  /**
   * Runs `count` in a transaction whose statement_timeout is `ms`: its result, or null when
   * PostgreSQL stopped it for taking longer (SQLSTATE 57014). A filter that matches few of many
   * runs (12,000 of a million, spread over every page of the table) costs a second to count even
   * to 10,001; the page beside it costs tens of milliseconds.
   */
  private async countWithin(ms: number, count: Prisma.PrismaPromise<[{ n: number }]>): Promise<number | null> {
    try {
      const [, [counted]] = await this.prisma.$transaction([
        this.prisma.$queryRaw`SELECT set_config('statement_timeout', ${String(ms)}, true)`,
        count,
      ]);
      return counted.n;
    } catch (error) {
      if (isStatementTimeout(error)) return null;
      throw error;
    }
  }

  /**
   * One phase's rows: walked in its index order within `walkMs` (ATELIER_RUN_LIST_WALK_MS), else
   * read without ordered index scans (PostgreSQL then finds the matches through the filter's
   * indexes, bitmaps, and sorts them). A walk stops after the page's rows, but it reads every run
   * that sorts before them: when the filter's matches sit late in the sort's order (every run of
   * user-7 failed, sorted by status: 750,000 completed runs walked to find none), the walk reads
   * nearly the whole table, where the filter alone finds 50,000. PostgreSQL's estimate assumes
   * the two independent, so it picks the walk; the budget catches it at its cost.
   */
  private async phaseRows(
    filtered: boolean,
    query: () => Prisma.PrismaPromise<RunRow[]>,
    read: () => Prisma.PrismaPromise<RunRow[]> = query,
  ): Promise<RunRow[]> {
    // unfiltered, every run walked is listed: a walk reads the page, however long it takes here
    if (!filtered) return query();
    if (this.walkMs > 0) {
      try {
        const [, rows] = await this.prisma.$transaction(
          [this.prisma.$queryRaw`SELECT set_config('statement_timeout', ${String(this.walkMs)}, true)`, query()],
          { maxWait: 10_000 },
        );
        return rows;
      } catch (error) {
        if (!isStatementTimeout(error)) throw error;
      }
    }
    // Prisma ends a transaction after 5 s by default: this read is the list as it was before the
    // walks (every match read and sorted), which a loaded machine may take longer over
    const [, rows] = await this.prisma.$transaction(
      [this.prisma.$queryRaw`SELECT set_config('enable_indexscan', 'off', true), set_config('enable_indexonlyscan', 'off', true)`, read()],
      { maxWait: 10_000, timeout: 120_000 },
    );
    return rows;
  }

  /** The page of `list`: its sort's phases read in turn until limit + 1 runs are found. */
  private async page(
    query: { sort: TRunSort; filter: TRunFilter | null; experimentIds?: string[]; limit: number; offset: number },
    where: (joins: MetricJoins) => Prisma.Sql[],
    attributes: AttributeSql,
    matching: Counter,
  ): Promise<{ rows: RunRow[]; hasMore: boolean }> {
    const joins = new MetricJoins();
    const conditions = where(joins);
    const phases = compileSortPhases(query.sort, joins, attributes, query.filter);
    const rows: RunRow[] = [];
    let wanted = query.limit + 1;
    let skip = query.offset;
    for (const phase of phases) {
      const inPhase = [...conditions, phase.condition];
      const select = (join: Prisma.Sql, condition: Prisma.Sql, order: Prisma.Sql) => () => this.prisma.$queryRaw<RunRow[]>`
          SELECT ${this.columns()}
            FROM run r JOIN experiment e ON e.id = r.experiment_id ${joins.sql()} ${join}
           WHERE ${Prisma.join([...conditions, condition], ' AND ')}
           ORDER BY ${order}
           LIMIT ${wanted} OFFSET ${skip}`;
      const found = await this.phaseRows(
        query.filter !== null || query.experimentIds !== undefined,
        select(phase.join ?? Prisma.empty, phase.condition, phase.order),
        phase.read ? select(Prisma.empty, phase.read.condition, phase.read.order) : undefined,
      );
      rows.push(...found);
      wanted -= found.length;
      if (wanted === 0) break;
      // a phase that ended inside the page had exactly skip + found runs; one that ended before it
      // (a cursor past its end) is counted, up to skip, to know how far into the next to start
      if (found.length > 0 || skip === 0) skip = 0;
      else skip -= (await matching(Prisma.sql`${joins.sql()} ${phase.join ?? Prisma.empty}`, inPhase, skip))[0].n;
    }
    return { rows: rows.slice(0, query.limit), hasMore: rows.length > query.limit };
  }
}

export { RUN_WIDE_FOLD };
