import type { TModelArtifact, TParentModel } from '@atelier/domain';

/** The experiment columns that record a fine-tune's base model. */
export interface ParentModelColumns {
  parentModelId: string | null;
  parentModelRef: string | null;
}

/** The model an experiment (and so each of its runs and models) was fine-tuned from, or null. */
export function toParentModel(experiment: ParentModelColumns | null | undefined): TParentModel | null {
  return experiment?.parentModelId ? { id: experiment.parentModelId, reference: experiment.parentModelRef } : null;
}

/** A model artifact row (without its bytes) as the API shows it. */
export function toModelArtifact(row: {
  id: string;
  experimentId: string | null;
  trialId: string | null;
  sizeBytes: bigint;
  sha256: string;
  metadata: unknown;
  createdAt: Date;
  /** Its experiment; null for a model that has none. */
  experiment: ParentModelColumns | null;
}): TModelArtifact {
  const metadata = (row.metadata ?? {}) as { backend?: unknown; trainedOn?: unknown };
  return {
    id: row.id,
    experimentId: row.experimentId,
    trialId: row.trialId,
    kind: 'model',
    sizeBytes: Number(row.sizeBytes),
    sha256: row.sha256,
    backend: typeof metadata.backend === 'string' ? metadata.backend : null,
    trainedOn: typeof metadata.trainedOn === 'number' ? metadata.trainedOn : null,
    parentModel: toParentModel(row.experiment),
    createdAt: row.createdAt.toISOString(),
  };
}
