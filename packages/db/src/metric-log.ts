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

/** Points of one run, for a statement that writes to several. */
export type RunPoints = { runId: string; points: readonly MetricPointRow[] };

/**
 * The batches as one relation (run_id, key, fold, step, value, wall_time); the same
 * (key, fold, step) twice within a run's batch keeps the last one.
 */
function batchRelation(batches: readonly RunPoints[]): Prisma.Sql {
  const rows: (MetricPointRow & { runId: string })[] = [];
  for (const { runId, points } of batches) {
    const unique = new Map<string, MetricPointRow>();
    for (const point of points) unique.set(`${point.key}\u0000${point.fold}\u0000${point.step}`, point);
    for (const point of unique.values()) rows.push({ ...point, runId });
  }
  return Prisma.sql`SELECT * FROM unnest(
        ${rows.map((row) => row.runId)}::uuid[],
        ${rows.map((row) => row.key)}::text[],
        ${rows.map((row) => row.fold)}::smallint[],
        ${rows.map((row) => row.step)}::int[],
        ${rows.map((row) => float8Text(row.value))}::float8[],
        ${rows.map((row) => row.wallTime)}::timestamptz[]
      ) AS p(run_id, key, fold, step, value, wall_time)`;
}

/** `stored`: the CTE that upserts the points of `batch` for which `gate` holds, saying which it replaced. */
function storedCte(gate: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`stored AS (
      INSERT INTO "metric" ("run_id", "key", "fold", "step", "value", "wall_time")
      SELECT run_id, key, fold, step, value, wall_time FROM batch WHERE ${gate}
      ON CONFLICT ("run_id", "key", "fold", "step")
      DO UPDATE SET "value" = EXCLUDED."value", "wall_time" = EXCLUDED."wall_time"
      RETURNING "run_id", "key", "fold", (xmax <> 0) AS replaced
    )`;
}

/**
 * `merged`: the CTE that merges the new run-wide points of `batch` (for which `gate` holds) into
 * the summary of every run and key not in `recompute` (run_id, key).
 */
function mergedCte(gate: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`merged AS (
      INSERT INTO "metric_summary" ("run_id", "key", "last", "last_step", "min", "max", "count", "updated_at")
      SELECT run_id, key, (array_agg(value ORDER BY step DESC))[1], max(step), ${MIN_IGNORING_NAN}, ${MAX_IGNORING_NAN}, count(*), now()
      FROM batch
      WHERE ${gate} AND fold = ${RUN_WIDE_FOLD} AND (run_id, key) NOT IN (SELECT run_id, key FROM recompute)
      GROUP BY run_id, key
      ON CONFLICT ("run_id", "key") DO UPDATE SET ${MERGE_SUMMARY}
      RETURNING "key"
    )`;
}

/** Whether a run's stored points include fold points of the key `b.key` (b: a row with run_id, key). */
const HAS_FOLD_POINTS = Prisma.sql`EXISTS (SELECT 1 FROM "metric" AS m WHERE m."run_id" = b.run_id AND m."key" = b.key AND m."fold" > ${RUN_WIDE_FOLD})`;

/**
 * Stores the points and refreshes the summaries of their keys. The caller has validated them;
 * the same (key, fold, step) twice within one batch keeps the last one.
 */
export async function logMetricPoints(db: Db, runId: string, points: readonly MetricPointRow[]): Promise<void> {
  if (points.length === 0) return;
  // One statement stores the points and merges the summaries it can merge, so a log batch costs
  // one round trip here (the latency of POST /runs/{id}/log is mostly round trips). A summary
  // can be merged with new points only when they are all new run-wide points of a key that has
  // no fold points; the keys left over (a replaced value, fold points, whose summary is over the
  // mean of the folds) come back and are recomputed from the stored series. The CTEs all see
  // the table as it was before the statement: `stored_folds` finds fold points logged earlier,
  // `stored` reports what this batch inserted or replaced.
  const recompute = await db.$queryRaw<{ key: string }[]>`
    WITH batch AS (${batchRelation([{ runId, points }])}),
    ${storedCte(Prisma.sql`TRUE`)},
    stored_folds AS (
      SELECT b.run_id, b.key FROM (SELECT DISTINCT run_id, key FROM batch WHERE fold = ${RUN_WIDE_FOLD}) AS b WHERE ${HAS_FOLD_POINTS}
    ), recompute AS (
      SELECT "run_id" AS run_id, "key" AS key FROM stored WHERE replaced OR "fold" <> ${RUN_WIDE_FOLD}
      UNION SELECT run_id, key FROM stored_folds
    ), ${mergedCte(Prisma.sql`TRUE`)}
    SELECT key FROM recompute`;
  if (recompute.length > 0)
    await recomputeSummaries(
      db,
      runId,
      recompute.map((row) => row.key),
    );
}

