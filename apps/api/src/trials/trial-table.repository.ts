import { Inject, Injectable } from '@nestjs/common';
import { Prisma, type PrismaClient } from '@atelier/db/client';
import {
  HYPERPARAMETER_NAMES,
  hyperparameterDefinition,
  SEARCHABLE_HYPERPARAMETER_NAMES,
  TRIAL_RANGE_FIELDS,
  TRIAL_VALUE_FIELDS,
  type TRunFilter,
  type TRunSort,
  type TSearchableHyperparameterName,
  type TTrialSortField,
  type TTrialTableQuery,
} from '@atelier/domain';
import type { TApiConfig } from '../config';
import { LIVE_EXPERIMENT } from '../common/lifecycle.sql';
import { CONFIG, PRISMA } from '../infra/tokens';
import { compileFilter, compileSort, MetricJoins, type SortTerm } from '../runs/run-filter.sql';
import { shownRunStatus } from '../runs/run-status.sql';
import type { SummaryRow } from '../runs/runs.repository';

/**
 * The trials table reads `run r JOIN experiment e`, the shape GET /runs reads, so that a filter
 * and a sort of the filter language compile here with the runs list's own compiler
 * (runs/run-filter.sql.ts): one meaning of `params.lr < 0.01` in every list.
 *
 * The table's own columns (scores, rung, parameter count, test accuracy) and its older filters
 * (`optimizer=adam,sgd`, `meanValAccuracy.min=0.8`, the brush's `number=`) sit beside them; a
 * hyperparameter named by its bare name is compared as jsonb, so numbers compare and sort as
 * numbers and strings as strings, and reads as its default where a trial's document lacks it.
 */
const HYPERPARAMETER_FIELDS: ReadonlySet<string> = new Set(HYPERPARAMETER_NAMES);
const param = (name: string) => Prisma.sql`(r.params -> ${name}::text)`;
const asValue = (field: TTrialSortField, value: string | number) =>
  HYPERPARAMETER_FIELDS.has(field) ? Prisma.sql`${JSON.stringify(value)}::jsonb` : Prisma.sql`${value}`;

/**
 * Every searchable hyperparameter of the registry; one with a default reads as the default
 * where a trial's document lacks it (a space that left it out, a run from before it existed).
 */
function hyperparameterColumns(): Record<TSearchableHyperparameterName, Prisma.Sql> {
  return Object.fromEntries(
    SEARCHABLE_HYPERPARAMETER_NAMES.map((name) => {
      const fallback = hyperparameterDefinition(name).default;
      return [name, fallback === undefined ? param(name) : Prisma.sql`COALESCE(${param(name)}, ${JSON.stringify(fallback)}::jsonb)`];
    }),
  ) as Record<TSearchableHyperparameterName, Prisma.Sql>;
}

/** The SQL expression behind each of the table's own columns (whitelisted: never user text). */
const COLUMN: Record<TTrialSortField, Prisma.Sql> = {
  number: Prisma.raw('r.number'),
  status: Prisma.raw('r.status'),
  ...hyperparameterColumns(),
  parameterCount: Prisma.raw('COALESCE(r.parameter_count, a.parameter_count)'),
  meanValAccuracy: Prisma.raw('r.mean_val_accuracy'),
  stdValAccuracy: Prisma.raw('r.std_val_accuracy'),
  meanValLoss: Prisma.raw('r.mean_val_loss'),
  testAccuracy: Prisma.raw('te.accuracy'),
  rung: Prisma.raw('r.rung'),
};

/** One light row of the table: the trial's columns, its latest test accuracy and its fold progress. */
export interface TrialTableRecord {
  id: string;
  number: number;
  status: string;
  /** The params document: the trial's hyperparameters (hyperparametersOf). */
  params: unknown;
  parameterCount: number | null;
  meanValAccuracy: number | null;
  stdValAccuracy: number | null;
  meanValLoss: number | null;
  testAccuracy: number | null;
  rung: number | null;
  startedAt: Date | null;
  finishedAt: Date | null;
  error: string | null;
  /** Epochs finished over all folds, each fold capped at the trial's epochs. */
  epochsDone: number;
  folds: number;
  /** The window count over the matching rows; null when unfiltered (TrialTableRepository.unfilteredTotal). */
  total: bigint | null;
}

