-- AlterTable
ALTER TABLE "experiment" ADD COLUMN     "augmentation" JSONB,
ADD COLUMN     "budget" JSONB NOT NULL DEFAULT '{}',
ADD COLUMN     "refit_error" TEXT,
ADD COLUMN     "refit_status" TEXT,
ADD COLUMN     "refit_trial_id" UUID;

-- AlterTable
ALTER TABLE "trial" ADD COLUMN     "rung" INTEGER;

-- AlterTable
ALTER TABLE "fold_run" ADD COLUMN     "confusion_matrix" JSONB,
ADD COLUMN     "rung" INTEGER NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "artifact" DROP COLUMN "path",
ADD COLUMN     "content" BYTEA NOT NULL;

-- CreateTable
CREATE TABLE "trial_rung" (
    "id" UUID NOT NULL,
    "trial_id" UUID NOT NULL,
    "rung" INTEGER NOT NULL,
    "epochs" INTEGER NOT NULL,
    "mean_val_accuracy" DOUBLE PRECISION NOT NULL,
    "std_val_accuracy" DOUBLE PRECISION NOT NULL,
    "promoted" BOOLEAN NOT NULL DEFAULT false,
    "finished_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "trial_rung_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "checkpoint" (
    "id" UUID NOT NULL,
    "fold_run_id" UUID NOT NULL,
    "epoch" INTEGER NOT NULL,
    "content" BYTEA NOT NULL,
    "size_bytes" INTEGER NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "checkpoint_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "trial_rung_trial_id_rung_key" ON "trial_rung"("trial_id", "rung");

-- CreateIndex
CREATE UNIQUE INDEX "checkpoint_fold_run_id_key" ON "checkpoint"("fold_run_id");

-- AddForeignKey
ALTER TABLE "trial_rung" ADD CONSTRAINT "trial_rung_trial_id_fkey" FOREIGN KEY ("trial_id") REFERENCES "trial"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "checkpoint" ADD CONSTRAINT "checkpoint_fold_run_id_fkey" FOREIGN KEY ("fold_run_id") REFERENCES "fold_run"("id") ON DELETE CASCADE ON UPDATE CASCADE;
