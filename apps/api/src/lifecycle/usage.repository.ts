import { Inject, Injectable } from '@nestjs/common';
import type { PrismaClient } from '@atelier/db/client';
import { PRISMA } from '../infra/tokens';

/** One experiment's storage, all of it and the part in the trash (the experiment's or its runs'). */
export interface ExperimentUsageRow {
  id: string;
  name: string;
  kind: 'search' | 'tracked';
  deletedAt: Date | null;
  runs: number;
  runsTrashed: number;
  points: number;
  pointsTrashed: number;
  evaluations: number;
  evaluationsTrashed: number;
  models: number;
  modelsTrashed: number;
  modelBytes: number;
  modelBytesTrashed: number;
  files: number;
  filesTrashed: number;
  fileBytes: number;
  fileBytesTrashed: number;
}

@Injectable()
export class UsageRepository {
  constructor(@Inject(PRISMA) private readonly prisma: PrismaClient) {}

  /**
   * Every experiment of the project with what it holds, in one statement. A row is in the trash
   * when its experiment is, or (for what belongs to a run) its run is; an artifact or evaluation
   * belongs to its run's experiment, or to the experiment it names (a search's refit).
   */
  experiments(projectId: string): Promise<ExperimentUsageRow[]> {
    return this.prisma.$queryRaw<ExperimentUsageRow[]>`
      WITH e AS (
        SELECT id, name, kind, deleted_at FROM experiment WHERE project_id = ${projectId}::uuid
      ), r AS (
        SELECT r.id, r.experiment_id, (e.deleted_at IS NOT NULL OR r.deleted_at IS NOT NULL) AS trashed
          FROM run r JOIN e ON e.id = r.experiment_id
      ), runs AS (
        SELECT experiment_id, count(*) AS n, count(*) FILTER (WHERE trashed) AS t FROM r GROUP BY experiment_id
      ), points AS (
        SELECT r.experiment_id, count(*) AS n, count(*) FILTER (WHERE r.trashed) AS t
          FROM metric m JOIN r ON r.id = m.run_id GROUP BY r.experiment_id
      ), owned AS (
        -- what an artifact or evaluation row belongs to: its run's experiment, else the experiment it names
        SELECT x.kind, x.size, coalesce(r.experiment_id, x.experiment_id) AS experiment_id,
               coalesce(r.trashed, ex.deleted_at IS NOT NULL) AS trashed
          FROM (SELECT kind, size_bytes AS size, trial_id, experiment_id FROM artifact
                UNION ALL SELECT 'evaluation', 0, trial_id, experiment_id FROM evaluation) AS x
          LEFT JOIN r ON r.id = x.trial_id
          LEFT JOIN e AS ex ON ex.id = x.experiment_id
         WHERE r.id IS NOT NULL OR ex.id IS NOT NULL
      ), stored AS (
        SELECT experiment_id,
               count(*) FILTER (WHERE kind = 'evaluation') AS evaluations,
               count(*) FILTER (WHERE kind = 'evaluation' AND trashed) AS evaluations_t,
               count(*) FILTER (WHERE kind = 'model') AS models,
               count(*) FILTER (WHERE kind = 'model' AND trashed) AS models_t,
               coalesce(sum(size) FILTER (WHERE kind = 'model'), 0) AS model_bytes,
               coalesce(sum(size) FILTER (WHERE kind = 'model' AND trashed), 0) AS model_bytes_t,
               count(*) FILTER (WHERE kind = 'file') AS files,
               count(*) FILTER (WHERE kind = 'file' AND trashed) AS files_t,
               coalesce(sum(size) FILTER (WHERE kind = 'file'), 0) AS file_bytes,
               coalesce(sum(size) FILTER (WHERE kind = 'file' AND trashed), 0) AS file_bytes_t
          FROM owned GROUP BY experiment_id
      )
      SELECT e.id, e.name, e.kind, e.deleted_at AS "deletedAt",
             coalesce(runs.n, 0)::int AS runs, coalesce(runs.t, 0)::int AS "runsTrashed",
             coalesce(points.n, 0)::int AS points, coalesce(points.t, 0)::int AS "pointsTrashed",
             coalesce(s.evaluations, 0)::int AS evaluations, coalesce(s.evaluations_t, 0)::int AS "evaluationsTrashed",
             coalesce(s.models, 0)::int AS models, coalesce(s.models_t, 0)::int AS "modelsTrashed",
             coalesce(s.model_bytes, 0)::float8 AS "modelBytes", coalesce(s.model_bytes_t, 0)::float8 AS "modelBytesTrashed",
             coalesce(s.files, 0)::int AS files, coalesce(s.files_t, 0)::int AS "filesTrashed",
             coalesce(s.file_bytes, 0)::float8 AS "fileBytes", coalesce(s.file_bytes_t, 0)::float8 AS "fileBytesTrashed"
        FROM e
        LEFT JOIN runs ON runs.experiment_id = e.id
        LEFT JOIN points ON points.experiment_id = e.id
        LEFT JOIN stored AS s ON s.experiment_id = e.id`;
  }
}