/** The table's older per-column filters: value lists and inclusive ranges. */
export type TrialTableFilters = Omit<TTrialTableQuery, 'limit' | 'offset' | 'sort' | 'order' | 'filter'>;

/** How the rows are ordered: by one of the table's own columns, or by a field of the filter language. */
export type TrialTableSort = { kind: 'column'; column: TTrialSortField; direction: 'asc' | 'desc' } | { kind: 'field'; sort: TRunSort };

export interface TrialTableSelection {
  /** Parsed filter language, or null for none. */
  filter: TRunFilter | null;
  filters: TrialTableFilters;
}

/** Whether a selection narrows the trials at all (the filter language or an older filter). */
export function isFiltered(selection: TrialTableSelection): boolean {
  return selection.filter !== null || filterConditions(selection.filters).length > 0;
}

export function filterConditions(filters: TrialTableFilters): Prisma.Sql[] {
  const conditions: Prisma.Sql[] = [];
  for (const field of TRIAL_VALUE_FIELDS) {
    const values = filters[field] as readonly (string | number)[] | undefined;
    if (values && values.length > 0)
      conditions.push(Prisma.sql`${COLUMN[field]} IN (${Prisma.join(values.map((value) => asValue(field, value)))})`);
  }
  for (const field of TRIAL_RANGE_FIELDS) {
    const min = filters[`${field}.min`];
    const max = filters[`${field}.max`];
    if (min !== undefined) conditions.push(Prisma.sql`${COLUMN[field]} >= ${asValue(field, min)}`);
    if (max !== undefined) conditions.push(Prisma.sql`${COLUMN[field]} <= ${asValue(field, max)}`);
  }
  return conditions;
}

/** ORDER BY terms: rows without a value last either way, ties by trial number (then id, which the language's sort ends with). */
function sortTerms(sort: TrialTableSort, joins: MetricJoins, status: Prisma.Sql): SortTerm[] {
  const byNumber: SortTerm = { expression: Prisma.sql`r.number`, direction: 'ASC', nulls: 'LAST' };
  if (sort.kind === 'column')
    return [{ expression: COLUMN[sort.column], direction: sort.direction === 'desc' ? 'DESC' : 'ASC', nulls: 'LAST' }, byNumber];
  const terms = compileSort(sort.sort, joins, { status });
  return [...terms.slice(0, -1), byNumber, ...terms.slice(-1)];
}

@Injectable()
export class TrialTableRepository {
  private readonly status: Prisma.Sql;

  constructor(
    @Inject(PRISMA) private readonly prisma: PrismaClient,
    @Inject(CONFIG) config: TApiConfig,
  ) {
    this.status = shownRunStatus(config.ATELIER_RUN_LOST_AFTER_SECONDS);
  }

  findExperiment(id: string) {
    return this.prisma.experiment.findFirst({
      where: { id, ...LIVE_EXPERIMENT },
      select: { id: true, kind: true, strategy: true, name: true, dataset: { select: { classNames: true } } },
    });
  }

  /** The WHERE clause of a selection, and the metric summaries it (and the sort) join. */
  private where(experimentId: string, selection: TrialTableSelection, joins: MetricJoins): Prisma.Sql {
    const conditions = [Prisma.sql`r.experiment_id = ${experimentId}::uuid`, ...filterConditions(selection.filters)];
    if (selection.filter) conditions.push(compileFilter(selection.filter, joins, { status: this.status }));
    return Prisma.join(conditions, ' AND ');
  }

  /** The latest 'test' evaluation of each trial of the experiment (a refit's), as `te`. */
  private testAccuracies(experimentId: string): Prisma.Sql {
    return Prisma.sql`SELECT DISTINCT ON (trial_id) trial_id, accuracy
          FROM evaluation
         WHERE experiment_id = ${experimentId}::uuid AND split = 'test' AND trial_id IS NOT NULL
         ORDER BY trial_id, created_at DESC`;
  }

  /**
   * One page of an experiment's trials, sorted and filtered in SQL, with the total matching
   * count (a window count over the filtered rows) in the same query. Fold progress is summed
   * only for the page's rows; test accuracy comes from the experiment's few 'test' evaluations.
   */
  page(
    experimentId: string,
    query: TrialTableSelection & { sort: TrialTableSort; page: { limit: number; offset: number } },
  ): Promise<TrialTableRecord[]> {
    return this.prisma.$queryRaw<TrialTableRecord[]>(this.rows(experimentId, query));
  }

