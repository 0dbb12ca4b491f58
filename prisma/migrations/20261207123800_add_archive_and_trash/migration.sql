-- Lifecycle (issue 17): experiments and runs can be archived (hidden from the default lists) and
-- deleted to a trash (hidden everywhere) before they are purged for good.
ALTER TABLE "experiment" ADD COLUMN "archived_at" TIMESTAMPTZ(3),
ADD COLUMN "deleted_at" TIMESTAMPTZ(3);
ALTER TABLE "run" ADD COLUMN "archived_at" TIMESTAMPTZ(3),
ADD COLUMN "deleted_at" TIMESTAMPTZ(3);

-- The trash lists and the retention sweep read only trashed rows.
CREATE INDEX "experiment_deleted_at_idx" ON "experiment"("deleted_at");
CREATE INDEX "run_deleted_at_idx" ON "run"("deleted_at");

-- What was purged, so that restoring it answers 410 Gone rather than 404.
CREATE TABLE "purged_item" (
    "id" UUID NOT NULL,
    "kind" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "purged_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "purged_item_pkey" PRIMARY KEY ("id")
);
