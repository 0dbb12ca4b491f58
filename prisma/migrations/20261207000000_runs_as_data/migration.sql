-- Runs as data (issue 8). A search's trial and a run logged from code become one kind of row,
-- "run": hyperparameters move from one column each into the params document, and epoch
-- metrics into the metric series (any key, per fold), with a summary per run and key.
-- Hand-written rather than generated: the generator would drop and re-create "trial" and
-- "epoch_metric", losing every row; this renames and moves instead.

-- Experiments: a search, or a group of runs logged from code.
ALTER TABLE "experiment" ADD COLUMN "kind" TEXT NOT NULL DEFAULT 'search',
ADD COLUMN "notes" TEXT NOT NULL DEFAULT '',
ADD COLUMN "tags" JSONB NOT NULL DEFAULT '{}',
ALTER COLUMN "dataset_id" DROP NOT NULL,
ALTER COLUMN "strategy" DROP NOT NULL,
ALTER COLUMN "space" DROP NOT NULL,
ALTER COLUMN "validation" DROP NOT NULL,
ALTER COLUMN "seed" DROP NOT NULL,
ALTER COLUMN "trial_count" SET DEFAULT 0;
CREATE INDEX "experiment_project_id_name_idx" ON "experiment"("project_id", "name");

-- trial -> run, keeping every row and every reference to it.
ALTER TABLE "trial" RENAME TO "run";
ALTER TABLE "run" RENAME CONSTRAINT "trial_pkey" TO "run_pkey";
ALTER TABLE "run" RENAME CONSTRAINT "trial_experiment_id_fkey" TO "run_experiment_id_fkey";
ALTER TABLE "run" RENAME CONSTRAINT "trial_architecture_id_fkey" TO "run_architecture_id_fkey";
ALTER INDEX "trial_experiment_id_number_key" RENAME TO "run_experiment_id_number_key";
ALTER INDEX "trial_experiment_id_status_idx" RENAME TO "run_experiment_id_status_idx";
ALTER INDEX "trial_experiment_id_mean_val_accuracy_idx" RENAME TO "run_experiment_id_mean_val_accuracy_idx";
ALTER INDEX "trial_architecture_id_idx" RENAME TO "run_architecture_id_idx";

ALTER TABLE "run" ALTER COLUMN "architecture_id" DROP NOT NULL,
ADD COLUMN "name" TEXT,
ADD COLUMN "params" JSONB NOT NULL DEFAULT '{}',
ADD COLUMN "tags" JSONB NOT NULL DEFAULT '{}',
ADD COLUMN "notes" TEXT NOT NULL DEFAULT '',
ADD COLUMN "last_seen_at" TIMESTAMPTZ(3);

-- The hyperparameters, under the names of THyperparameters (architecture by its key).
UPDATE "run" AS r SET "params" = jsonb_build_object(
  'architecture', a."key",
  'batchSize', r."batch_size",
  'epochs', r."epochs",
  'activation', r."activation",
  'optimizer', r."optimizer",
  'learningRate', r."learning_rate",
  'momentum', r."momentum")
FROM "architecture" AS a WHERE a."id" = r."architecture_id";

ALTER TABLE "run" DROP COLUMN "batch_size",
DROP COLUMN "epochs",
DROP COLUMN "activation",
DROP COLUMN "optimizer",
DROP COLUMN "learning_rate",
DROP COLUMN "momentum";
CREATE INDEX "run_params_idx" ON "run" USING GIN ("params" jsonb_path_ops);

-- Metric series.
CREATE TABLE "metric" (
    "run_id" UUID NOT NULL,
    "fold" SMALLINT NOT NULL DEFAULT -1,
    "key" TEXT NOT NULL,
    "step" INTEGER NOT NULL,
    "value" DOUBLE PRECISION NOT NULL,
    "wall_time" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "metric_pkey" PRIMARY KEY ("run_id","key","fold","step")
);
ALTER TABLE "metric" ADD CONSTRAINT "metric_run_id_fkey" FOREIGN KEY ("run_id") REFERENCES "run"("id") ON DELETE CASCADE ON UPDATE CASCADE;

CREATE TABLE "metric_summary" (
    "run_id" UUID NOT NULL,
    "key" TEXT NOT NULL,
    "last" DOUBLE PRECISION NOT NULL,
    "last_step" INTEGER NOT NULL,
    "min" DOUBLE PRECISION NOT NULL,
    "max" DOUBLE PRECISION NOT NULL,
    "count" INTEGER NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "metric_summary_pkey" PRIMARY KEY ("run_id","key")
);
CREATE INDEX "metric_summary_key_last_idx" ON "metric_summary"("key", "last");
ALTER TABLE "metric_summary" ADD CONSTRAINT "metric_summary_run_id_fkey" FOREIGN KEY ("run_id") REFERENCES "run"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Every epoch of every fold, one point per metric key (the epoch is the step).
INSERT INTO "metric" ("run_id", "fold", "key", "step", "value", "wall_time")
SELECT f."trial_id", f."fold", m.key, e."epoch", m.value, e."created_at"
FROM "epoch_metric" AS e
JOIN "fold_run" AS f ON f."id" = e."fold_run_id"
CROSS JOIN LATERAL (VALUES
  ('loss', e."loss"),
  ('accuracy', e."accuracy"),
  ('val_loss', e."val_loss"),
  ('val_accuracy', e."val_accuracy"),
  ('epoch_seconds', e."seconds")) AS m(key, value)
WHERE m.value IS NOT NULL;

-- Summaries over the mean of the folds at each step (migrated runs have only fold points), by
-- the rule of packages/db's recomputeSummaries: min and max skip NaN (PostgreSQL sorts NaN above
-- every number, so a diverged epoch would otherwise be every key's max), NaN when all are.
INSERT INTO "metric_summary" ("run_id", "key", "last", "last_step", "min", "max", "count")
SELECT run_id, key, (array_agg(value ORDER BY step DESC))[1], max(step),
       coalesce(min(value) FILTER (WHERE value <> 'NaN'), 'NaN'), coalesce(max(value) FILTER (WHERE value <> 'NaN'), 'NaN'), count(*)::int
FROM (
  SELECT "run_id", "key", "step", avg("value") AS value
  FROM "metric" GROUP BY "run_id", "key", "step"
) AS fold_means
GROUP BY run_id, key;

DROP TABLE "epoch_metric";

-- Artifacts: files a run uploads live in the artifact store, models stay in the database.
ALTER TABLE "artifact" ADD COLUMN "content_type" TEXT,
ADD COLUMN "name" TEXT,
ADD COLUMN "storage_key" TEXT,
ALTER COLUMN "content" DROP NOT NULL;
CREATE UNIQUE INDEX "artifact_trial_id_name_key" ON "artifact"("trial_id", "name");
