import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { EPOCH_METRIC_KEYS, epochCurvesOf, foldCurvePoints } from '@atelier/db';
import { cancelExperiment, type FoldRef, pauseExperiment, resumeExperiment } from '@atelier/db/run-transitions';
import { Prisma, type PrismaClient } from '@atelier/db/client';
import {
  ACTIVE_REFIT_STATUSES,
  BEST_CANDIDATE_STATUSES,
  TRIAL_STATUSES,
  FINE_TUNE_ARCHITECTURE,
  firstRungsOf,
  paramsOf,
  rungEpochsOf,
  type TCreateExperiment,
  type TEpochMetric,
  type THyperparameters,
  type TTagChanges,
} from '@atelier/domain';
import { lockExperimentName } from '../common/experiment-name-lock';
import { LIVE_EXPERIMENT, liveRun } from '../common/lifecycle.sql';
import { mergedTags } from '../common/tags.sql';
import { PRISMA } from '../infra/tokens';
import { TRIAL_SELECT } from '../trials/trial.mapper';
import { ExperimentStatusSql, lastHeardAt } from './experiment-status.sql';

/** The trial statuses the best-run rule never picks (isBestCandidate), for SQL. */
const NOT_BEST_CANDIDATE = TRIAL_STATUSES.filter((status) => !(BEST_CANDIDATE_STATUSES as readonly string[]).includes(status));

export interface NewExperiment {
  projectId: string;
  datasetId: string;
  /** A fine-tune's base: the stored model and the registered version it was named by. */
  parentModel: { id: string; reference: string | null } | null;
  request: TCreateExperiment;
  points: readonly THyperparameters[];
  architectureIds: ReadonlyMap<string, string>;
  folds: number;
}

/** One fold of one trial (at one ASHA rung): what a training job names. */
export type { FoldRef };

const EXPERIMENT_SELECT = {
  id: true,
  kind: true,
  name: true,
  notes: true,
  tags: true,
  description: true,
  status: true,
  strategy: true,
  space: true,
  budget: true,
  augmentation: true,
  validation: true,
  trainingSlice: true,
  seed: true,
  priority: true,
  trialCount: true,
  bestTrialId: true,
  error: true,
  createdAt: true,
  startedAt: true,
  finishedAt: true,
  archivedAt: true,
  refitStatus: true,
  refitTrialId: true,
  refitError: true,
  parentModelId: true,
  parentModelRef: true,
  dataset: { select: { key: true } },
  project: { select: { slug: true, name: true } },
} as const;

/** An artifact row without its bytes. */
export const ARTIFACT_SELECT = {
  id: true,
  experimentId: true,
  trialId: true,
  kind: true,
  sizeBytes: true,
  sha256: true,
  metadata: true,
  createdAt: true,
  experiment: { select: { parentModelId: true, parentModelRef: true } },
} as const;

/** What PATCH /experiments/:id changes: the fields given, and the tags merged (splitTagPatch). */
export interface ExperimentChanges {
  name?: string;
  description?: string;
  notes?: string;
  tags: TTagChanges;
}

/** The experiment row a PATCH holds locked while it decides. */
export interface LockedExperiment {
  id: string;
  projectId: string;
  kind: string;
  name: string;
  tags: Record<string, unknown>;
}

/** Thrown inside a rename's transaction to roll it back: another tracked experiment of the project has the name. */
export class ExperimentNameTaken extends Error {
  constructor(readonly experimentName: string) {
    super(`another tracked experiment is named '${experimentName}'`);
  }
}

/** A tracked experiment's own columns (its status and counts come from its runs). */
export interface TrackedExperimentRow {
  id: string;
  name: string;
  description: string;
  notes: string;
  tags: unknown;
  createdAt: Date;
  startedAt: Date | null;
  archivedAt: Date | null;
  project: { slug: string; name: string };
}

/** How many runs of an experiment are stored with one status and shown with another (lost) or the same. */
export interface RunStatusCount {
  stored: string;
  shown: string;
  count: number;
  /** The latest time one of them was heard from. */
  lastHeardAt: Date | null;
}

@Injectable()
export class ExperimentsRepository {
  constructor(
    @Inject(PRISMA) private readonly prisma: PrismaClient,
    private readonly shown: ExperimentStatusSql,
  ) {}

