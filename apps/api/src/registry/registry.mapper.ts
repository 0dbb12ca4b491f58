import type { TModelAlias, TModelVersion, TRegisteredModelCard, TRegisteredModelSummary } from '@atelier/domain';
import { ZRegisteredModelCard } from '@atelier/domain';
import { ModelZipError, readModelZipCard } from '@atelier/ml/io/model-export';
import { toModelArtifact } from '../models/model-artifact.mapper';
import { primitives, toMetricSummary } from '../runs/run-summary.mapper';
import type { AliasRow, ModelVersionRow, RegisteredModelSummaryRow } from './registry.repository';

export function toModelAlias(row: AliasRow): TModelAlias {
  return { alias: row.alias, version: row.version.version, updatedAt: row.updatedAt.toISOString() };
}

export function toRegisteredModelSummary(row: RegisteredModelSummaryRow): TRegisteredModelSummary {
  return {
    id: row.id,
    name: row.name,
    project: { slug: row.project.slug, name: row.project.name },
    description: row.description,
    latestVersion: row.lastVersion === 0 ? null : row.lastVersion,
    versionCount: row._count.versions,
    aliases: row.aliases.map(toModelAlias),
    createdAt: row.createdAt.toISOString(),
  };
}

/** The card inside the stored zip; null when the zip has none that reads (the download still works). */
function cardOf(content: Uint8Array | null): TRegisteredModelCard | null {
  if (!content) return null;
  try {
    return ZRegisteredModelCard.safeParse(readModelZipCard(content)).data ?? null;
  } catch (error) {
    if (error instanceof ModelZipError) return null;
    throw error;
  }
}

export function toModelVersion(name: string, row: ModelVersionRow): TModelVersion {
  const { content, ...artifact } = row.artifact;
  const card = cardOf(content);
  const run = row.run;
  return {
    id: row.id,
    name,
    version: row.version,
    model: toModelArtifact(artifact),
    run: run
      ? {
          id: run.id,
          experimentId: run.experimentId,
          experimentName: run.experiment.name,
          number: run.number,
          name: run.name,
          params: primitives(run.params),
          metrics: Object.fromEntries(run.metricSummaries.map((summary) => [summary.key, toMetricSummary(summary)])),
        }
      : null,
    dataset: card ? { key: card.dataset.key, name: card.dataset.name } : null,
    card,
    aliases: row.aliases.map((a) => a.alias),
    createdAt: row.createdAt.toISOString(),
  };
}
