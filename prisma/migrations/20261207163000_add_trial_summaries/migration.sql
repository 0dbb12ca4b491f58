-- Summaries maintained as trials and folds change (issue 18): the experiment page's overview
-- reads them instead of scanning 100,000 trials and 500,000 folds. Triggers keep them, so every
-- writer (the API, the worker's transitions, a bulk seed in SQL) updates them in the same
-- transaction as the change itself, and nothing can forget to.

-- A search trial's planned epochs, as paramsOf writes them; 0 when absent or not a number.
CREATE FUNCTION "atelier_trial_epochs"(params JSONB) RETURNS INTEGER
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE WHEN jsonb_typeof(params -> 'epochs') = 'number'
              THEN LEAST(GREATEST((params ->> 'epochs')::numeric, 0), 2147483647)::int ELSE 0 END
$$;

-- Per trial, over its folds: Σ of the epochs each fold trained (a completed fold counts the
-- trial's epochs, another its epochs_completed clamped to [0, epochs]) and its running folds.
-- "The rung its score comes from" (scoreRungOf in @atelier/domain, 0 for none), so that the
-- best-run order (compareForBest) is an index order.
ALTER TABLE "run" ADD COLUMN "fold_epochs" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN "running_folds" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN "score_rung" INTEGER GENERATED ALWAYS AS (
  CASE WHEN "rung" IS NULL OR "mean_val_accuracy" IS NULL THEN 0
       WHEN "status" IN ('waiting', 'stopped', 'completed') THEN "rung"
       WHEN "rung" > 0 THEN "rung" - 1
       ELSE 0 END) STORED;

-- Per search and trial status: how many trials, Σ planned epochs, Σ fold epochs, running folds,
-- trials with a score. Rows whose counts fall to 0 stay (harmless zeros).
CREATE TABLE "experiment_trial_summary" (
    "experiment_id" UUID NOT NULL,
    "status" TEXT NOT NULL,
    "trials" INTEGER NOT NULL DEFAULT 0,
    "epochs" BIGINT NOT NULL DEFAULT 0,
    "fold_epochs" BIGINT NOT NULL DEFAULT 0,
    "running_folds" INTEGER NOT NULL DEFAULT 0,
    "scored" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "experiment_trial_summary_pkey" PRIMARY KEY ("experiment_id", "status")
);
ALTER TABLE "experiment_trial_summary" ADD CONSTRAINT "experiment_trial_summary_experiment_id_fkey"
  FOREIGN KEY ("experiment_id") REFERENCES "experiment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- The overview's watched trials: the best by the one rule, and the finished last.
CREATE INDEX "run_best_trial_idx"
  ON "run"("experiment_id", "score_rung" DESC, "mean_val_accuracy" DESC NULLS LAST, "parameter_count", "number");
CREATE INDEX "run_experiment_id_finished_at_number_idx" ON "run"("experiment_id", "finished_at" DESC, "number");

-- GET /runs at a million runs: `tags.team = 'vision'` compiles to containment (r.tags @> …), which
-- this answers as params' GIN index answers params.
CREATE INDEX "run_tags_idx" ON "run" USING GIN ("tags" jsonb_path_ops);

-- Recomputes the fold sums of these trials from their folds (a handful each).
CREATE FUNCTION "atelier_refresh_trial_folds"(trial_ids UUID[]) RETURNS VOID
LANGUAGE sql AS $$
  UPDATE "run" r
     SET "fold_epochs" = s.fold_epochs, "running_folds" = s.running_folds
    FROM (SELECT t.id,
                 COALESCE(sum(CASE WHEN f.status = 'completed' THEN atelier_trial_epochs(t.params)
                                   ELSE LEAST(GREATEST(f.epochs_completed, 0), atelier_trial_epochs(t.params)) END), 0)::int AS fold_epochs,
                 (count(f.id) FILTER (WHERE f.status = 'running'))::int AS running_folds
            FROM "run" t
            LEFT JOIN "fold_run" f ON f.trial_id = t.id
           WHERE t.id = ANY(trial_ids)
           GROUP BY t.id) s
   WHERE r.id = s.id AND (r."fold_epochs" <> s.fold_epochs OR r."running_folds" <> s.running_folds)
$$;

-- Adds signed per-(experiment, status) deltas to the summary, in key order (two transactions
-- then lock the rows of one search in the same order), skipping searches being deleted.
CREATE FUNCTION "atelier_apply_trial_summary"(deltas "experiment_trial_summary"[]) RETURNS VOID
LANGUAGE sql AS $$
  INSERT INTO "experiment_trial_summary" AS s ("experiment_id", "status", "trials", "epochs", "fold_epochs", "running_folds", "scored")
  SELECT d.experiment_id, d.status, sum(d.trials), sum(d.epochs), sum(d.fold_epochs), sum(d.running_folds), sum(d.scored)
    FROM unnest(deltas) d
   WHERE EXISTS (SELECT 1 FROM "experiment" e WHERE e.id = d.experiment_id)
   GROUP BY d.experiment_id, d.status
  HAVING sum(d.trials) <> 0 OR sum(d.epochs) <> 0 OR sum(d.fold_epochs) <> 0 OR sum(d.running_folds) <> 0 OR sum(d.scored) <> 0
   ORDER BY d.experiment_id, d.status
  ON CONFLICT ("experiment_id", "status") DO UPDATE
     SET "trials" = s."trials" + EXCLUDED."trials", "epochs" = s."epochs" + EXCLUDED."epochs",
         "fold_epochs" = s."fold_epochs" + EXCLUDED."fold_epochs", "running_folds" = s."running_folds" + EXCLUDED."running_folds",
         "scored" = s."scored" + EXCLUDED."scored"
$$;

-- A search trial's contribution (architecture_id marks one; runs logged from code have none).
CREATE FUNCTION "atelier_run_summary"() RETURNS TRIGGER
LANGUAGE plpgsql AS $$
DECLARE
  deltas "experiment_trial_summary"[];
BEGIN
  IF TG_OP = 'INSERT' THEN
    SELECT array_agg(ROW(experiment_id, status, n, e, fe, rf, sc)::"experiment_trial_summary") INTO deltas
      FROM (SELECT experiment_id, status, count(*) AS n, sum(atelier_trial_epochs(params)) AS e, sum(fold_epochs) AS fe,
                   sum(running_folds) AS rf, count(*) FILTER (WHERE mean_val_accuracy IS NOT NULL) AS sc
              FROM new_rows WHERE architecture_id IS NOT NULL GROUP BY 1, 2) x;
  ELSIF TG_OP = 'DELETE' THEN
    SELECT array_agg(ROW(experiment_id, status, -n, -e, -fe, -rf, -sc)::"experiment_trial_summary") INTO deltas
      FROM (SELECT experiment_id, status, count(*) AS n, sum(atelier_trial_epochs(params)) AS e, sum(fold_epochs) AS fe,
                   sum(running_folds) AS rf, count(*) FILTER (WHERE mean_val_accuracy IS NOT NULL) AS sc
              FROM old_rows WHERE architecture_id IS NOT NULL GROUP BY 1, 2) x;
  ELSE
    SELECT array_agg(ROW(experiment_id, status, n, e, fe, rf, sc)::"experiment_trial_summary") INTO deltas
      FROM (SELECT experiment_id, status, 1 AS n, atelier_trial_epochs(params) AS e, fold_epochs AS fe, running_folds AS rf,
                   (mean_val_accuracy IS NOT NULL)::int AS sc
              FROM new_rows WHERE architecture_id IS NOT NULL
            UNION ALL
            SELECT experiment_id, status, -1, -atelier_trial_epochs(params), -fold_epochs, -running_folds,
                   -((mean_val_accuracy IS NOT NULL)::int)
              FROM old_rows WHERE architecture_id IS NOT NULL) x;
  END IF;
  IF deltas IS NOT NULL THEN
    PERFORM atelier_apply_trial_summary(deltas);
  END IF;
  RETURN NULL;
END
$$;

CREATE TRIGGER "run_summary_insert" AFTER INSERT ON "run" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION atelier_run_summary();
CREATE TRIGGER "run_summary_update" AFTER UPDATE ON "run" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION atelier_run_summary();
CREATE TRIGGER "run_summary_delete" AFTER DELETE ON "run" REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION atelier_run_summary();

-- A trial whose planned epochs change re-clamps its folds.
CREATE FUNCTION "atelier_run_epochs_changed"() RETURNS TRIGGER
LANGUAGE plpgsql AS $$
BEGIN
  IF atelier_trial_epochs(NEW.params) <> atelier_trial_epochs(OLD.params) THEN
    SELECT COALESCE(sum(CASE WHEN f.status = 'completed' THEN atelier_trial_epochs(NEW.params)
                             ELSE LEAST(GREATEST(f.epochs_completed, 0), atelier_trial_epochs(NEW.params)) END), 0)::int
      INTO NEW.fold_epochs
      FROM "fold_run" f WHERE f.trial_id = NEW.id;
  END IF;
  RETURN NEW;
END
$$;
CREATE TRIGGER "run_epochs_changed" BEFORE UPDATE OF "params" ON "run"
  FOR EACH ROW EXECUTE FUNCTION atelier_run_epochs_changed();

-- A fold that appears, goes, or changes status or epochs updates its trial's sums.
CREATE FUNCTION "atelier_fold_summary"() RETURNS TRIGGER
LANGUAGE plpgsql AS $$
DECLARE
  trial_ids UUID[];
BEGIN
  IF TG_OP = 'INSERT' THEN
    SELECT array_agg(DISTINCT trial_id) INTO trial_ids FROM new_rows;
  ELSIF TG_OP = 'DELETE' THEN
    SELECT array_agg(DISTINCT trial_id) INTO trial_ids FROM old_rows;
  ELSE
    SELECT array_agg(DISTINCT t) INTO trial_ids
      FROM (SELECT n.trial_id AS t FROM new_rows n JOIN old_rows o ON o.id = n.id
             WHERE (n.status, n.epochs_completed, n.trial_id) IS DISTINCT FROM (o.status, o.epochs_completed, o.trial_id)
            UNION ALL
            SELECT o.trial_id FROM new_rows n JOIN old_rows o ON o.id = n.id WHERE n.trial_id <> o.trial_id) x;
  END IF;
  IF trial_ids IS NOT NULL THEN
    PERFORM atelier_refresh_trial_folds(trial_ids);
  END IF;
  RETURN NULL;
END
$$;

CREATE TRIGGER "fold_run_summary_insert" AFTER INSERT ON "fold_run" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION atelier_fold_summary();
CREATE TRIGGER "fold_run_summary_update" AFTER UPDATE ON "fold_run" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION atelier_fold_summary();
CREATE TRIGGER "fold_run_summary_delete" AFTER DELETE ON "fold_run" REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION atelier_fold_summary();

-- What exists already: the trials' fold sums (this fires the run trigger, but no summary row
-- exists yet, so the rows it writes are deltas that the recount below replaces), then the summary.
SELECT atelier_refresh_trial_folds(ARRAY(SELECT id FROM "run" WHERE architecture_id IS NOT NULL));
DELETE FROM "experiment_trial_summary";
INSERT INTO "experiment_trial_summary" ("experiment_id", "status", "trials", "epochs", "fold_epochs", "running_folds", "scored")
SELECT experiment_id, status, count(*), sum(atelier_trial_epochs(params)), sum(fold_epochs), sum(running_folds),
       count(*) FILTER (WHERE mean_val_accuracy IS NOT NULL)
  FROM "run" WHERE architecture_id IS NOT NULL
 GROUP BY experiment_id, status;

-- The params keys of each experiment, with whether every value logged for the key is a number:
-- the trials table's and the runs table's columns, read here instead of unpacking every run's
-- params (700,000 jsonb_each rows at 100,000 trials). Kept by a trigger on run; parameters are
-- set once (a second value is refused), so a key stays once seen, and a number key turns
-- non-numeric when a run logs another kind for it.
CREATE TABLE "experiment_param_key" (
    "experiment_id" UUID NOT NULL,
    "key" TEXT NOT NULL,
    "numeric" BOOLEAN NOT NULL,

    CONSTRAINT "experiment_param_key_pkey" PRIMARY KEY ("experiment_id", "key")
);
ALTER TABLE "experiment_param_key" ADD CONSTRAINT "experiment_param_key_experiment_id_fkey"
  FOREIGN KEY ("experiment_id") REFERENCES "experiment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

CREATE FUNCTION "atelier_run_param_keys"() RETURNS TRIGGER
LANGUAGE plpgsql AS $$
BEGIN
  -- only keys that are new, or that turn non-numeric, are written (and locked)
  INSERT INTO "experiment_param_key" AS k ("experiment_id", "key", "numeric")
  SELECT x.experiment_id, x.key, x.numeric
    FROM (SELECT n.experiment_id, p.key, bool_and(jsonb_typeof(p.value) = 'number') AS numeric
            FROM new_rows n, jsonb_each(CASE WHEN jsonb_typeof(n.params) = 'object' THEN n.params ELSE '{}'::jsonb END) p
           GROUP BY n.experiment_id, p.key) x
   WHERE EXISTS (SELECT 1 FROM "experiment" e WHERE e.id = x.experiment_id)
     AND NOT EXISTS (SELECT 1 FROM "experiment_param_key" o
                      WHERE o.experiment_id = x.experiment_id AND o.key = x.key AND (x.numeric OR NOT o.numeric))
   ORDER BY x.experiment_id, x.key
  ON CONFLICT ("experiment_id", "key") DO UPDATE SET "numeric" = k."numeric" AND EXCLUDED."numeric";
  RETURN NULL;
END
$$;
CREATE TRIGGER "run_param_keys_insert" AFTER INSERT ON "run" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION atelier_run_param_keys();
CREATE TRIGGER "run_param_keys_update" AFTER UPDATE ON "run" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION atelier_run_param_keys();

INSERT INTO "experiment_param_key" ("experiment_id", "key", "numeric")
SELECT r.experiment_id, p.key, bool_and(jsonb_typeof(p.value) = 'number')
  FROM "run" r, jsonb_each(CASE WHEN jsonb_typeof(r.params) = 'object' THEN r.params ELSE '{}'::jsonb END) p
 GROUP BY r.experiment_id, p.key;
