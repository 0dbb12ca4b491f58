import { searchExperimentOf } from '@atelier/db';
import {
  bestTrialOf,
  countByStatus,
  RUN_DISPLAY_STATUSES,
  trackedExperimentFinishedAt,
  trackedExperimentStatus,
  type TRunDisplayStatus,
  type TTrackedExperimentDetail,
  toBestTrial,
  type TRankableTrial,
  type TExperimentDetail,
  type TExperimentMetrics,
  type TExperimentSummary,
  type TRefit,
  type TTrialStatus,
  ZExperimentStatus,
  ZRefitStatus,
  ZSearchBudget,
  ZTags,
} from '@atelier/domain';
import { toModelArtifact, toParentModel } from '../models/model-artifact.mapper';
import { type TrialRecord, toTrial } from '../trials/trial.mapper';
import type { ExperimentRow, RunStatusCount, TrackedExperimentRow, TrialFoldCurves } from './experiments.repository';

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
  archivedAt: Date | null;
  dataset: { key: string } | null;
  project: { slug: string; name: string };
}
type BestTrial = TExperimentSummary['bestTrial'];

const iso = (date: Date | null) => (date ? date.toISOString() : null);

/**
 * A search or a tracked experiment as the list shows it: a search's dataset and strategy, null
 * for a tracked experiment (runs logged from code), whose runs count as its trials.
 */
export function toExperimentSummary(
  row: ExperimentSummaryRow,
  trialCounts: Record<TTrialStatus, number>,
  bestTrial: BestTrial,
): TExperimentSummary {
  const search = row.kind === 'search' ? searchExperimentOf(row) : null;
  return {
    id: row.id,
    name: row.name,
    project: { slug: row.project.slug, name: row.project.name },
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
    archivedAt: iso(row.archivedAt),
  };
}

/**
 * The experiment's best trial: the one the worker records at every settle by the one best-run
 * rule (pickBestRun), or the same rule over its trials when nothing is recorded yet (a search
 * that has not settled a trial since the rule moved to @atelier/domain).
 */
export function experimentBestTrial(bestTrialId: string | null, trials: readonly TRankableTrial[]): BestTrial {
  const recorded = bestTrialId === null ? undefined : trials.find((t) => t.id === bestTrialId && t.meanValAccuracy !== null);
  return recorded ? toBestTrial(recorded) : bestTrialOf(trials);
}

/** A search with its summaries and its first trials; the caller has checked it is a search (searchExperimentOf throws NotASearchError otherwise). */
export function toExperimentDetail(
  row: ExperimentRow,
  trialCounts: Record<TTrialStatus, number>,
  bestTrial: BestTrial,
  trials: readonly TrialRecord[],
): TExperimentDetail {
  return { ...toExperimentFields(row, trialCounts, bestTrial), trials: trials.map(toTrial) };
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
    parentModel: toParentModel(row),
  };
}

/**
 * A tracked experiment in full from its row and its runs counted per status: the status by the
 * lifecycle's rule over the shown statuses (a lost run is not running), the finish time once that
 * status is final. The experiments list derives the same two in SQL from the same rule.
 */
export function toTrackedExperimentDetail(row: TrackedExperimentRow, runs: readonly RunStatusCount[]): TTrackedExperimentDetail {
  const runCounts = Object.fromEntries(RUN_DISPLAY_STATUSES.map((status) => [status, 0])) as Record<TRunDisplayStatus, number>;
  for (const group of runs) if (group.shown in runCounts) runCounts[group.shown as TRunDisplayStatus] += group.count;
  const heard = runs.flatMap((group) => (group.lastHeardAt ? [group.lastHeardAt.getTime()] : []));
  const lastSeenAt = heard.length > 0 ? new Date(Math.max(...heard)).toISOString() : null;
  const status = trackedExperimentStatus(runCounts);
  return {
    id: row.id,
    name: row.name,
    project: { slug: row.project.slug, name: row.project.name },
    description: row.description,
    kind: 'tracked',
    dataset: null,
    strategy: null,
    status,
    tags: ZTags.parse(row.tags),
    trialCount: runs.reduce((sum, group) => sum + group.count, 0),
    trialCounts: countByStatus(runs.map((group) => ({ status: group.stored, count: group.count }))),
    // runs logged from code have no validation score to rank them by
    bestTrial: null,
    createdAt: row.createdAt.toISOString(),
    startedAt: iso(row.startedAt),
    finishedAt: trackedExperimentFinishedAt(status, lastSeenAt),
    archivedAt: iso(row.archivedAt),
    notes: row.notes,
    runCounts,
    lastSeenAt,
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
