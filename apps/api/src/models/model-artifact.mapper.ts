import type { TModelArtifact } from '@atelier/domain';

/** A model artifact row (without its bytes) as the API shows it. */
export function toModelArtifact(row: {
  id: string;
  experimentId: string | null;
  trialId: string | null;
  sizeBytes: bigint;
  sha256: string;
  metadata: unknown;
  createdAt: Date;
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
    createdAt: row.createdAt.toISOString(),
  };
}
