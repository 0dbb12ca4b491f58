-- Fine-tuning (issue 17): a search can start from a stored model. The experiment records it (its
-- trials are the runs it parents), with the registered version it was named by.
ALTER TABLE "experiment" ADD COLUMN "parent_model_id" UUID;
ALTER TABLE "experiment" ADD COLUMN "parent_model_ref" TEXT;

CREATE INDEX "experiment_parent_model_id_idx" ON "experiment"("parent_model_id");

-- SET NULL: purging the parent's run leaves the fine-tuned experiment, without its lineage.
ALTER TABLE "experiment" ADD CONSTRAINT "experiment_parent_model_id_fkey" FOREIGN KEY ("parent_model_id") REFERENCES "artifact"("id") ON DELETE SET NULL ON UPDATE CASCADE;
