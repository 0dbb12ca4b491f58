import { Inject, Injectable } from '@nestjs/common';
import { Prisma, type PrismaClient } from '@atelier/db/client';
import { HYPERPARAMETER_NAMES, TRIAL_RANGE_FIELDS, TRIAL_VALUE_FIELDS, type TTrialSortField, type TTrialTableQuery } from '@atelier/domain';
import { PRISMA } from '../infra/tokens';

/**
 * A hyperparameter is a key of the trial's params document. Compared as jsonb, so numbers
 * compare and sort as numbers and strings as strings, without a cast per type (and without a
 * query that fails on a value of another type); a filter value is sent as jsonb to match.
 */
const HYPERPARAMETER_FIELDS: ReadonlySet<string> = new Set(HYPERPARAMETER_NAMES);
const param = (name: string) => Prisma.sql`(t.params -> ${name}::text)`;
const asValue = (field: TTrialSortField, value: string | number) => (HYPERPARAMETER_FIELDS.has(field) ? Prisma.sql`${JSON.stringify(value)}::jsonb` : Prisma.sql`${value}`);

/** The SQL expression behind each sortable and filterable column (whitelisted: never user text). */
const COLUMN: Record<TTrialSortField, Prisma.Sql> = {
  number: Prisma.raw('t.number'),
  status: Prisma.raw('t.status'),
  architecture: param('architecture'),
  batchSize: param('batchSize'),
  epochs: param('epochs'),
  activation: param('activation'),
  optimizer: param('optimizer'),
  learningRate: param('learningRate'),
  momentum: param('momentum'),
  parameterCount: Prisma.raw('COALESCE(t.parameter_count, a.parameter_count)'),
  meanValAccuracy: Prisma.raw('t.mean_val_accuracy'),
  stdValAccuracy: Prisma.raw('t.std_val_accuracy'),
  meanValLoss: Prisma.raw('t.mean_val_loss'),
  testAccuracy: Prisma.raw('te.accuracy'),
  rung: Prisma.raw('t.rung'),
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
  total: bigint;
}

export type TrialTableFilters = Omit<TTrialTableQuery, 'limit' | 'offset' | 'sort' | 'order'>;

export function filterConditions(filters: TrialTableFilters): Prisma.Sql[] {
  const conditions: Prisma.Sql[] = [];
  for (const field of TRIAL_VALUE_FIELDS) {
    const values = filters[field] as readonly (string | number)[] | undefined;
    if (values && values.length > 0) conditions.push(Prisma.sql`${COLUMN[field]} IN (${Prisma.join(values.map((value) => asValue(field, value)))})`);
  }
  for (const field of TRIAL_RANGE_FIELDS) {
    const min = filters[`${field}.min`];
    const max = filters[`${field}.max`];
    if (min !== undefined) conditions.push(Prisma.sql`${COLUMN[field]} >= ${asValue(field, min)}`);
    if (max !== undefined) conditions.push(Prisma.sql`${COLUMN[field]} <= ${asValue(field, max)}`);
  }
  return conditions;
}

@Injectable()
export class TrialTableRepository {
  constructor(@Inject(PRISMA) private readonly prisma: PrismaClient) {}

  findExperiment(id: string) {
    return this.prisma.experiment.findUnique({ where: { id }, select: { id: true, kind: true, strategy: true, name: true, dataset: { select: { classNames: true } } } });
  }

  /**
   * One page of an experiment's trials, sorted and filtered in SQL, with the total matching
   * count (a window count over the filtered rows) in the same query. Fold progress is summed
   * only for the page's rows; test accuracy comes from the experiment's few 'test' evaluations.
   * `page` null returns every matching row (the CSV export).
   */
  async page(
    experimentId: string,
    query: { sort: TTrialSortField; order: 'asc' | 'desc'; filters: TrialTableFilters; page: { limit: number; offset: number } | null },
  ): Promise<TrialTableRecord[]> {
    const where = Prisma.join([Prisma.sql`t.experiment_id = ${experimentId}::uuid`, ...filterConditions(query.filters)], ' AND ');
    const direction = Prisma.raw(query.order === 'desc' ? 'DESC' : 'ASC');
    const pageClause = query.page ? Prisma.sql`LIMIT ${query.page.limit} OFFSET ${query.page.offset}` : Prisma.empty;
    return this.prisma.$queryRaw<TrialTableRecord[]>`
      WITH te AS (
        SELECT DISTINCT ON (trial_id) trial_id, accuracy
          FROM evaluation
         WHERE experiment_id = ${experimentId}::uuid AND split = 'test' AND trial_id IS NOT NULL
         ORDER BY trial_id, created_at DESC
      ), page AS (
        SELECT t.id, t.number, t.status, t.params, COALESCE(t.parameter_count, a.parameter_count) AS "parameterCount",
               t.mean_val_accuracy AS "meanValAccuracy", t.std_val_accuracy AS "stdValAccuracy", t.mean_val_loss AS "meanValLoss",
               te.accuracy AS "testAccuracy", t.rung, t.started_at AS "startedAt", t.finished_at AS "finishedAt", t.error,
               ${COLUMN[query.sort]} AS sort_key, (t.params->>'epochs')::int AS epochs,
               count(*) OVER () AS total
          FROM run t
          LEFT JOIN architecture a ON a.id = t.architecture_id
          LEFT JOIN te ON te.trial_id = t.id
         WHERE ${where}
         ORDER BY ${COLUMN[query.sort]} ${direction} NULLS LAST, t.number ASC
         ${pageClause}
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
       ORDER BY page.sort_key ${direction} NULLS LAST, page.number ASC`;
  }

  /** Matching trials when the page is past the end (the window count then has no row to ride on). */
  async count(experimentId: string, filters: TrialTableFilters): Promise<number> {
    const where = Prisma.join([Prisma.sql`t.experiment_id = ${experimentId}::uuid`, ...filterConditions(filters)], ' AND ');
    const [row] = await this.prisma.$queryRaw<{ n: number }[]>`
      SELECT count(*)::int AS n
        FROM run t
        LEFT JOIN architecture a ON a.id = t.architecture_id
        LEFT JOIN (
          SELECT DISTINCT ON (trial_id) trial_id, accuracy
            FROM evaluation
           WHERE experiment_id = ${experimentId}::uuid AND split = 'test' AND trial_id IS NOT NULL
           ORDER BY trial_id, created_at DESC
        ) te ON te.trial_id = t.id
       WHERE ${where}`;
    return row?.n ?? 0;
  }
}
