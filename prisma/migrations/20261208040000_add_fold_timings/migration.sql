-- Where a fold's last attempt spent its wall time (issue 19): seconds per phase (FOLD_PHASES in
-- packages/domain), written by the worker when the fold completes. Null for older folds and for
-- attempts that did not finish.
ALTER TABLE "fold_run" ADD COLUMN "timings" JSONB;
