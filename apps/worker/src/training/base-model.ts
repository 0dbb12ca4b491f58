import type { PrismaClient } from '@atelier/db/client';
import type { TArchitectureSpec } from '@atelier/domain';
import { readModelZip } from '@atelier/ml/io/model-export';
import type * as tf from '@tensorflow/tfjs';
import { UnrecoverableError } from 'bullmq';

/** What a fine-tune's trainings need of their experiment row. */
export interface ParentModelColumns {
  parentModelId: string | null;
  parentModelRef: string | null;
}

/** How a card or a log line names the base: its registered version, else its id. */
export function parentModelLabel(experiment: ParentModelColumns): string | null {
  if (!experiment.parentModelId) return null;
  return experiment.parentModelRef ?? `model ${experiment.parentModelId}`;
}

/**
 * The base model of a fine-tune experiment, loaded fresh from its stored zip: every fold and the
 * refit train their own copy (training changes its unfrozen weights), and trainModel takes
 * ownership of it. Null for a search that trains from scratch. A base deleted since the search
 * was created fails the training for good (a retry cannot bring it back).
 */
export async function loadParentModel(prisma: PrismaClient, experiment: ParentModelColumns): Promise<tf.LayersModel | null> {
  if (!experiment.parentModelId) return null;
  const row = await prisma.artifact.findUnique({ where: { id: experiment.parentModelId }, select: { content: true } });
  if (!row?.content) {
    throw new UnrecoverableError(
      `the base model ${parentModelLabel(experiment)} of this fine-tune is no longer stored (purged?): start the search again from another model`,
    );
  }
  const { model } = await readModelZip(new Uint8Array(row.content));
  return model;
}

/** What a training starts from: the experiment's base model (a fine-tune) or the trial's layer list. */
export async function trainingSource(
  prisma: PrismaClient,
  experiment: ParentModelColumns,
  spec: TArchitectureSpec | null,
): Promise<{ base: tf.LayersModel } | { spec: TArchitectureSpec }> {
  const base = await loadParentModel(prisma, experiment);
  if (base) return { base };
  if (!spec) throw new UnrecoverableError('the trial has neither an architecture nor a base model to fine-tune');
  return { spec };
}
