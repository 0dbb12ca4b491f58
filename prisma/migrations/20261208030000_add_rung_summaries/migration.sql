-- ASHA's rungs on the overview, maintained (issue 18) like experiment_trial_summary: per search and
-- rung, how many trials reached it, how many of those were promoted, how many wait for a decision
-- (not promoted, their trial 'waiting'), and the best score there. The overview read them grouped
-- from every trial_rung row of the search at each load (100,000 and more at 100,000 trials).
-- Triggers on trial_rung and run keep them in the same transaction as the change.
CREATE TABLE "experiment_rung_summary" (
    "experiment_id" UUID NOT NULL,
    "rung" INTEGER NOT NULL,
    "results" INTEGER NOT NULL DEFAULT 0,
    "promoted" INTEGER NOT NULL DEFAULT 0,
    "waiting" INTEGER NOT NULL DEFAULT 0,
    "best" DOUBLE PRECISION,

    CONSTRAINT "experiment_rung_summary_pkey" PRIMARY KEY ("experiment_id", "rung")
);
ALTER TABLE "experiment_rung_summary" ADD CONSTRAINT "experiment_rung_summary_experiment_id_fkey"
  FOREIGN KEY ("experiment_id") REFERENCES "experiment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Counts every rung of these searches again from their trial_rung rows (the backfill below, and
-- a trial deleted from a live search, whose rung rows are gone before any trigger can read them).
CREATE FUNCTION "atelier_recount_rung_summary"(experiment_ids UUID[]) RETURNS VOID
LANGUAGE sql AS $$
  DELETE FROM "experiment_rung_summary" WHERE "experiment_id" = ANY(experiment_ids);
  INSERT INTO "experiment_rung_summary" ("experiment_id", "rung", "results", "promoted", "waiting", "best")
  SELECT t.experiment_id, tr.rung, count(*), count(*) FILTER (WHERE tr.promoted),
         count(*) FILTER (WHERE NOT tr.promoted AND t.status = 'waiting'), max(tr.mean_val_accuracy)
    FROM "trial_rung" tr JOIN "run" t ON t.id = tr.trial_id
   WHERE t.experiment_id = ANY(experiment_ids)
   GROUP BY 1, 2
   ORDER BY 1, 2;
$$;

-- Adds signed per-(search, rung) deltas, in key order (two transactions then lock one search's rows
-- in the same order); `best` is a candidate (the highest score written), never lowered here.
CREATE FUNCTION "atelier_apply_rung_summary"(deltas "experiment_rung_summary"[]) RETURNS VOID
LANGUAGE sql AS $$
  INSERT INTO "experiment_rung_summary" AS s ("experiment_id", "rung", "results", "promoted", "waiting", "best")
  SELECT d.experiment_id, d.rung, sum(d.results), sum(d.promoted), sum(d.waiting), max(d.best)
    FROM unnest(deltas) d
   WHERE EXISTS (SELECT 1 FROM "experiment" e WHERE e.id = d.experiment_id)
   GROUP BY d.experiment_id, d.rung
  HAVING sum(d.results) <> 0 OR sum(d.promoted) <> 0 OR sum(d.waiting) <> 0 OR max(d.best) IS NOT NULL
   ORDER BY d.experiment_id, d.rung
  ON CONFLICT ("experiment_id", "rung") DO UPDATE
     SET "results" = s."results" + EXCLUDED."results", "promoted" = s."promoted" + EXCLUDED."promoted",
         "waiting" = s."waiting" + EXCLUDED."waiting", "best" = GREATEST(s."best", EXCLUDED."best")
$$;

