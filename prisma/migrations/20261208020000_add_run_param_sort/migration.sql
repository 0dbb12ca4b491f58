-- GET /runs sorted by a parameter over a million runs (issue 18): run.params is one JSONB document
-- (README, "Why this storage"), which no index can order by an arbitrary key, so a sort by
-- params.<key> read every matching run and sorted them (1.7 s for 50,000). This table holds each
-- run's parameters one row per key, typed, and its (key, value, run) indexes are walked in order
-- with LIMIT instead. Triggers on run keep it, in the transaction of every write of params (the
-- API's, the worker's, a bulk seed's), so nothing can forget to; it is never written directly.
CREATE TABLE "run_param_sort" (
    "run_id" UUID NOT NULL,
    "key" TEXT NOT NULL,
    "num" DOUBLE PRECISION,
    "txt" TEXT,
    "bool" BOOLEAN,

    CONSTRAINT "run_param_sort_pkey" PRIMARY KEY ("run_id", "key")
);
ALTER TABLE "run_param_sort" ADD CONSTRAINT "run_param_sort_run_id_fkey"
  FOREIGN KEY ("run_id") REFERENCES "run"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- One row per key of a params document: exactly one of num, txt, bool is set (params hold only
-- numbers, strings and booleans; anything else leaves all three NULL and sorts with the missing).
CREATE FUNCTION "atelier_param_sort_rows"(run_id UUID, params JSONB)
RETURNS TABLE ("run_id" UUID, "key" TEXT, "num" DOUBLE PRECISION, "txt" TEXT, "bool" BOOLEAN)
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT run_id, p.key,
         CASE WHEN jsonb_typeof(p.value) = 'number' THEN (p.value #>> '{}')::float8 END,
         CASE WHEN jsonb_typeof(p.value) = 'string' THEN p.value #>> '{}' END,
         CASE WHEN jsonb_typeof(p.value) = 'boolean' THEN (p.value #>> '{}')::boolean END
    FROM jsonb_each(CASE WHEN jsonb_typeof(params) = 'object' THEN params ELSE '{}'::jsonb END) p
$$;

CREATE FUNCTION "atelier_run_param_sort_insert"() RETURNS TRIGGER
LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "run_param_sort" ("run_id", "key", "num", "txt", "bool")
  SELECT s.* FROM new_rows n, atelier_param_sort_rows(n.id, n.params) s;
  RETURN NULL;
END
$$;
CREATE TRIGGER "run_param_sort_insert" AFTER INSERT ON "run" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION atelier_run_param_sort_insert();

-- A run's params change rarely (a log adds the keys it did not have): per row, and only when the
-- document changed, the keys gone are deleted and the others upserted.
CREATE FUNCTION "atelier_run_param_sort_update"() RETURNS TRIGGER
LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM "run_param_sort" s
   WHERE s.run_id = NEW.id
     AND NOT (CASE WHEN jsonb_typeof(NEW.params) = 'object' THEN NEW.params ELSE '{}'::jsonb END) ? s.key;
  INSERT INTO "run_param_sort" AS o ("run_id", "key", "num", "txt", "bool")
  SELECT * FROM atelier_param_sort_rows(NEW.id, NEW.params)
  ON CONFLICT ("run_id", "key") DO UPDATE SET "num" = EXCLUDED."num", "txt" = EXCLUDED."txt", "bool" = EXCLUDED."bool"
   WHERE (o."num", o."txt", o."bool") IS DISTINCT FROM (EXCLUDED."num", EXCLUDED."txt", EXCLUDED."bool");
  RETURN NULL;
END
$$;
CREATE TRIGGER "run_param_sort_update" AFTER UPDATE OF "params" ON "run"
  FOR EACH ROW WHEN (OLD."params" IS DISTINCT FROM NEW."params") EXECUTE FUNCTION atelier_run_param_sort_update();

INSERT INTO "run_param_sort" ("run_id", "key", "num", "txt", "bool")
SELECT s.* FROM "run" r, atelier_param_sort_rows(r.id, r.params) s;

-- The walks: by key, then value, then run (the list's tie-break), so a page is an index range.
-- Partial (schema.prisma cannot say so): each holds only the rows of its type, a third less disk
-- at a million runs. Booleans (two values) have none: their phase sorts what it matched.
CREATE INDEX "run_param_sort_num_idx" ON "run_param_sort"("key", "num", "run_id") WHERE "num" IS NOT NULL;
CREATE INDEX "run_param_sort_txt_idx" ON "run_param_sort"("key", "txt", "run_id") WHERE "txt" IS NOT NULL;

-- The default order of GET /runs (newest first) over every run, walked instead of sorted.
CREATE INDEX "run_created_at_idx" ON "run"("created_at");

-- A sort by a metric walks (key, last); with run_id in it, ties (a metric every run ends at the
-- same value, as an epoch count) come in the list's tie order too instead of being sorted.
DROP INDEX "metric_summary_key_last_idx";
CREATE INDEX "metric_summary_key_last_run_id_idx" ON "metric_summary"("key", "last", "run_id");

ANALYZE "run_param_sort";
