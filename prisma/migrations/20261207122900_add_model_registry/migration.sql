-- Model registry (issue 17): registered models, their numbered versions (each a stored model),
-- movable aliases and the history of every alias move.

CREATE TABLE "registered_model" (
    "id" UUID NOT NULL,
    "project_id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "last_version" INTEGER NOT NULL DEFAULT 0,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "registered_model_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "registered_model_project_id_name_key" ON "registered_model"("project_id", "name");
ALTER TABLE "registered_model" ADD CONSTRAINT "registered_model_project_id_fkey" FOREIGN KEY ("project_id") REFERENCES "project"("id") ON DELETE CASCADE ON UPDATE CASCADE;

CREATE TABLE "model_version" (
    "id" UUID NOT NULL,
    "registered_model_id" UUID NOT NULL,
    "version" INTEGER NOT NULL,
    "artifact_id" UUID NOT NULL,
    "run_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "model_version_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "model_version_registered_model_id_version_key" ON "model_version"("registered_model_id", "version");
CREATE INDEX "model_version_artifact_id_idx" ON "model_version"("artifact_id");
CREATE INDEX "model_version_run_id_idx" ON "model_version"("run_id");
ALTER TABLE "model_version" ADD CONSTRAINT "model_version_registered_model_id_fkey" FOREIGN KEY ("registered_model_id") REFERENCES "registered_model"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "model_version" ADD CONSTRAINT "model_version_artifact_id_fkey" FOREIGN KEY ("artifact_id") REFERENCES "artifact"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "model_version" ADD CONSTRAINT "model_version_run_id_fkey" FOREIGN KEY ("run_id") REFERENCES "run"("id") ON DELETE SET NULL ON UPDATE CASCADE;

CREATE TABLE "model_alias" (
    "registered_model_id" UUID NOT NULL,
    "alias" TEXT NOT NULL,
    "version_id" UUID NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "model_alias_pkey" PRIMARY KEY ("registered_model_id","alias")
);
CREATE INDEX "model_alias_version_id_idx" ON "model_alias"("version_id");
ALTER TABLE "model_alias" ADD CONSTRAINT "model_alias_registered_model_id_fkey" FOREIGN KEY ("registered_model_id") REFERENCES "registered_model"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "model_alias" ADD CONSTRAINT "model_alias_version_id_fkey" FOREIGN KEY ("version_id") REFERENCES "model_version"("id") ON DELETE CASCADE ON UPDATE CASCADE;

CREATE TABLE "model_alias_event" (
    "id" BIGSERIAL NOT NULL,
    "registered_model_id" UUID NOT NULL,
    "alias" TEXT NOT NULL,
    "from_version" INTEGER,
    "to_version" INTEGER,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "model_alias_event_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "model_alias_event_registered_model_id_alias_id_idx" ON "model_alias_event"("registered_model_id", "alias", "id");
ALTER TABLE "model_alias_event" ADD CONSTRAINT "model_alias_event_registered_model_id_fkey" FOREIGN KEY ("registered_model_id") REFERENCES "registered_model"("id") ON DELETE CASCADE ON UPDATE CASCADE;