  /**
   * The experiment, one trial per search point (numbered from 1) and their fold runs, in one
   * transaction. Ids are made here so the rows can be inserted in bulk. Rung strategies start
   * each trial at its first rung (0, or its Hyperband bracket's) with that rung's epochs.
   */
  async create(input: NewExperiment): Promise<{ id: string; folds: FoldRef[] }> {
    const { request } = input;
    const experimentId = randomUUID();
    const firstRungs = rungEpochsOf(request.strategy) ? firstRungsOf(request.strategy, input.points.length) : null;
    const trials = input.points.map((point, index) => ({
      id: randomUUID(),
      experimentId,
      architectureId: architectureIdOf(input.architectureIds, point.architecture),
      number: index + 1,
      params: paramsOf(point),
      rung: firstRungs ? (firstRungs[index] ?? 0) : null,
    }));
    const folds: FoldRef[] = trials.flatMap((trial) =>
      Array.from({ length: input.folds }, (_, fold) => ({ trialId: trial.id, trialNumber: trial.number, fold, rung: trial.rung ?? 0 })),
    );
    await this.prisma.$transaction([
      this.prisma.experiment.create({
        data: {
          id: experimentId,
          projectId: input.projectId,
          kind: 'search',
          datasetId: input.datasetId,
          name: request.name,
          description: request.description,
          status: 'queued',
          parentModelId: input.parentModel?.id ?? null,
          parentModelRef: input.parentModel?.reference ?? null,
          strategy: request.strategy,
          space: request.space,
          budget: request.budget,
          augmentation: request.augmentation ?? Prisma.DbNull,
          validation: request.validation,
          trainingSlice: request.trainingSlice,
          seed: request.seed,
          priority: request.priority,
          // TPE creates its first batch now and proposes the rest as results arrive.
          trialCount: request.strategy.kind === 'tpe' ? request.strategy.trials : trials.length,
        },
      }),
      this.prisma.run.createMany({ data: trials }),
      this.prisma.foldRun.createMany({ data: folds.map(({ trialId, fold, rung }) => ({ trialId, fold, rung })) }),
    ]);
    return { id: experimentId, folds };
  }

  /** Removes an experiment with its trials and fold runs (cascade). */
  async delete(id: string): Promise<void> {
    await this.prisma.experiment.deleteMany({ where: { id } });
  }

  findStatus(id: string) {
    return this.prisma.experiment.findFirst({
      where: { id, ...LIVE_EXPERIMENT },
      select: { id: true, kind: true, name: true, status: true, priority: true },
    });
  }

  /**
   * A tracked experiment and its runs counted per stored and shown status (one pass over its
   * runs, grouped): the status, counts and finish time follow from them. Null when there is no
   * tracked experiment of that id.
   */
  async findTracked(id: string): Promise<{ experiment: TrackedExperimentRow; runs: RunStatusCount[] } | null> {
    const experiment = await this.prisma.experiment.findFirst({
      where: { id, kind: 'tracked', ...LIVE_EXPERIMENT },
      select: {
        id: true,
        name: true,
        description: true,
        notes: true,
        tags: true,
        createdAt: true,
        startedAt: true,
        archivedAt: true,
        project: { select: { slug: true, name: true } },
      },
    });
    if (!experiment) return null;
    const runs = await this.prisma.$queryRaw<RunStatusCount[]>`
      SELECT r.status AS stored, ${this.shown.shownRunStatus()} AS shown, count(*)::int AS count, max(${lastHeardAt('r')}) AS "lastHeardAt"
        FROM run r JOIN experiment e ON e.id = r.experiment_id
       WHERE r.experiment_id = ${id}::uuid AND ${liveRun('r', 'e')}
       GROUP BY 1, 2`;
    return { experiment, runs };
  }