-- A rung result written, promoted, rescored or removed. Its search and its trial's status come
-- from the run (a result whose run is being deleted has none: the run's trigger recounts). When a
-- score that was the best leaves (deleted, lowered, moved), that rung's best is read again.
CREATE FUNCTION "atelier_trial_rung_summary"() RETURNS TRIGGER
LANGUAGE plpgsql AS $$
DECLARE
  deltas "experiment_rung_summary"[];
  removed "experiment_rung_summary"[];
BEGIN
  IF TG_OP = 'INSERT' THEN
    SELECT array_agg(ROW(t.experiment_id, n.rung, 1, n.promoted::int, (NOT n.promoted AND t.status = 'waiting')::int,
                         n.mean_val_accuracy)::"experiment_rung_summary")
      INTO deltas
      FROM new_rows n JOIN "run" t ON t.id = n.trial_id;
  ELSIF TG_OP = 'DELETE' THEN
    SELECT array_agg(ROW(t.experiment_id, o.rung, -1, -(o.promoted::int), -((NOT o.promoted AND t.status = 'waiting')::int),
                         NULL)::"experiment_rung_summary"),
           array_agg(ROW(t.experiment_id, o.rung, 0, 0, 0, o.mean_val_accuracy)::"experiment_rung_summary")
      INTO deltas, removed
      FROM old_rows o JOIN "run" t ON t.id = o.trial_id;
  ELSE
    SELECT array_agg(d) INTO deltas
      FROM (SELECT ROW(t.experiment_id, n.rung, 1, n.promoted::int, (NOT n.promoted AND t.status = 'waiting')::int,
                       n.mean_val_accuracy)::"experiment_rung_summary" AS d
              FROM new_rows n JOIN "run" t ON t.id = n.trial_id
            UNION ALL
            SELECT ROW(t.experiment_id, o.rung, -1, -(o.promoted::int), -((NOT o.promoted AND t.status = 'waiting')::int),
                       NULL)::"experiment_rung_summary"
              FROM old_rows o JOIN "run" t ON t.id = o.trial_id) x;
    SELECT array_agg(ROW(t.experiment_id, o.rung, 0, 0, 0, o.mean_val_accuracy)::"experiment_rung_summary")
      INTO removed
      FROM old_rows o JOIN new_rows n ON n.id = o.id JOIN "run" t ON t.id = o.trial_id
     WHERE (o.rung, o.mean_val_accuracy, o.trial_id) IS DISTINCT FROM (n.rung, n.mean_val_accuracy, n.trial_id);
  END IF;
  IF deltas IS NOT NULL THEN
    PERFORM atelier_apply_rung_summary(deltas);
  END IF;
  IF removed IS NOT NULL THEN
    UPDATE "experiment_rung_summary" s
       SET "best" = (SELECT max(tr.mean_val_accuracy) FROM "trial_rung" tr JOIN "run" t ON t.id = tr.trial_id
                      WHERE t.experiment_id = s.experiment_id AND tr.rung = s.rung)
     WHERE EXISTS (SELECT 1 FROM unnest(removed) r
                    WHERE r.experiment_id = s.experiment_id AND r.rung = s.rung AND r.best >= s.best);
  END IF;
  RETURN NULL;
END
$$;

CREATE TRIGGER "trial_rung_summary_insert" AFTER INSERT ON "trial_rung" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION atelier_trial_rung_summary();
CREATE TRIGGER "trial_rung_summary_update" AFTER UPDATE ON "trial_rung" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION atelier_trial_rung_summary();
CREATE TRIGGER "trial_rung_summary_delete" AFTER DELETE ON "trial_rung" REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION atelier_trial_rung_summary();

-- A trial that starts or stops waiting for a decision moves its unpromoted results in or out of
-- `waiting`; a trial deleted from a live search (its rung rows already gone) recounts that search.
CREATE FUNCTION "atelier_run_rung_summary"() RETURNS TRIGGER
LANGUAGE plpgsql AS $$
DECLARE
  deltas "experiment_rung_summary"[];
  searches UUID[];
BEGIN
  IF TG_OP = 'UPDATE' THEN
    SELECT array_agg(ROW(n.experiment_id, tr.rung, 0, 0, (n.status = 'waiting')::int - (o.status = 'waiting')::int,
                         NULL)::"experiment_rung_summary")
      INTO deltas
      FROM new_rows n JOIN old_rows o ON o.id = n.id
      JOIN "trial_rung" tr ON tr.trial_id = n.id AND NOT tr.promoted
     WHERE (n.status = 'waiting') <> (o.status = 'waiting');
    IF deltas IS NOT NULL THEN
      PERFORM atelier_apply_rung_summary(deltas);
    END IF;
  ELSE
    SELECT array_agg(DISTINCT o.experiment_id) INTO searches
      FROM old_rows o
     WHERE EXISTS (SELECT 1 FROM "experiment_rung_summary" s WHERE s.experiment_id = o.experiment_id)
       AND EXISTS (SELECT 1 FROM "experiment" e WHERE e.id = o.experiment_id);
    IF searches IS NOT NULL THEN
      PERFORM atelier_recount_rung_summary(searches);
    END IF;
  END IF;
  RETURN NULL;
END
$$;

CREATE TRIGGER "run_rung_summary_update" AFTER UPDATE ON "run" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION atelier_run_rung_summary();
CREATE TRIGGER "run_rung_summary_delete" AFTER DELETE ON "run" REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION atelier_run_rung_summary();

-- What exists already.
SELECT atelier_recount_rung_summary(ARRAY(SELECT DISTINCT t.experiment_id FROM "trial_rung" tr JOIN "run" t ON t.id = tr.trial_id));
