import { Prisma, type PrismaClient } from './generated/prisma/client';

/**
 * The one write path of metric points, for a search's trials (the worker, once per epoch) and
 * for runs logged from code (POST /runs/{id}/log) alike.
 *
 * Idempotent: a point is keyed by (run, key, fold, step), so a client that retries a batch, or a
 * worker that retrains a fold after a crash, stores each point once (the later value wins).
 * Every summary (last, min, max) it touches is brought up to date in the same call, so call it
 * inside a transaction to keep points and summaries consistent.
 */

/** Fold of a point logged for the run as a whole (see the Metric model). */
export const RUN_WIDE_FOLD = -1;

export type MetricPointRow = {
  key: string;
  step: number;
  /** Any IEEE double: NaN and ±Infinity are stored as they are. */
  value: number;
  /** 0-based fold, or RUN_WIDE_FOLD. */
  fold: number;
  wallTime: Date;
};

type Db = Prisma.TransactionClient | PrismaClient;

/** node-postgres sends numbers as text; these are the spellings PostgreSQL's float8 reads back. */
function float8Text(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Infinity) return 'Infinity';
  if (value === -Infinity) return '-Infinity';
  return String(value);
}

// min and max skip NaN (a diverged epoch should not hide the best value); all-NaN gives NaN.
const MIN_IGNORING_NAN = Prisma.sql`coalesce(min(value) FILTER (WHERE value <> 'NaN'), 'NaN')`;
const MAX_IGNORING_NAN = Prisma.sql`coalesce(max(value) FILTER (WHERE value <> 'NaN'), 'NaN')`;
/** A stored summary merged with the summary of new run-wide points (EXCLUDED). */
const MERGE_SUMMARY = Prisma.sql`
  "last" = CASE WHEN EXCLUDED."last_step" >= "metric_summary"."last_step" THEN EXCLUDED."last" ELSE "metric_summary"."last" END,
  "last_step" = GREATEST("metric_summary"."last_step", EXCLUDED."last_step"),
  "min" = CASE WHEN "metric_summary"."min" = 'NaN' THEN EXCLUDED."min" WHEN EXCLUDED."min" = 'NaN' THEN "metric_summary"."min" ELSE LEAST("metric_summary"."min", EXCLUDED."min") END,
  "max" = CASE WHEN "metric_summary"."max" = 'NaN' THEN EXCLUDED."max" WHEN EXCLUDED."max" = 'NaN' THEN "metric_summary"."max" ELSE GREATEST("metric_summary"."max", EXCLUDED."max") END,
  "count" = "metric_summary"."count" + EXCLUDED."count",
  "updated_at" = now()`;

/**
 * Stores the points and refreshes the summaries of their keys. The caller has validated them;
 * the same (key, fold, step) twice within one batch keeps the last one.
 */