/** What appendToOpenRuns tells of a run it appended to. */
export type AppendedTo = { experimentId: string; status: string; lastSeenAt: Date };

/**
 * The hot path of runs logged from code: the batches of several runs (one each) in ONE
 * autocommitted statement, with no BEGIN/COMMIT and no second round trip. For each run it marks
 * the run seen (running, if it was queued), appends the batch's run-wide points and merges them
 * into the summaries. It writes a run's batch only when that batch is a plain append to an open
 * run, and otherwise writes nothing of it and leaves the run out of the answer, so that the
 * caller takes the locked path (logMetricPoints in a transaction), which explains any refusal.
 * Plain means:
 * - the run exists, belongs to an experiment of `kind`, its status is none of `endedStatuses`,
 *   and it is `visible`;
 * - every point is run-wide and new (none stored before), and no key of the batch has fold
 *   points (whose summary is over the fold means), so each summary merges incrementally;
 * - nobody changed the run row since this statement's snapshot. Every log touches that row, so
 *   a concurrent log of the same run that committed in between (whose points the snapshot cannot
 *   see) makes the `xmin` check fail when PostgreSQL re-reads the row after the lock; the caller
 *   then takes the locked path, which sees everything. This is optimistic concurrency on the
 *   row version, in place of the locked path's FOR UPDATE.
 * The statement is all or nothing as a whole; a run's batch is all or nothing within it.
 */
export async function appendToOpenRuns(
  db: Db,
  batches: readonly RunPoints[],
  rule: {
    kind: string;
    endedStatuses: readonly string[];
    /** A further condition on the run `r` and its experiment `e` (the API's: neither is in the trash). */
    visible: Prisma.Sql;
  },
): Promise<Map<string, AppendedTo>> {
  const runIds = batches.map((batch) => batch.runId);
  if (new Set(runIds).size !== runIds.length) throw new Error('appendToOpenRuns takes one batch per run');
  const plain = batches.filter(({ points }) => points.length > 0 && points.every((point) => point.fold === RUN_WIDE_FOLD));
  if (plain.length === 0) return new Map();
  const appended = Prisma.sql`run_id IN (SELECT id FROM touched)`;
  const rows = await db.$queryRaw<(AppendedTo & { runId: string; recompute: string[] })[]>`
    WITH batch AS (${batchRelation(plain)}),
    seen AS (SELECT id, xmin AS version FROM run WHERE id = ANY(${plain.map((batch) => batch.runId)}::uuid[])),
    not_plain AS (
      SELECT b.run_id FROM batch AS b JOIN "metric" AS m
          ON m."run_id" = b.run_id AND m."key" = b.key AND m."fold" = b.fold AND m."step" = b.step
      UNION SELECT b.run_id FROM (SELECT DISTINCT run_id, key FROM batch) AS b WHERE ${HAS_FOLD_POINTS}
    ), touched AS (
      UPDATE run r SET
        last_seen_at = now(),
        status = CASE WHEN r.status = 'queued' THEN 'running' ELSE r.status END,
        started_at = coalesce(r.started_at, now())
        FROM experiment e, seen s
       WHERE r.id = s.id AND e.id = r.experiment_id AND e.kind = ${rule.kind}
         AND NOT (r.status = ANY(${[...rule.endedStatuses]}::text[])) AND ${rule.visible}
         AND r.xmin = s.version AND r.id NOT IN (SELECT run_id FROM not_plain)
      RETURNING r.id, r.experiment_id AS "experimentId", r.status, r.last_seen_at AS "lastSeenAt"
    ), ${storedCte(appended)},
    recompute AS (SELECT DISTINCT "run_id" AS run_id, "key" AS key FROM stored WHERE replaced),
    ${mergedCte(appended)}
    SELECT t.id AS "runId", t."experimentId", t.status, t."lastSeenAt",
           array(SELECT key FROM recompute WHERE run_id = t.id) AS recompute
      FROM touched AS t`;
  const outcomes = new Map<string, AppendedTo>();
  for (const row of rows) {
    // Only a point stored by a writer that does not touch the run row can land here: rebuild those keys.
    if (row.recompute.length > 0) await recomputeSummaries(db, row.runId, row.recompute);
    outcomes.set(row.runId, { experimentId: row.experimentId, status: row.status, lastSeenAt: row.lastSeenAt });
  }
  return outcomes;
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
