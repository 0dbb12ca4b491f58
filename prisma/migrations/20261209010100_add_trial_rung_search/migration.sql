-- The ASHA chart's points (the overview's rungs) are each rung's best RUNG_POINTS_LIMIT scores,
-- ties by trial number. trial_rung knew only its trial, so the overview joined every rung result
-- of the search to its run and ranked them all (a window over 100,000 rows and more) at each load.
-- Each result now carries its trial's search and number, copied from the run as the row is written
-- (a trigger, so every writer fills them), and this index walks one rung best first: a page of the
-- chart reads its points, not the search.
ALTER TABLE "trial_rung" ADD COLUMN "experiment_id" UUID,
ADD COLUMN "trial_number" INTEGER;

CREATE FUNCTION "atelier_trial_rung_search"() RETURNS TRIGGER
LANGUAGE plpgsql AS $$
BEGIN
  SELECT t.experiment_id, t.number INTO NEW.experiment_id, NEW.trial_number FROM "run" t WHERE t.id = NEW.trial_id;
  RETURN NEW;
END
$$;

CREATE TRIGGER "trial_rung_search" BEFORE INSERT OR UPDATE OF "trial_id", "experiment_id", "trial_number" ON "trial_rung"
  FOR EACH ROW EXECUTE FUNCTION atelier_trial_rung_search();

-- What exists already (the trigger above fills the columns from the run).
UPDATE "trial_rung" tr SET "experiment_id" = t.experiment_id, "trial_number" = t.number
  FROM "run" t WHERE t.id = tr.trial_id;

CREATE INDEX "trial_rung_chart_idx"
  ON "trial_rung"("experiment_id", "rung", "mean_val_accuracy" DESC, "trial_number");
