import { searchExperimentOf } from '@atelier/db';
import {
  type TExperimentDetail,
  type TExperimentMetrics,
  type TExperimentSummary,
  type TModelArtifact,
  type TRefit,
  type TTrialStatus,
  TRIAL_STATUSES,
  ZExperimentStatus,
  ZRefitStatus,
  ZSearchBudget,
  ZTags,
} from '@atelier/domain';
import { toTrial } from '../trials/trial.mapper';
import type { ExperimentDetailRow, ExperimentRow, TrialFoldCurves } from './experiments.repository';

/** What a summary is made of: a list row or an experiment read for its page. */
export interface ExperimentSummaryRow {
  id: string;
  kind: string;
  name: string;
  description: string;
  status: string;
  tags: unknown;
  /** Null for a tracked experiment (as the dataset is). */
  strategy: unknown;
  trialCount: number;
  createdAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
  dataset: { key: string } | null;
}
type BestTrial = TExperimentSummary['bestTrial'];

const iso = (date: Date | null) => (date ? date.toISOString() : null);

/** Counts per status, every status present (zero when no trial has it). */
export function countByStatus(statuses: Iterable<{ status: string; count: number }>): Record<TTrialStatus, number> {
  const counts = Object.fromEntries(TRIAL_STATUSES.map((s) => [s, 0])) as Record<TTrialStatus, number>;
  for (const { status, count } of statuses) if (status in counts) counts[status as TTrialStatus] += count;
  return counts;
}

/**
 * A search or a tracked experiment as the list shows it: a search's dataset and strategy, null
 * for a tracked experiment (runs logged from code), whose runs count as its trials.
 */
export function toExperimentSummary(row: ExperimentSummaryRow, trialCounts: Record<TTrialStatus, number>, bestTrial: BestTrial): TExperimentSummary {
  const search = row.kind === 'search' ? searchExperimentOf(row) : null;
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    kind: search ? 'search' : 'tracked',
    dataset: search ? search.dataset.key : null,
    strategy: search ? search.strategy : null,
    status: ZExperimentStatus.parse(row.status),
    tags: ZTags.parse(row.tags),
    trialCount: row.trialCount,
    trialCounts,
    bestTrial,
    createdAt: row.createdAt.toISOString(),
    startedAt: iso(row.startedAt),
    finishedAt: iso(row.finishedAt),
  };
}

/**
 * The best trial: the one the worker recorded when the search finished, else (while it runs)
 * the current leader by mean validation accuracy.
 */
export function pickBestTrial(
  bestTrialId: string | null,
  trials: readonly { id: string; number: number; meanValAccuracy: number | null; stdValAccuracy: number | null }[],
): BestTrial {
  const scored = trials.filter((t) => t.meanValAccuracy !== null);
  const best =
    scored.find((t) => t.id === bestTrialId) ??
    [...scored].sort((a, b) => b.meanValAccuracy! - a.meanValAccuracy! || a.number - b.number)[0];
  return best ? { id: best.id, number: best.number, meanValAccuracy: best.meanValAccuracy!, stdValAccuracy: best.stdValAccuracy } : null;
}

/** A search in full; the caller has checked it is a search (searchExperimentOf throws NotASearchError otherwise). */
export function toExperimentDetail(row: ExperimentDetailRow): TExperimentDetail {
  const trials = row.trials.map(toTrial);
  const counts = countByStatus(trials.map((t) => ({ status: t.status, count: 1 })));
  return { ...toExperimentFields(row, counts, pickBestTrial(row.bestTrialId, trials)), trials };
}

/** Everything of an experiment's detail but its trials: shared by the detail and the overview. */
export function toExperimentFields(
  row: ExperimentRow,
  trialCounts: Record<TTrialStatus, number>,
  bestTrial: BestTrial,
): Omit<TExperimentDetail, 'trials'> {
  const search = searchExperimentOf(row);
  return {
    ...toExperimentSummary(row, trialCounts, bestTrial),
    kind: 'search',
    dataset: search.dataset.key,
    strategy: search.strategy,
    notes: row.notes,
    space: search.space,
    budget: ZSearchBudget.parse(row.budget),
    augmentation: search.augmentation,
    validation: search.validation,
    refit: toRefit(row),
    trainingSlice: row.trainingSlice,
    seed: search.seed,
    priority: row.priority,
    error: row.error,
  };
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

function toRefit(row: ExperimentRow): TRefit | null {
  if (row.refitStatus === null || row.refitTrialId === null) return null;
  return {
    status: ZRefitStatus.parse(row.refitStatus),
    trialId: row.refitTrialId,
    testAccuracy: row.refitEvaluation?.accuracy ?? null,
    evaluationId: row.refitEvaluation?.id ?? null,
    model: row.refitModel ? toModelArtifact(row.refitModel) : null,
    error: row.refitError,
  };
}

/** Groups the folds (ordered by trial, then fold) by trial. */
export function groupMetrics(experimentId: string, folds: readonly TrialFoldCurves[]): TExperimentMetrics {
  const trials: TExperimentMetrics['trials'] = [];
  for (const fold of folds) {
    let trial = trials.at(-1);
    if (!trial || trial.trialId !== fold.trialId) trials.push((trial = { trialId: fold.trialId, number: fold.number, folds: [] }));
    trial.folds.push({ trialId: fold.trialId, fold: fold.fold, metrics: fold.metrics });
  }
  return { experimentId, trials };
}