  /**
   * PATCH /experiments/:id, all or nothing. A rename of a tracked experiment first takes the lock
   * on the new name (before the row lock, in the order POST /runs takes them, so neither waits on
   * the other in a cycle), then checks no other tracked experiment of the project holds it.
   * `check` refuses by throwing, which rolls everything back. False when there is no such experiment.
   */
  update(id: string, changes: ExperimentChanges, check: (experiment: LockedExperiment) => void): Promise<boolean> {
    return this.prisma.$transaction(async (tx) => {
      const found = await tx.experiment.findFirst({ where: { id, ...LIVE_EXPERIMENT }, select: { projectId: true, kind: true } });
      if (!found) return false;
      const trackedName = found.kind === 'tracked' ? changes.name : undefined;
      const renamingTracked = trackedName !== undefined;
      if (renamingTracked) await lockExperimentName(tx, found.projectId, trackedName);
      const [experiment] = await tx.$queryRaw<LockedExperiment[]>`
        SELECT id, project_id AS "projectId", kind, name, tags FROM experiment WHERE id = ${id}::uuid FOR UPDATE`;
      if (!experiment) return false;
      check(experiment);
      if (renamingTracked && trackedName !== experiment.name) {
        const taken = await tx.experiment.count({
          where: { projectId: experiment.projectId, kind: 'tracked', name: trackedName, id: { not: id }, ...LIVE_EXPERIMENT },
        });
        if (taken > 0) throw new ExperimentNameTaken(trackedName);
      }
      const keep = (column: string, value: string | undefined) => (value !== undefined ? Prisma.sql`${value}` : Prisma.raw(column));
      await tx.$executeRaw`
        UPDATE experiment SET
          name = ${keep('name', changes.name)},
          description = ${keep('description', changes.description)},
          notes = ${keep('notes', changes.notes)},
          tags = ${mergedTags('tags', changes.tags)}
         WHERE id = ${id}::uuid`;
      return true;
    });
  }

  /** The experiment and its refit results, without its trials (the overview reads those its own way). */
  async findExperiment(id: string) {
    const experiment = await this.prisma.experiment.findFirst({ where: { id, ...LIVE_EXPERIMENT }, select: EXPERIMENT_SELECT });
    return experiment && { ...experiment, ...(await this.refitResults(experiment.refitTrialId)) };
  }

  /** The latest test evaluation and model of the refit trial. */
  private async refitResults(refitTrialId: string | null) {
    const [refitEvaluation, refitModel] = refitTrialId
      ? await Promise.all([
          this.prisma.evaluation.findFirst({
            where: { trialId: refitTrialId, split: 'test' },
            orderBy: { createdAt: 'desc' },
            select: { id: true, accuracy: true },
          }),
          this.prisma.artifact.findFirst({
            where: { trialId: refitTrialId, kind: 'model' },
            orderBy: { createdAt: 'desc' },
            select: ARTIFACT_SELECT,
          }),
        ])
      : [null, null];
    return { refitEvaluation, refitModel };
  }

  /**
   * The search's trials summed per status, as the triggers of migration add_trial_summaries keep
   * them in the transaction of every trial and fold change: one primary-key range, whatever the
   * size of the search.
   */
  trialSummary(experimentId: string) {
    return this.prisma.$queryRaw<TrialStatusSummary[]>`
      SELECT status, trials, epochs::float8 AS epochs, fold_epochs::float8 AS "foldEpochs", running_folds AS "runningFolds", scored
        FROM experiment_trial_summary
       WHERE experiment_id = ${experimentId}::uuid AND trials > 0`;
  }

  /**
   * The first `limit` trials of the search in the best-run order (compareForBest), candidates
   * only (isBestCandidate), leaving out `excluding`: an index scan (run_best_trial_idx, whose first
   * key is the generated score_rung), so it reads `limit` rows, not the search.
   */
  rankedTrials(experimentId: string, limit: number, excluding: readonly string[] = []) {
    return this.prisma.$queryRaw<RankedTrialRow[]>`
      SELECT id, number, status, rung, mean_val_accuracy AS "meanValAccuracy", std_val_accuracy AS "stdValAccuracy",
             parameter_count AS "parameterCount"
        FROM run
       WHERE experiment_id = ${experimentId}::uuid
         AND mean_val_accuracy IS NOT NULL AND mean_val_accuracy > '-Infinity' AND mean_val_accuracy < 'Infinity'
         AND status <> ALL(${NOT_BEST_CANDIDATE}::text[])
         AND NOT (id = ANY(${[...excluding]}::uuid[]))
       ORDER BY score_rung DESC, mean_val_accuracy DESC NULLS LAST, parameter_count ASC NULLS LAST, number ASC
       LIMIT ${limit}`;
  }

