import { Inject, Injectable } from '@nestjs/common';
import { inProjects } from '../common/project-scope.sql';
import { Prisma, type PrismaClient } from '@atelier/db/client';
import { EXPERIMENT_STATUSES, type TExperimentListQuery, type TExperimentSortField, type TSortOrder } from '@atelier/domain';
import { listed, liveExperiment, liveRun } from '../common/lifecycle.sql';
import { PRISMA } from '../infra/tokens';
import type { ExperimentSummaryRow } from './experiment.mapper';
import { ExperimentStatusSql } from './experiment-status.sql';

export type ExperimentListFilters = Pick<TExperimentListQuery, 'status' | 'dataset' | 'strategy' | 'q' | 'include'> & {
  /** undefined or null: every project */
  projectIds?: readonly string[] | null;
};

/**
 * The best trial of experiment `e`: the one the worker records at every settle by the one
 * best-run rule (@atelier/domain pickBestRun), so the list, its sort and the experiment page name
 * the same trial while a search runs. One probe of the trial's primary key: no trial is read
 * into Node, and no second copy of the rule is written in SQL.
 */
const recordedBestTrial = (e: Prisma.Sql) => Prisma.sql`
  LEFT JOIN LATERAL (
    SELECT bt.id, bt.number, bt.mean_val_accuracy, bt.std_val_accuracy
      FROM run bt
     WHERE bt.id = ${e}.best_trial_id AND bt.experiment_id = ${e}.id AND bt.mean_val_accuracy IS NOT NULL
  ) best ON true`;

/**
 * The SQL expression behind each sort key (whitelisted: never user text). Status and finish time
 * are the shown ones (a tracked experiment's follow its runs: ExperimentStatusSql).
 */
function sortKeys(shown: ExperimentStatusSql): Record<TExperimentSortField, Prisma.Sql> {
  return {
    createdAt: Prisma.raw('e.created_at'),
    name: Prisma.raw('lower(e.name)'),
    // the lifecycle, as the status tabs list it, rather than the alphabet
    status: Prisma.sql`array_position(ARRAY[${Prisma.join(EXPERIMENT_STATUSES)}]::text[], ${shown.status()})`,
    dataset: Prisma.raw('d.key'),
    trialCount: Prisma.raw('e.trial_count'),
    bestValAccuracy: Prisma.raw('best.mean_val_accuracy'),
    finishedAt: shown.finishedAt(),
  };
}

/** `text` as an ILIKE pattern matching it anywhere, its own wildcards taken literally ('!' escapes). */
export function containsPattern(text: string): string {
  return `%${text.replace(/[!%_]/g, (c) => `!${c}`)}%`;
}

/** `status` is the SQL of the status shown (ExperimentStatusSql.status). */
export function filterConditions(filters: ExperimentListFilters, status: Prisma.Sql): Prisma.Sql[] {
  const conditions: Prisma.Sql[] = [];
  if (filters.projectIds) conditions.push(inProjects('e.project_id', filters.projectIds));
  if (filters.status && filters.status.length > 0) conditions.push(Prisma.sql`${status} IN (${Prisma.join(filters.status)})`);
  if (filters.dataset) conditions.push(Prisma.sql`d.key = ${filters.dataset}`);
  if (filters.strategy) conditions.push(Prisma.sql`e.strategy->>'kind' = ${filters.strategy}`);
  if (filters.q) {
    const pattern = containsPattern(filters.q);
    conditions.push(Prisma.sql`(e.name ILIKE ${pattern} ESCAPE '!' OR e.description ILIKE ${pattern} ESCAPE '!')`);
  }
  return conditions;
}

/** The filters, after the lifecycle's: never the trash, archived experiments only with include=archived. */
const whereClause = (filters: ExperimentListFilters, status: Prisma.Sql) =>
  Prisma.sql`WHERE ${Prisma.join([liveExperiment('e'), listed('e', filters.include), ...filterConditions(filters, status)], ' AND ')}`;

/** One experiment of the list, its dataset's key and its best trial flattened in. */
export interface ExperimentListRecord extends Omit<ExperimentSummaryRow, 'dataset' | 'project'> {
  /** Null for a tracked experiment. */
  datasetKey: string | null;
  projectSlug: string;
  projectName: string;
  bestId: string | null;
  bestNumber: number | null;
  bestMeanValAccuracy: number | null;
  bestStdValAccuracy: number | null;
  /** Experiments matching the filters, over all pages. */
  total: number;
}

@Injectable()
export class ExperimentListRepository {
  private readonly sortKey: Record<TExperimentSortField, Prisma.Sql>;

  constructor(
    @Inject(PRISMA) private readonly prisma: PrismaClient,
    private readonly shown: ExperimentStatusSql,
  ) {
    this.sortKey = sortKeys(shown);
  }

