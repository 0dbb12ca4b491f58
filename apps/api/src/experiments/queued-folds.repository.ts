import { Inject, Injectable } from '@nestjs/common';
import type { PrismaClient } from '@atelier/db/client';
import { TRAINING_EXPERIMENT_STATUSES } from '@atelier/domain';
import { PRISMA } from '../infra/tokens';

/** A fold the database says is waiting for a worker, with what its job needs. */
export interface QueuedFold {
  foldRunId: string;
  experimentId: string;
  trialId: string;
  trialNumber: number;
  fold: number;
  rung: number;
  /** The experiment's priority (the job's band). */
  priority: number;
}

/**
 * The queued folds the reconciler compares with Redis: those of searches that train
 * (TRAINING_EXPERIMENT_STATUSES; a paused search's folds wait for resume, which queues them itself), not in the trash.
 */
@Injectable()
export class QueuedFoldsRepository {
  constructor(@Inject(PRISMA) private readonly prisma: PrismaClient) {}

  /** One page in fold id order (keyset: after the id given), served by fold_run's status index. */
  page(after: string | null, limit: number): Promise<QueuedFold[]> {
    return this.prisma.$queryRaw<QueuedFold[]>`
      SELECT f.id AS "foldRunId", e.id AS "experimentId", t.id AS "trialId", t.number AS "trialNumber", f.fold, f.rung, e.priority
        FROM fold_run f
        JOIN run t ON t.id = f.trial_id
        JOIN experiment e ON e.id = t.experiment_id
       WHERE f.status = 'queued'
         AND e.kind = 'search' AND e.status = ANY(${[...TRAINING_EXPERIMENT_STATUSES]}::text[]) AND e.deleted_at IS NULL AND t.deleted_at IS NULL
         AND (${after}::uuid IS NULL OR f.id > ${after}::uuid)
       ORDER BY f.id
       LIMIT ${limit}`;
  }

  /** Which of these folds are still queued in a queued or running search. */
  async stillQueued(foldRunIds: readonly string[]): Promise<string[]> {
    const rows = await this.prisma.$queryRaw<{ id: string }[]>`
      SELECT f.id
        FROM fold_run f
        JOIN run t ON t.id = f.trial_id
        JOIN experiment e ON e.id = t.experiment_id
       WHERE f.id = ANY(${[...foldRunIds]}::uuid[]) AND f.status = 'queued' AND e.status = ANY(${[...TRAINING_EXPERIMENT_STATUSES]}::text[])`;
    return rows.map((row) => row.id);
  }
}