  /**
   * Every row a query selects, in its order, `batch` rows at a time (the CSV export): a server-side
   * cursor over the page's own query, in one read-only REPEATABLE READ transaction, so PostgreSQL
   * sorts once, Node holds one batch at a time whatever the search's size, and every batch and its
   * metric summaries read the same snapshot (a live search's later writes do not tear the file).
   * `onBatch` may wait (the client reading slowly): the next FETCH waits for it. A throw from it
   * rolls the transaction back, which closes the cursor. `timeoutMs` bounds the transaction.
   */
  async eachBatch(
    experimentId: string,
    query: TrialTableSelection & { sort: TrialTableSort },
    options: { batch: number; timeoutMs: number },
    onBatch: (rows: TrialTableRecord[], summaries: SummaryRow[]) => Promise<void>,
  ): Promise<void> {
    const batch = Prisma.raw(String(Math.max(1, Math.floor(options.batch))));
    await this.prisma.$transaction(
      async (tx) => {
        await tx.$executeRaw`SET TRANSACTION READ ONLY`;
        await tx.$executeRaw`DECLARE trials_export NO SCROLL CURSOR FOR ${this.rows(experimentId, { ...query, page: null })}`;
        for (;;) {
          const rows = await tx.$queryRaw<TrialTableRecord[]>`FETCH FORWARD ${batch} FROM trials_export`;
          if (rows.length === 0) break;
          await onBatch(
            rows,
            await this.summaries(
              rows.map((row) => row.id),
              tx,
            ),
          );
        }
      },
      { isolationLevel: Prisma.TransactionIsolationLevel.RepeatableRead, timeout: options.timeoutMs, maxWait: 10_000 },
    );
  }

  /** The statement behind page() and eachBatch(): `page` null selects every matching row. */
  private rows(
    experimentId: string,
    query: TrialTableSelection & { sort: TrialTableSort; page: { limit: number; offset: number } | null },
  ): Prisma.Sql {
    const joins = new MetricJoins();
    const where = this.where(experimentId, query, joins);
    const terms = sortTerms(query.sort, joins, this.status);
    // the sort keys are named k0, k1, … in the page; only this file's own names are spliced in
    const keys = Prisma.join(
      terms.map((term, i) => Prisma.sql`${term.expression} AS ${Prisma.raw(`k${i}`)}`),
      ', ',
    );
    const inner = Prisma.raw(terms.map((term, i) => `k${i} ${term.direction} NULLS ${term.nulls}`).join(', '));
    const outer = Prisma.raw(terms.map((term, i) => `page.k${i} ${term.direction} NULLS ${term.nulls}`).join(', '));
    const pageClause = query.page ? Prisma.sql`LIMIT ${query.page.limit} OFFSET ${query.page.offset}` : Prisma.empty;
    // unfiltered, the total is the search's maintained summary (unfilteredTotal): the window count
    // would make PostgreSQL build every row of a 100,000-trial search for a page of 50 (and the
    // export has no use for it)
    const counted = query.page !== null && isFiltered(query);
    const te = this.testAccuracies(experimentId);
    // Two steps (a deferred join): `picked` finds the page's ids in the page's order, reading no
    // more than the WHERE and the sort need, then `page` reads the rows of those ids only. By score
    // (run_trials_accuracy_*_idx, which end with id) the first step is an index-only walk of
    // offset + limit entries and a deep page costs no heap row per skipped trial (the last page of
    // 100,000 trials: 45 ms of SQL, not 460; that far down PostgreSQL may prefer a scan and a sort,
    // about as fast). The joins are LEFT joins so that PostgreSQL drops the ones
    // the step does not read: the experiment (a trial always has one: a foreign key), the
    // architecture (unique id) and the test accuracies (DISTINCT ON the trial); `te` is therefore
    // written out in each step, not a WITH query (a CTE read twice is materialized and kept).
    return Prisma.sql`
      WITH picked AS (
        SELECT r.id, ${keys},
               ${counted ? Prisma.sql`count(*) OVER ()` : Prisma.sql`NULL::bigint`} AS total
          FROM run r
          LEFT JOIN experiment e ON e.id = r.experiment_id
          LEFT JOIN architecture a ON a.id = r.architecture_id
          LEFT JOIN (${te}) te ON te.trial_id = r.id
          ${joins.sql()}
         WHERE ${where}
         ORDER BY ${inner}
         ${pageClause}
      ), page AS (
        SELECT r.id, r.number, r.status, r.params, COALESCE(r.parameter_count, a.parameter_count) AS "parameterCount",
               r.mean_val_accuracy AS "meanValAccuracy", r.std_val_accuracy AS "stdValAccuracy", r.mean_val_loss AS "meanValLoss",
               te.accuracy AS "testAccuracy", r.rung, r.started_at AS "startedAt", r.finished_at AS "finishedAt", r.error,
               ${Prisma.join(
                 terms.map((_, i) => Prisma.raw(`picked.k${i}`)),
                 ', ',
               )}, (r.params->>'epochs')::int AS epochs, picked.total
          FROM picked
          JOIN run r ON r.id = picked.id
          LEFT JOIN architecture a ON a.id = r.architecture_id
          LEFT JOIN (${te}) te ON te.trial_id = r.id
      )
      SELECT page.id, page.number, page.status, page.params, page."parameterCount", page."meanValAccuracy", page."stdValAccuracy",
             page."meanValLoss", page."testAccuracy", page.rung, page."startedAt", page."finishedAt", page.error, page.total,
             COALESCE(f.done, 0)::int AS "epochsDone", COALESCE(f.folds, 0)::int AS folds
        FROM page
        LEFT JOIN LATERAL (
          SELECT sum(LEAST(GREATEST(fr.epochs_completed, 0), page.epochs)) AS done, count(*) AS folds
            FROM fold_run fr
           WHERE fr.trial_id = page.id
        ) f ON true
       ORDER BY ${outer}`;
  }