  /** One trial's ranking fields (the experiment's recorded best trial), or null. */
  async rankedTrial(experimentId: string, trialId: string): Promise<RankedTrialRow | null> {
    const [row] = await this.prisma.$queryRaw<RankedTrialRow[]>`
      SELECT id, number, status, rung, mean_val_accuracy AS "meanValAccuracy", std_val_accuracy AS "stdValAccuracy",
             parameter_count AS "parameterCount"
        FROM run WHERE experiment_id = ${experimentId}::uuid AND id = ${trialId}::uuid`;
    return row ?? null;
  }

  /** The ids of the first `limit` running trials by number. */
  async runningTrialIds(experimentId: string, limit: number): Promise<string[]> {
    const rows = await this.prisma.$queryRaw<{ id: string }[]>`
      SELECT id FROM run WHERE experiment_id = ${experimentId}::uuid AND status = 'running' ORDER BY number LIMIT ${limit}`;
    return rows.map((row) => row.id);
  }

  /** The ids of the `limit` trials finished last (ties: lower number), by run_experiment_id_finished_at_number_idx. */
  async finishedLastIds(experimentId: string, limit: number): Promise<string[]> {
    const rows = await this.prisma.$queryRaw<{ id: string }[]>`
      SELECT id FROM run
       WHERE experiment_id = ${experimentId}::uuid AND finished_at IS NOT NULL
       ORDER BY finished_at DESC, number ASC
       LIMIT ${limit}`;
    return rows.map((row) => row.id);
  }

  /** Full trial rows (folds, rungs) of some trials of the experiment, by number, with their fold sums. */
  trialsByIds(experimentId: string, ids: readonly string[]) {
    if (ids.length === 0) return Promise.resolve([]);
    return this.prisma.run.findMany({
      where: { experimentId, id: { in: [...ids] } },
      orderBy: { number: 'asc' },
      select: { ...TRIAL_SELECT, foldEpochs: true, runningFolds: true },
    });
  }

  /** The numbers of the first `limit` trials. */
  async firstTrialNumbers(experimentId: string, limit: number): Promise<number[]> {
    const rows = await this.prisma.run.findMany({
      where: { experimentId },
      orderBy: { number: 'asc' },
      take: limit,
      select: { number: true },
    });
    return rows.map((row) => row.number);
  }

  /** The first `limit` trials by number, in full (what GET /experiments/:id carries). */
  firstTrials(experimentId: string, limit: number) {
    return this.prisma.run.findMany({
      where: { experimentId },
      orderBy: { number: 'asc' },
      take: limit,
      select: { ...TRIAL_SELECT, foldEpochs: true, runningFolds: true },
    });
  }

  /**
   * ASHA's rungs, bounded: per rung the counts and best score kept by the summary triggers
   * (experiment_rung_summary, migration add_rung_summaries), and the `pointsPerRung` best scores
   * (ties: lower number) with what the outcome rule reads: per rung of the summary, a walk of
   * trial_rung_chart_idx best first (migration add_trial_rung_search), so the chart reads at most
   * `pointsPerRung` results a rung whatever the search's size, never ranks all of them.
   */
  async rungResults(experimentId: string, pointsPerRung: number): Promise<{ summaries: RungSummaryRow[]; points: RungResultRow[] }> {
    const [summaries, points] = await Promise.all([
      this.prisma.$queryRaw<RungSummaryRow[]>`
        SELECT rung, results, promoted, waiting, best
          FROM experiment_rung_summary WHERE experiment_id = ${experimentId}::uuid
         ORDER BY rung`,
      this.prisma.$queryRaw<RungResultRow[]>`
        SELECT p."trialId", p.number, p.status, s.rung, p.score, p.promoted
          FROM experiment_rung_summary s
         CROSS JOIN LATERAL (
               SELECT t.id AS "trialId", t.number, t.status, r.mean_val_accuracy AS score, r.promoted
                 FROM trial_rung r JOIN run t ON t.id = r.trial_id
                WHERE r.experiment_id = s.experiment_id AND r.rung = s.rung
                ORDER BY r.mean_val_accuracy DESC, r.trial_number ASC
                LIMIT ${pointsPerRung}) p
         WHERE s.experiment_id = ${experimentId}::uuid
         ORDER BY s.rung, p.score DESC, p.number ASC`,
    ]);
    return { summaries, points };
  }

