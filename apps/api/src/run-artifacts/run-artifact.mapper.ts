import type { TRunArtifact } from '@atelier/domain';
import type { RunArtifactRow } from './run-artifacts.repository';

export function toRunArtifact(row: RunArtifactRow): TRunArtifact {
  return {
    id: row.id,
    kind: row.kind === 'model' ? 'model' : 'file',
    name: row.name,
    contentType: row.contentType ?? (row.kind === 'model' ? 'application/zip' : null),
    sizeBytes: Number(row.sizeBytes),
    sha256: row.sha256,
    createdAt: row.createdAt.toISOString(),
  };
}
