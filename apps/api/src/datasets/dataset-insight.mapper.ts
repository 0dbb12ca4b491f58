import {
  imageSource,
  type TDatasetCorrelation,
  type TDatasetDetail,
  type TDatasetMeanImages,
  type TDatasetSummary,
  type TDuplicateSummary,
  type TSplitAnomalies,
  type TSplitOrigin,
} from '@atelier/domain';
import type { AnomalyReport, DatasetInsight, DuplicateReport } from '@atelier/ml/data/insight';

export const DUPLICATE_EXAMPLES = 12;
export const DUPLICATE_MEMBERS_SHOWN = 8;
export const ANOMALY_EXAMPLES = 12;

/** Keeps the JSON small (6 significant digits are far below what a colour map can show). */
const round = (value: number) => Math.round(value * 1e4) / 1e4;

/** The uploaded file of each split of an imported dataset; null for the builtins (or a manifest from before). */
export type SplitOrigins = { train: TSplitOrigin; test: TSplitOrigin } | null;

export function toDuplicateSummary(report: DuplicateReport, origins: SplitOrigins = null): TDuplicateSummary {
  // Conflicting labels first: a wrong label is worse than a wasted duplicate.
  const ordered = [...report.groups.filter((g) => g.conflictingLabels), ...report.groups.filter((g) => !g.conflictingLabels)];
  return {
    groupCount: report.groups.length,
    imagesInGroups: report.imagesInGroups,
    redundantImages: report.redundantImages,
    crossSplitGroups: report.crossSplitGroups,
    testImagesSeenInTrain: report.testImagesSeenInTrain,
    conflictingLabelGroups: report.conflictingLabelGroups,
    examples: ordered.slice(0, DUPLICATE_EXAMPLES).map((group) => ({
      hash: group.hash,
      size: group.members.length,
      crossSplit: group.crossSplit,
      conflictingLabels: group.conflictingLabels,
      members: group.members.slice(0, DUPLICATE_MEMBERS_SHOWN).map((member) => ({
        ...member,
        source: origins ? imageSource(origins[member.split], member.index) : null,
      })),
    })),
  };
}

export function toSplitAnomalies(report: AnomalyReport): TSplitAnomalies {
  const affected = [...new Set([...report.invalidLabelIndices, ...report.emptyIndices, ...report.constantIndices])].sort((a, b) => a - b);
  return {
    empty: report.emptyIndices.length,
    constant: report.constantIndices.length,
    invalidLabel: report.invalidLabelIndices.length,
    examples: affected.slice(0, ANOMALY_EXAMPLES),
  };
}

export function toDatasetDetail(
  summary: TDatasetSummary,
  insight: DatasetInsight,
  extra: { description: string | null; homepage: string | null; source: string; computedInMs: number; origins?: SplitOrigins },
): TDatasetDetail {
  return {
    dataset: summary,
    description: extra.description,
    homepage: extra.homepage,
    classDistribution: insight.classDistribution,
    duplicates: toDuplicateSummary(insight.duplicates, extra.origins ?? null),
    anomalies: { train: toSplitAnomalies(insight.anomalies.train), test: toSplitAnomalies(insight.anomalies.test) },
    source: extra.source,
    computedInMs: extra.computedInMs,
  };
}

export function toMeanImages(
  insight: DatasetInsight,
  classNames: readonly string[],
  shape: { height: number; width: number },
): TDatasetMeanImages {
  return {
    split: 'train',
    height: shape.height,
    width: shape.width,
    classes: insight.meanImages.means.map((mean, label) => ({
      label,
      name: classNames[label] ?? String(label),
      count: insight.meanImages.counts[label] ?? 0,
      pixels: Array.from(mean, round),
    })),
  };
}

export function toCorrelation(insight: DatasetInsight, shape: { height: number; width: number }): TDatasetCorrelation {
  const values = Array.from(insight.pixelLabelCorrelation, round);
  return {
    split: 'train',
    measure: 'correlation-ratio',
    height: shape.height,
    width: shape.width,
    values,
    max: values.reduce((a, b) => Math.max(a, b), 0),
  };
}