  findRefitState(id: string) {
    return this.prisma.experiment.findFirst({
      where: { id, ...LIVE_EXPERIMENT },
      select: { id: true, kind: true, name: true, status: true, priority: true, refitStatus: true, refitTrialId: true },
    });
  }

  /**
   * Points the experiment's refit at a trial and marks it queued, unless a refit is queued or
   * running already or the experiment is running again (checked in the same statement, so two
   * requests cannot both win). Returns the trial's model count (the refit job's generation).
   */
  async claimRefit(id: string, trialId: string, statuses: readonly string[]): Promise<{ generation: number } | null> {
    return this.prisma.$transaction(async (tx) => {
      const claimed = await tx.experiment.updateMany({
        where: { id, status: { in: [...statuses] }, OR: [{ refitStatus: null }, { refitStatus: { notIn: [...ACTIVE_REFIT_STATUSES] } }] },
        data: { refitStatus: 'queued', refitTrialId: trialId, refitError: null },
      });
      if (claimed.count === 0) return null;
      return { generation: await tx.artifact.count({ where: { trialId, kind: 'model' } }) };
    });
  }

  /** Takes back a claim whose job could not be queued. */
  async releaseRefit(id: string, previous: { refitStatus: string | null; refitTrialId: string | null }): Promise<void> {
    await this.prisma.experiment.updateMany({
      where: { id, refitStatus: 'queued' },
      data: { refitStatus: previous.refitStatus, refitTrialId: previous.refitTrialId },
    });
  }

  /**
   * Median seconds per training image per epoch of each (architecture, batch size) pair on one
   * dataset, over the pair's latest fold runs: what the launch form's time estimate rests on.
   */
  async measuredPace(
    datasetId: string,
    architectureIds: readonly string[],
    runsPerPair: number,
  ): Promise<{ architectureId: string; batchSize: number; epochs: number; secondsPerImage: number }[]> {
    if (architectureIds.length === 0) return [];
    const rows = await this.prisma.$queryRaw<{ architecture_id: string; batch_size: number; epochs: number; seconds_per_image: number }[]>`
      WITH runs AS (
        SELECT f.trial_id, f.fold, f.train_size, t.architecture_id, (t.params->>'batchSize')::int AS batch_size,
               row_number() OVER (PARTITION BY t.architecture_id, t.params->'batchSize' ORDER BY f.started_at DESC NULLS LAST) AS recency
          FROM fold_run f
          JOIN run t ON t.id = f.trial_id
          JOIN experiment e ON e.id = t.experiment_id
         WHERE e.dataset_id = ${datasetId}::uuid
           AND t.architecture_id = ANY(${[...architectureIds]}::uuid[])
           AND f.train_size > 0 AND f.epochs_completed > 0)
      SELECT r.architecture_id::text AS architecture_id, r.batch_size, count(*)::int AS epochs,
             percentile_cont(0.5) WITHIN GROUP (ORDER BY m.value / r.train_size) AS seconds_per_image
        FROM runs r
        JOIN metric m ON m.run_id = r.trial_id AND m.fold = r.fold AND m.key = ${EPOCH_METRIC_KEYS.seconds}
       WHERE r.recency <= ${runsPerPair} AND m.value > 0 AND m.value <> 'Infinity'
       GROUP BY r.architecture_id, r.batch_size`;
    return rows.map((row) => ({
      architectureId: row.architecture_id,
      batchSize: row.batch_size,
      epochs: row.epochs,
      secondsPerImage: row.seconds_per_image,
    }));
  }

  /**
   * Wall seconds of the experiment's last `limit` epochs. The metric table has no experiment
   * column, and scanning it by time would read every point other experiments wrote since, so the
   * points are taken from the folds that trained last: those of the running trials and of the
   * `limit` trials finished last (both read by index, not by scanning the search's folds), the
   * `limit` most recent of them (running first, then by finish time); each is a primary-key range
   * of the metric table (run, key, fold).
   */
  async recentEpochSeconds(experimentId: string, limit: number): Promise<number[]> {
    const rows = await this.prisma.$queryRaw<{ seconds: number }[]>`
      SELECT m.value AS seconds
        FROM (SELECT f.trial_id, f.fold
                FROM fold_run f
               WHERE f.trial_id IN (
                       (SELECT id FROM run WHERE experiment_id = ${experimentId}::uuid AND status = 'running' ORDER BY number LIMIT ${limit})
                       UNION ALL
                       (SELECT id FROM run WHERE experiment_id = ${experimentId}::uuid AND finished_at IS NOT NULL
                         ORDER BY finished_at DESC LIMIT ${limit}))
                 AND f.epochs_completed > 0
               ORDER BY f.finished_at DESC NULLS FIRST
               LIMIT ${limit}) AS f
        JOIN metric m ON m.run_id = f.trial_id AND m.key = ${EPOCH_METRIC_KEYS.seconds} AND m.fold = f.fold
       ORDER BY m.wall_time DESC
       LIMIT ${limit}`;
    return rows.map((row) => row.seconds);
  }