  /**
   * One page of experiments, filtered and sorted in SQL, with the total matching count (a window
   * count over the filtered rows) in the same query. The best trial is looked up for every
   * filtered experiment only when it is the sort key; otherwise for the page's rows alone.
   * Rows without a sort value come last in both orders; ties by creation (newest first), then id.
   */
  page(query: { sort: TExperimentSortField; order: TSortOrder; filters: ExperimentListFilters; limit: number; offset: number }) {
    const direction = Prisma.raw(query.order === 'desc' ? 'DESC' : 'ASC');
    return this.withoutJit<ExperimentListRecord[]>(Prisma.sql`
      WITH page AS (
        SELECT e.id, e.created_at, ${this.sortKey[query.sort]} AS sort_key, count(*) OVER ()::int AS total
          FROM experiment e
          LEFT JOIN dataset d ON d.id = e.dataset_id
          ${query.sort === 'bestValAccuracy' ? recordedBestTrial(Prisma.raw('e')) : Prisma.empty}
          ${whereClause(query.filters, this.shown.status())}
         ORDER BY sort_key ${direction} NULLS LAST, e.created_at DESC, e.id DESC
         LIMIT ${query.limit} OFFSET ${query.offset}
      )
      SELECT e.id, e.kind, e.name, e.description, ${this.shown.status()} AS status, e.tags, e.strategy,
             (CASE WHEN e.kind = 'search' THEN e.trial_count ELSE (SELECT count(*) FROM run r WHERE r.experiment_id = e.id AND ${liveRun('r', 'e')}) END)::int AS "trialCount",
             e.created_at AS "createdAt", e.started_at AS "startedAt", ${this.shown.finishedAt()} AS "finishedAt", e.archived_at AS "archivedAt",
             d.key AS "datasetKey", p.slug AS "projectSlug", p.name AS "projectName", page.total,
             best.id AS "bestId", best.number AS "bestNumber",
             best.mean_val_accuracy AS "bestMeanValAccuracy", best.std_val_accuracy AS "bestStdValAccuracy"
        FROM page
        JOIN experiment e ON e.id = page.id
        JOIN project p ON p.id = e.project_id
        LEFT JOIN dataset d ON d.id = e.dataset_id
        ${recordedBestTrial(Prisma.raw('e'))}
       ORDER BY page.sort_key ${direction} NULLS LAST, page.created_at DESC, page.id DESC`);
  }

  /** Matching experiments when the page is past the end (the window count then has no row to ride on). */
  async count(filters: ExperimentListFilters): Promise<number> {
    const [row] = await this.withoutJit<{ n: number }[]>(Prisma.sql`
      SELECT count(*)::int AS n
        FROM experiment e
        LEFT JOIN dataset d ON d.id = e.dataset_id
        ${whereClause(filters, this.shown.status())}`);
    return row?.n ?? 0;
  }

  /**
   * A list query with PostgreSQL's JIT compilation off. The status of a tracked experiment is a
   * few correlated EXISTS probes per experiment (ExperimentStatusSql); the planner prices each
   * probe as a scan of the experiment's runs, so over a few thousand experiments the estimate
   * passes jit_above_cost and PostgreSQL compiles the query first: measured with 2,001
   * experiments and 200,000 runs, 420 ms of JIT for 20 ms of execution. Every probe is an index
   * lookup, which JIT cannot speed up, so it is off for this query only (SET LOCAL ends with the
   * transaction).
   */
  private async withoutJit<T>(query: Prisma.Sql): Promise<T> {
    const [, rows] = await this.prisma.$transaction([this.prisma.$executeRaw`SET LOCAL jit = off`, this.prisma.$queryRaw<T>(query)]);
    return rows;
  }

  /**
   * Trials per status of each of these experiments: a search's from its maintained summary
   * (experiment_trial_summary, kept by triggers: a primary-key range whatever its size), a tracked
   * experiment's counted from its runs (an index scan of run(experiment_id, status)).
   */
  async trialCounts(experimentIds: readonly string[]): Promise<{ experimentId: string; status: string; count: number }[]> {
    if (experimentIds.length === 0) return [];
    return this.prisma.$queryRaw`
      SELECT s.experiment_id::text AS "experimentId", s.status, s.trials AS count
        FROM experiment_trial_summary s JOIN experiment e ON e.id = s.experiment_id
       WHERE s.experiment_id = ANY(${[...experimentIds]}::uuid[]) AND e.kind = 'search' AND s.trials > 0
      UNION ALL
      SELECT r.experiment_id::text, r.status, count(*)::int
        FROM run r JOIN experiment e ON e.id = r.experiment_id
       WHERE r.experiment_id = ANY(${[...experimentIds]}::uuid[]) AND e.kind <> 'search' AND r.deleted_at IS NULL
       GROUP BY r.experiment_id, r.status`;
  }
}
