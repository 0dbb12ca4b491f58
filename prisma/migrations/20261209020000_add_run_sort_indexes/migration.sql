-- Every sort GET /runs accepts as an index walk over a million runs (issue 18, after
-- add_run_param_sort): until here a sort by a metric's min or max, by a tag or by an attribute
-- other than created read every matching run and sorted them (about 1 s at a million). Each gets
-- an index in the order compileSortPhases walks it: (value, id), so ties come in id order as they
-- are instead of being sorted.

-- Metrics' min and max, as (key, last, run_id) already is. A log rewrites a summary row whose
-- `last` is indexed, so its update was never HOT: these add two B-tree entries to that write.
CREATE INDEX "metric_summary_key_min_run_id_idx" ON "metric_summary"("key", "min", "run_id");
CREATE INDEX "metric_summary_key_max_run_id_idx" ON "metric_summary"("key", "max", "run_id");

-- The attributes. status: a phase per shown status reads its stored status's range (lost runs
-- within 'running'). last_seen_at is written by every log: its index makes that update a non-HOT
-- one (README, "A million runs", says what it costs).
CREATE INDEX "run_name_id_idx" ON "run"("name", "id");
CREATE INDEX "run_number_id_idx" ON "run"("number", "id");
CREATE INDEX "run_status_id_idx" ON "run"("status", "id");
CREATE INDEX "run_started_at_id_idx" ON "run"("started_at", "id");
CREATE INDEX "run_finished_at_id_idx" ON "run"("finished_at", "id");
CREATE INDEX "run_last_seen_at_id_idx" ON "run"("last_seen_at", "id");
-- created: (created_at) answered the default sort; with id its ties need no sort either
DROP INDEX "run_created_at_idx";
CREATE INDEX "run_created_at_id_idx" ON "run"("created_at", "id");

-- Tags, as run_param_sort holds parameters: one row per run and tag, kept by triggers on run in
-- the transaction of every write of tags, never written directly, walked by (key, value, run_id).
CREATE TABLE "run_tag_sort" (
    "run_id" UUID NOT NULL,
    "key" TEXT NOT NULL,
    "value" TEXT NOT NULL,

    CONSTRAINT "run_tag_sort_pkey" PRIMARY KEY ("run_id", "key")
);
ALTER TABLE "run_tag_sort" ADD CONSTRAINT "run_tag_sort_run_id_fkey"
  FOREIGN KEY ("run_id") REFERENCES "run"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- A tag's value as the list reads it (tags ->> key): a JSON null has none, and no row.
CREATE FUNCTION "atelier_tag_sort_rows"(run_id UUID, tags JSONB)
RETURNS TABLE ("run_id" UUID, "key" TEXT, "value" TEXT)
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT run_id, t.key, t.value
    FROM jsonb_each_text(CASE WHEN jsonb_typeof(tags) = 'object' THEN tags ELSE '{}'::jsonb END) t
   WHERE t.value IS NOT NULL
$$;

CREATE FUNCTION "atelier_run_tag_sort_insert"() RETURNS TRIGGER
LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "run_tag_sort" ("run_id", "key", "value")
  SELECT s.* FROM new_rows n, atelier_tag_sort_rows(n.id, n.tags) s;
  RETURN NULL;
END
$$;
CREATE TRIGGER "run_tag_sort_insert" AFTER INSERT ON "run" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION atelier_run_tag_sort_insert();

CREATE FUNCTION "atelier_run_tag_sort_update"() RETURNS TRIGGER
LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM "run_tag_sort" s
   WHERE s.run_id = NEW.id
     AND NOT EXISTS (SELECT 1 FROM atelier_tag_sort_rows(NEW.id, NEW.tags) t WHERE t.key = s.key);
  INSERT INTO "run_tag_sort" AS o ("run_id", "key", "value")
  SELECT * FROM atelier_tag_sort_rows(NEW.id, NEW.tags)
  ON CONFLICT ("run_id", "key") DO UPDATE SET "value" = EXCLUDED."value" WHERE o."value" IS DISTINCT FROM EXCLUDED."value";
  RETURN NULL;
END
$$;
CREATE TRIGGER "run_tag_sort_update" AFTER UPDATE OF "tags" ON "run"
  FOR EACH ROW WHEN (OLD."tags" IS DISTINCT FROM NEW."tags") EXECUTE FUNCTION atelier_run_tag_sort_update();

INSERT INTO "run_tag_sort" ("run_id", "key", "value")
SELECT s.* FROM "run" r, atelier_tag_sort_rows(r.id, r.tags) s;

CREATE INDEX "run_tag_sort_key_value_run_id_idx" ON "run_tag_sort"("key", "value", "run_id");

ANALYZE "run_tag_sort";
ANALYZE "run";
ANALYZE "metric_summary";