  /** Cancels the search and its queued and paused work (run-transitions.ts); null when it was no longer cancellable. */
  async cancel(id: string): Promise<{ folds: FoldRef[] } | null> {
    return cancelExperiment(this.prisma, id);
  }

  /** Pauses the search and holds its queued work (run-transitions.ts); null when it was not pausable. */
  async pause(id: string): Promise<{ folds: FoldRef[] } | null> {
    return pauseExperiment(this.prisma, id);
  }

  /** Resumes a paused search and queues its paused work again (run-transitions.ts); null when it was not paused. */
  async resume(id: string): Promise<{ folds: FoldRef[]; priority: number } | null> {
    return resumeExperiment(this.prisma, id);
  }

  /**
   * The epoch curves of every fold of the experiment's trials numbered `numbers`, in trial
   * number and fold order; a fold that trained nothing yet has none. Two
   * queries: the folds, then their points (epochCurvesOf reshapes the metric series).
   */
  async foldCurves(experimentId: string, numbers: readonly number[]): Promise<TrialFoldCurves[]> {
    if (numbers.length === 0) return [];
    const folds = await this.prisma.foldRun.findMany({
      where: { trial: { experimentId, number: { in: [...numbers] } } },
      select: { fold: true, trial: { select: { id: true, number: true } } },
      orderBy: [{ trial: { number: 'asc' } }, { fold: 'asc' }],
    });
    const curves = epochCurvesOf(await foldCurvePoints(this.prisma, [...new Set(folds.map((f) => f.trial.id))]));
    return folds.map((f) => ({
      trialId: f.trial.id,
      number: f.trial.number,
      fold: f.fold,
      metrics: curves.get(f.trial.id)?.get(f.fold) ?? [],
    }));
  }
}

/** A search's trials of one status, summed (experiment_trial_summary). */
export interface TrialStatusSummary {
  status: string;
  trials: number;
  /** Σ of their planned epochs (per trial, not per fold). */
  epochs: number;
  /** Σ over their folds of the epochs trained, a completed fold counting the trial's epochs. */
  foldEpochs: number;
  runningFolds: number;
  /** How many have a mean validation accuracy. */
  scored: number;
}

/** What the best-run rule reads of a trial (TRankableTrial). */
export interface RankedTrialRow {
  id: string;
  number: number;
  status: string;
  rung: number | null;
  meanValAccuracy: number | null;
  stdValAccuracy: number | null;
  parameterCount: number | null;
}

/** One rung of a search as its summary row keeps it: results there, promoted, waiting (not promoted, trial waiting), the best score. */
export interface RungSummaryRow {
  rung: number;
  results: number;
  promoted: number;
  waiting: number;
  best: number | null;
}

/** One trial's score at one ASHA rung. */
export interface RungResultRow {
  trialId: string;
  number: number;
  status: string;
  rung: number;
  score: number;
  promoted: boolean;
}

/** One fold of one trial with its epoch records. */
export interface TrialFoldCurves {
  trialId: string;
  number: number;
  fold: number;
  metrics: TEpochMetric[];
}

export type ExperimentRow = NonNullable<Awaited<ReturnType<ExperimentsRepository['findExperiment']>>>;

/**
 * The id of an architecture a search point names; the service looked up every one it accepted.
 * A fine-tune's trials train their base model, which is no stored architecture: null.
 */
function architectureIdOf(ids: ReadonlyMap<string, string>, key: string): string | null {
  if (key === FINE_TUNE_ARCHITECTURE) return null;
  const id = ids.get(key);
  if (id === undefined) throw new Error(`architecture '${key}' was not looked up before creating the experiment`);
  return id;
}
