-- CreateTable
CREATE TABLE "project" (
    "id" UUID NOT NULL,
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "project_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "dataset" (
    "id" UUID NOT NULL,
    "project_id" UUID,
    "key" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "format" TEXT NOT NULL,
    "class_names" JSONB NOT NULL,
    "train_size" INTEGER NOT NULL,
    "test_size" INTEGER NOT NULL,
    "image_shape" JSONB NOT NULL,
    "storage_path" TEXT,
    "checksums" JSONB NOT NULL DEFAULT '{}',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "dataset_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "architecture" (
    "id" UUID NOT NULL,
    "project_id" UUID,
    "key" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "builtin" BOOLEAN NOT NULL DEFAULT false,
    "spec" JSONB NOT NULL,
    "parameter_count" INTEGER,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "architecture_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "experiment" (
    "id" UUID NOT NULL,
    "project_id" UUID NOT NULL,
    "dataset_id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "status" TEXT NOT NULL DEFAULT 'queued',
    "strategy" JSONB NOT NULL,
    "space" JSONB NOT NULL,
    "validation" JSONB NOT NULL,
    "training_slice" INTEGER,
    "seed" INTEGER NOT NULL,
    "priority" INTEGER NOT NULL DEFAULT 10,
    "trial_count" INTEGER NOT NULL,
    "best_trial_id" UUID,
    "error" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "started_at" TIMESTAMPTZ(3),
    "finished_at" TIMESTAMPTZ(3),

    CONSTRAINT "experiment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "trial" (
    "id" UUID NOT NULL,
    "experiment_id" UUID NOT NULL,
    "architecture_id" UUID NOT NULL,
    "number" INTEGER NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'queued',
    "batch_size" INTEGER NOT NULL,
    "epochs" INTEGER NOT NULL,
    "activation" TEXT NOT NULL,
    "optimizer" TEXT NOT NULL,
    "learning_rate" DOUBLE PRECISION NOT NULL,
    "momentum" DOUBLE PRECISION NOT NULL,
    "parameter_count" INTEGER,
    "mean_val_accuracy" DOUBLE PRECISION,
    "std_val_accuracy" DOUBLE PRECISION,
    "mean_val_loss" DOUBLE PRECISION,
    "error" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "started_at" TIMESTAMPTZ(3),
    "finished_at" TIMESTAMPTZ(3),

    CONSTRAINT "trial_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "fold_run" (
    "id" UUID NOT NULL,
    "trial_id" UUID NOT NULL,
    "fold" INTEGER NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'queued',
    "train_size" INTEGER,
    "val_size" INTEGER,
    "epochs_completed" INTEGER NOT NULL DEFAULT 0,
    "val_accuracy" DOUBLE PRECISION,
    "val_loss" DOUBLE PRECISION,
    "backend" TEXT,
    "worker_id" TEXT,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "error" TEXT,
    "started_at" TIMESTAMPTZ(3),
    "finished_at" TIMESTAMPTZ(3),

    CONSTRAINT "fold_run_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "epoch_metric" (
    "id" BIGSERIAL NOT NULL,
    "fold_run_id" UUID NOT NULL,
    "epoch" INTEGER NOT NULL,
    "loss" DOUBLE PRECISION NOT NULL,
    "accuracy" DOUBLE PRECISION NOT NULL,
    "val_loss" DOUBLE PRECISION,
    "val_accuracy" DOUBLE PRECISION,
    "seconds" DOUBLE PRECISION NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "epoch_metric_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "evaluation" (
    "id" UUID NOT NULL,
    "experiment_id" UUID,
    "trial_id" UUID,
    "artifact_id" UUID,
    "split" TEXT NOT NULL DEFAULT 'test',
    "accuracy" DOUBLE PRECISION NOT NULL,
    "loss" DOUBLE PRECISION,
    "confusion_matrix" JSONB NOT NULL,
    "per_class" JSONB NOT NULL,
    "macro_avg" JSONB NOT NULL,
    "weighted_avg" JSONB NOT NULL,
    "top_confusions" JSONB NOT NULL DEFAULT '[]',
    "sample_predictions" JSONB NOT NULL DEFAULT '[]',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "evaluation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "artifact" (
    "id" UUID NOT NULL,
    "experiment_id" UUID,
    "trial_id" UUID,
    "kind" TEXT NOT NULL,
    "path" TEXT NOT NULL,
    "size_bytes" BIGINT NOT NULL,
    "sha256" TEXT NOT NULL,
    "metadata" JSONB NOT NULL DEFAULT '{}',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "artifact_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "project_slug_key" ON "project"("slug");

-- CreateIndex
CREATE UNIQUE INDEX "dataset_key_key" ON "dataset"("key");

-- CreateIndex
CREATE INDEX "dataset_project_id_idx" ON "dataset"("project_id");

-- CreateIndex
CREATE UNIQUE INDEX "architecture_key_key" ON "architecture"("key");

-- CreateIndex
CREATE INDEX "architecture_project_id_idx" ON "architecture"("project_id");

-- CreateIndex
CREATE INDEX "experiment_project_id_created_at_idx" ON "experiment"("project_id", "created_at" DESC);

-- CreateIndex
CREATE INDEX "experiment_status_idx" ON "experiment"("status");

-- CreateIndex
CREATE INDEX "experiment_dataset_id_idx" ON "experiment"("dataset_id");

-- CreateIndex
CREATE INDEX "trial_experiment_id_status_idx" ON "trial"("experiment_id", "status");

-- CreateIndex
CREATE INDEX "trial_experiment_id_mean_val_accuracy_idx" ON "trial"("experiment_id", "mean_val_accuracy" DESC);

-- CreateIndex
CREATE INDEX "trial_architecture_id_idx" ON "trial"("architecture_id");

-- CreateIndex
CREATE UNIQUE INDEX "trial_experiment_id_number_key" ON "trial"("experiment_id", "number");

-- CreateIndex
CREATE INDEX "fold_run_status_idx" ON "fold_run"("status");

-- CreateIndex
CREATE UNIQUE INDEX "fold_run_trial_id_fold_key" ON "fold_run"("trial_id", "fold");

-- CreateIndex
CREATE UNIQUE INDEX "epoch_metric_fold_run_id_epoch_key" ON "epoch_metric"("fold_run_id", "epoch");

-- CreateIndex
CREATE INDEX "evaluation_experiment_id_idx" ON "evaluation"("experiment_id");

-- CreateIndex
CREATE INDEX "evaluation_trial_id_idx" ON "evaluation"("trial_id");

-- CreateIndex
CREATE INDEX "artifact_experiment_id_idx" ON "artifact"("experiment_id");

-- CreateIndex
CREATE INDEX "artifact_trial_id_idx" ON "artifact"("trial_id");

-- AddForeignKey
ALTER TABLE "dataset" ADD CONSTRAINT "dataset_project_id_fkey" FOREIGN KEY ("project_id") REFERENCES "project"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "architecture" ADD CONSTRAINT "architecture_project_id_fkey" FOREIGN KEY ("project_id") REFERENCES "project"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "experiment" ADD CONSTRAINT "experiment_project_id_fkey" FOREIGN KEY ("project_id") REFERENCES "project"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "experiment" ADD CONSTRAINT "experiment_dataset_id_fkey" FOREIGN KEY ("dataset_id") REFERENCES "dataset"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "trial" ADD CONSTRAINT "trial_experiment_id_fkey" FOREIGN KEY ("experiment_id") REFERENCES "experiment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "trial" ADD CONSTRAINT "trial_architecture_id_fkey" FOREIGN KEY ("architecture_id") REFERENCES "architecture"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "fold_run" ADD CONSTRAINT "fold_run_trial_id_fkey" FOREIGN KEY ("trial_id") REFERENCES "trial"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "epoch_metric" ADD CONSTRAINT "epoch_metric_fold_run_id_fkey" FOREIGN KEY ("fold_run_id") REFERENCES "fold_run"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "evaluation" ADD CONSTRAINT "evaluation_experiment_id_fkey" FOREIGN KEY ("experiment_id") REFERENCES "experiment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "evaluation" ADD CONSTRAINT "evaluation_trial_id_fkey" FOREIGN KEY ("trial_id") REFERENCES "trial"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "evaluation" ADD CONSTRAINT "evaluation_artifact_id_fkey" FOREIGN KEY ("artifact_id") REFERENCES "artifact"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "artifact" ADD CONSTRAINT "artifact_experiment_id_fkey" FOREIGN KEY ("experiment_id") REFERENCES "experiment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "artifact" ADD CONSTRAINT "artifact_trial_id_fkey" FOREIGN KEY ("trial_id") REFERENCES "trial"("id") ON DELETE CASCADE ON UPDATE CASCADE;