export async function logMetricPoints(db: Db, runId: string, points: readonly MetricPointRow[]): Promise<void> {
  if (points.length === 0) return;
  const unique = new Map<string, MetricPointRow>();
  for (const point of points) unique.set(`${point.key}\u0000${point.fold}\u0000${point.step}`, point);
  const rows = [...unique.values()];

  // One statement stores the points and merges the summaries it can merge, so a log batch costs
  // one round trip here (the latency of POST /runs/{id}/log is mostly round trips). A summary
  // can be merged with new points only when they are all new run-wide points of a key that has
  // no fold points; the keys left over (a replaced value, fold points, whose summary is over the
  // mean of the folds) come back and are recomputed from the stored series. The CTEs all see
  // the table as it was before the statement: `stored_folds` finds fold points logged earlier,
  // `stored` reports what this batch inserted or replaced.
  const recompute = await db.$queryRaw<{ key: string }[]>`
    WITH batch AS (
      SELECT * FROM unnest(
        ${rows.map((row) => row.key)}::text[],
        ${rows.map((row) => row.fold)}::smallint[],
        ${rows.map((row) => row.step)}::int[],
        ${rows.map((row) => float8Text(row.value))}::float8[],
        ${rows.map((row) => row.wallTime)}::timestamptz[]
      ) AS p(key, fold, step, value, wall_time)
    ), stored AS (
      INSERT INTO "metric" ("run_id", "key", "fold", "step", "value", "wall_time")
      SELECT ${runId}::uuid, key, fold, step, value, wall_time FROM batch
      ON CONFLICT ("run_id", "key", "fold", "step")
      DO UPDATE SET "value" = EXCLUDED."value", "wall_time" = EXCLUDED."wall_time"
      RETURNING "key", "fold", (xmax <> 0) AS replaced
    ), stored_folds AS (
      SELECT DISTINCT m."key" FROM "metric" AS m
      WHERE m."run_id" = ${runId}::uuid AND m."fold" <> ${RUN_WIDE_FOLD}
        AND m."key" IN (SELECT key FROM batch WHERE fold = ${RUN_WIDE_FOLD})
    ), recompute AS (
      SELECT "key" AS key FROM stored WHERE replaced OR "fold" <> ${RUN_WIDE_FOLD}
      UNION SELECT "key" FROM stored_folds
    ), merged AS (
      INSERT INTO "metric_summary" ("run_id", "key", "last", "last_step", "min", "max", "count", "updated_at")
      SELECT ${runId}::uuid, key, (array_agg(value ORDER BY step DESC))[1], max(step), ${MIN_IGNORING_NAN}, ${MAX_IGNORING_NAN}, count(*), now()
      FROM batch
      WHERE fold = ${RUN_WIDE_FOLD} AND key NOT IN (SELECT key FROM recompute)
      GROUP BY key
      ON CONFLICT ("run_id", "key") DO UPDATE SET ${MERGE_SUMMARY}
      RETURNING "key"
    )
    SELECT key FROM recompute`;
  if (recompute.length > 0) await recomputeSummaries(db, runId, recompute.map((row) => row.key));
}

/** Rebuilds the summaries of these keys from the stored points, by the rule of the MetricSummary model. */
export async function recomputeSummaries(db: Db, runId: string, keys: readonly string[]): Promise<void> {
  await db.$executeRaw`
    WITH points AS (
      SELECT "key", "fold", "step", "value" FROM "metric" WHERE "run_id" = ${runId}::uuid AND "key" = ANY(${[...keys]}::text[])
    ), chosen AS (
      SELECT * FROM points AS p
      WHERE p."fold" = ${RUN_WIDE_FOLD} OR NOT EXISTS (SELECT 1 FROM points AS q WHERE q."key" = p."key" AND q."fold" = ${RUN_WIDE_FOLD})
    ), series AS (
      SELECT "key" AS key, "step" AS step, avg("value") AS value FROM chosen GROUP BY "key", "step"
    )
    INSERT INTO "metric_summary" ("run_id", "key", "last", "last_step", "min", "max", "count", "updated_at")
    SELECT ${runId}::uuid, key, (array_agg(value ORDER BY step DESC))[1], max(step), ${MIN_IGNORING_NAN}, ${MAX_IGNORING_NAN}, count(*), now()
    FROM series GROUP BY key
    ON CONFLICT ("run_id", "key") DO UPDATE SET
      "last" = EXCLUDED."last", "last_step" = EXCLUDED."last_step", "min" = EXCLUDED."min", "max" = EXCLUDED."max",
      "count" = EXCLUDED."count", "updated_at" = now()`;
}

/**
 * Drops one fold's points after `afterStep` (a retried fold restarts its rung, and an earlier
 * attempt's epochs past the rung's start must not outlive it) and rebuilds the summaries of the
 * keys it touched. The one other change to metric rows besides logMetricPoints; call it in a
 * transaction too.
 */
export async function dropFoldPointsAfter(db: Db, runId: string, fold: number, afterStep: number): Promise<void> {
  const dropped = await db.$queryRaw<{ key: string }[]>`
    DELETE FROM "metric" WHERE "run_id" = ${runId}::uuid AND "fold" = ${fold} AND "step" > ${afterStep}
    RETURNING "key"`;
  const keys = [...new Set(dropped.map((row) => row.key))];
  if (keys.length === 0) return;
  // A key left without points has no summary any more; the others are rebuilt from what is left.
  await db.$executeRaw`
    DELETE FROM "metric_summary" AS s WHERE s."run_id" = ${runId}::uuid AND s."key" = ANY(${keys}::text[])
      AND NOT EXISTS (SELECT 1 FROM "metric" AS m WHERE m."run_id" = s."run_id" AND m."key" = s."key")`;
  await recomputeSummaries(db, runId, keys);
}
