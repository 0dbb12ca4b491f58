-- The metric keys of each experiment, as experiment_param_key holds its params keys: the trials
-- table's metric columns (GET /experiments/:id/trials, which the experiment page now reads on the
-- server) grouped every metric summary of the search at each page (500,000 rows, 250–340 ms at
-- 100,000 trials). Kept by a trigger on metric_summary; a key stays once seen, as a params key does.
CREATE TABLE "experiment_metric_key" (
    "experiment_id" UUID NOT NULL,
    "key" TEXT NOT NULL,

    CONSTRAINT "experiment_metric_key_pkey" PRIMARY KEY ("experiment_id", "key")
);
ALTER TABLE "experiment_metric_key" ADD CONSTRAINT "experiment_metric_key_experiment_id_fkey"
  FOREIGN KEY ("experiment_id") REFERENCES "experiment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Only keys new to their experiment are written (and locked), in key order.
CREATE FUNCTION "atelier_metric_summary_keys"() RETURNS TRIGGER
LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "experiment_metric_key" ("experiment_id", "key")
  SELECT DISTINCT r.experiment_id, n.key
    FROM new_rows n JOIN "run" r ON r.id = n.run_id
   WHERE NOT EXISTS (SELECT 1 FROM "experiment_metric_key" k WHERE k.experiment_id = r.experiment_id AND k.key = n.key)
   ORDER BY 1, 2
  ON CONFLICT DO NOTHING;
  RETURN NULL;
END
$$;
CREATE TRIGGER "metric_summary_keys_insert" AFTER INSERT ON "metric_summary" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION atelier_metric_summary_keys();

INSERT INTO "experiment_metric_key" ("experiment_id", "key")
SELECT DISTINCT r.experiment_id, ms.key FROM "metric_summary" ms JOIN "run" r ON r.id = ms.run_id;