  /** Every trial of the search, from its maintained summary (experiment_trial_summary). */
  async unfilteredTotal(experimentId: string): Promise<number> {
    const [row] = await this.prisma.$queryRaw<{ n: number }[]>`
      SELECT COALESCE(sum(trials), 0)::int AS n FROM experiment_trial_summary WHERE experiment_id = ${experimentId}::uuid`;
    return row?.n ?? 0;
  }

  /** Matching trials when the page is past the end (the window count then has no row to ride on). */
  async count(experimentId: string, selection: TrialTableSelection): Promise<number> {
    const joins = new MetricJoins();
    const where = this.where(experimentId, selection, joins);
    const [row] = await this.prisma.$queryRaw<{ n: number }[]>`
      WITH te AS (${this.testAccuracies(experimentId)})
      SELECT count(*)::int AS n
        FROM run r
        JOIN experiment e ON e.id = r.experiment_id
        LEFT JOIN architecture a ON a.id = r.architecture_id
        LEFT JOIN te ON te.trial_id = r.id
        ${joins.sql()}
       WHERE ${where}`;
    return row?.n ?? 0;
  }

  /** The metric summaries of these trials, every key (`db`: the export's transaction, else the pool). */
  summaries(runIds: readonly string[], db: Pick<PrismaClient, '$queryRaw'> = this.prisma): Promise<SummaryRow[]> {
    if (runIds.length === 0) return Promise.resolve([]);
    return db.$queryRaw<SummaryRow[]>`
      SELECT run_id AS "runId", key, last, last_step AS "lastStep", min, max, count
        FROM metric_summary WHERE run_id = ANY(${[...runIds]}::uuid[])
       ORDER BY run_id, key`;
  }

  /**
   * Every params key and metric key the experiment's trials hold (over all of them, whatever the
   * filter: a column does not vanish with the rows that have it), and whether a key holds only numbers.
   */
  async keys(experimentId: string): Promise<{ params: { key: string; numeric: boolean }[]; metrics: string[] }> {
    const [params, metrics] = await Promise.all([
      // kept by a trigger on run (experiment_param_key), not unpacked from every trial's params
      this.prisma.$queryRaw<{ key: string; numeric: boolean }[]>`
        SELECT key, numeric FROM experiment_param_key WHERE experiment_id = ${experimentId}::uuid ORDER BY key COLLATE "C"`,
      // kept by a trigger on metric_summary (experiment_metric_key), not grouped from every summary
      this.prisma.$queryRaw<{ key: string }[]>`
        SELECT key FROM experiment_metric_key WHERE experiment_id = ${experimentId}::uuid ORDER BY key COLLATE "C"`,
    ]);
    return { params, metrics: metrics.map((m) => m.key) };
  }
}
