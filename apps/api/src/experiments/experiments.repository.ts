import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { EPOCH_METRIC_KEYS, epochCurvesOf, foldCurvePoints } from '@atelier/db';
import { Prisma, type PrismaClient } from '@atelier/db/client';
import { firstRungsOf, paramsOf, rungEpochsOf, type TCreateExperiment, type TEpochMetric, type THyperparameters } from '@atelier/domain';
import { PRISMA } from '../infra/tokens';
import { TRIAL_SELECT } from '../trials/trial.mapper';

export interface NewExperiment {
  projectId: string;
  datasetId: string;
  request: TCreateExperiment;
  points: readonly THyperparameters[];
  architectureIds: ReadonlyMap<string, string>;
  folds: number;
}

/** One fold of one trial (at one ASHA rung): what a training job names. */
export interface FoldRef {
  trialId: string;
  trialNumber: number;
  fold: number;
  rung: number;
}

const ACTIVE_STATUSES = ['queued', 'running', 'paused'];

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
  refitStatus: true,
  refitTrialId: true,
  refitError: true,
  dataset: { select: { key: true } },
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
} as const;

@Injectable()
export class ExperimentsRepository {
  constructor(@Inject(PRISMA) private readonly prisma: PrismaClient) {}

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
      architectureId: input.architectureIds.get(point.architecture)!,
      number: index + 1,
      params: paramsOf(point),
      rung: firstRungs ? firstRungs[index]! : null,
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
    return this.prisma.experiment.findUnique({ where: { id }, select: { id: true, kind: true, name: true, status: true, priority: true } });
  }

  async findDetail(id: string) {
    const experiment = await this.prisma.experiment.findUnique({
      where: { id },
      select: { ...EXPERIMENT_SELECT, trials: { orderBy: { number: 'asc' }, select: TRIAL_SELECT } },
    });
    return experiment && { ...experiment, ...(await this.refitResults(experiment.refitTrialId)) };
  }

  /** The experiment and its refit results, without its trials (the overview reads those its own way). */
  async findExperiment(id: string) {
    const experiment = await this.prisma.experiment.findUnique({ where: { id }, select: EXPERIMENT_SELECT });
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
   * One light row per trial of the experiment, with its folds summed in SQL: ONE query, no
   * relation loading, so 10,000 trials × 5 folds stay in the tens of milliseconds. Fold sums
   * are integers (epochs clamped to [0, trial epochs]); the shares are divided out in the mapper.
   * The trial's epochs are its params document's (written by paramsOf, so always a number).
   */
  trialAggregates(experimentId: string) {
    return this.prisma.$queryRaw<TrialAggregate[]>`
      WITH t AS (SELECT *, (params->>'epochs')::int AS epochs FROM run WHERE experiment_id = ${experimentId}::uuid)
      SELECT t.id, t.number, t.status, t.epochs,
             t.mean_val_accuracy AS "meanValAccuracy", t.std_val_accuracy AS "stdValAccuracy", t.finished_at AS "finishedAt",
             count(f.id)::int AS folds,
             COALESCE(sum(LEAST(GREATEST(f.epochs_completed, 0), t.epochs)), 0)::int AS "epochsDone",
             count(*) FILTER (WHERE f.status = 'completed')::int AS "completedFolds",
             COALESCE(sum(LEAST(GREATEST(f.epochs_completed, 0), t.epochs)) FILTER (WHERE f.status <> 'completed'), 0)::int AS "unfinishedFoldEpochs",
             count(*) FILTER (WHERE f.status = 'running')::int AS "runningFolds"
        FROM t
        LEFT JOIN fold_run f ON f.trial_id = t.id
       GROUP BY t.id, t.number, t.status, t.epochs, t.mean_val_accuracy, t.std_val_accuracy, t.finished_at
       ORDER BY t.number`;
  }

  /** Full trial rows (folds, rungs) of some trials of the experiment, by number. */
  trialsByIds(experimentId: string, ids: readonly string[]) {
    if (ids.length === 0) return Promise.resolve([]);
    return this.prisma.run.findMany({ where: { experimentId, id: { in: [...ids] } }, orderBy: { number: 'asc' }, select: TRIAL_SELECT });
  }

  /** Every rung result of the experiment's trials, with the trial's number and status. */
  rungResults(experimentId: string) {
    return this.prisma.$queryRaw<RungResultRow[]>`
      SELECT t.id AS "trialId", t.number, t.status, r.rung, r.mean_val_accuracy AS score, r.promoted
        FROM trial_rung r
        JOIN run t ON t.id = r.trial_id
       WHERE t.experiment_id = ${experimentId}::uuid`;
  }

  findRefitState(id: string) {
    return this.prisma.experiment.findUnique({
      where: { id },
      select: { id: true, name: true, status: true, priority: true, refitStatus: true, refitTrialId: true },
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
        where: { id, status: { in: [...statuses] }, OR: [{ refitStatus: null }, { refitStatus: { notIn: ['queued', 'running'] } }] },
        data: { refitStatus: 'queued', refitTrialId: trialId, refitError: null },
      });
      if (claimed.count === 0) return null;
      return { generation: await tx.artifact.count({ where: { trialId, kind: 'model' } }) };
    });
  }

  /** Takes back a claim whose job could not be queued. */
  async releaseRefit(id: string, previous: { refitStatus: string | null; refitTrialId: string | null }): Promise<void> {
    await this.prisma.experiment.updateMany({ where: { id, refitStatus: 'queued' }, data: { refitStatus: previous.refitStatus, refitTrialId: previous.refitTrialId } });
  }

  /**
   * Median seconds per training image per epoch of each (architecture, batch size) pair on one
   * dataset, over the pair's latest fold runs: what the launch form's time estimate rests on.
   */
  async measuredPace(datasetId: string, architectureIds: readonly string[], runsPerPair: number): Promise<{ architectureId: string; batchSize: number; epochs: number; secondsPerImage: number }[]> {
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
    return rows.map((row) => ({ architectureId: row.architecture_id, batchSize: row.batch_size, epochs: row.epochs, secondsPerImage: Number(row.seconds_per_image) }));
  }

  /**
   * Wall seconds of the experiment's last `limit` epochs. The metric table has no experiment
   * column, and scanning it by time would read every point other experiments wrote since, so the
   * points are taken from the experiment's `limit` most recently active fold runs (running first,
   * then by finish time) that trained an epoch: they hold the last `limit` epochs, and each is
   * a primary-key range of the metric table (run, key, fold), so the query costs the
   * experiment's fold runs, not the table.
   */
  async recentEpochSeconds(experimentId: string, limit: number): Promise<number[]> {
    const rows = await this.prisma.$queryRaw<{ seconds: number }[]>`
      SELECT m.value AS seconds
        FROM (SELECT f.trial_id, f.fold
                FROM fold_run f
                JOIN run t ON t.id = f.trial_id
               WHERE t.experiment_id = ${experimentId}::uuid AND f.epochs_completed > 0
               ORDER BY f.finished_at DESC NULLS FIRST
               LIMIT ${limit}) AS f
        JOIN metric m ON m.run_id = f.trial_id AND m.key = ${EPOCH_METRIC_KEYS.seconds} AND m.fold = f.fold
       ORDER BY m.wall_time DESC
       LIMIT ${limit}`;
    return rows.map((row) => row.seconds);
  }

  /**
   * Marks the experiment cancelled and its queued trials and fold runs with it, in one
   * transaction. Running folds are left to their workers, which see the cancel flag. Returns
   * null when the experiment was no longer queued or running (someone else finished it).
   */
  async cancel(id: string): Promise<{ folds: FoldRef[] } | null> {
    return this.prisma.$transaction(async (tx) => {
      const now = new Date();
      const updated = await tx.experiment.updateMany({
        where: { id, status: { in: ACTIVE_STATUSES } },
        data: { status: 'cancelled', finishedAt: now },
      });
      if (updated.count === 0) return null;
      const queued = await tx.foldRun.findMany({
        where: { status: 'queued', trial: { experimentId: id } },
        select: { id: true, fold: true, rung: true, trial: { select: { id: true, number: true } } },
      });
      await tx.foldRun.updateMany({ where: { id: { in: queued.map((f) => f.id) } }, data: { status: 'cancelled', finishedAt: now } });
      await tx.run.updateMany({ where: { experimentId: id, status: 'queued' }, data: { status: 'cancelled', finishedAt: now } });
      await tx.foldRun.updateMany({ where: { status: 'paused', trial: { experimentId: id } }, data: { status: 'cancelled', finishedAt: now } });
      await tx.run.updateMany({ where: { experimentId: id, status: 'paused' }, data: { status: 'cancelled', finishedAt: now } });
      return { folds: queued.map((f) => ({ trialId: f.trial.id, trialNumber: f.trial.number, fold: f.fold, rung: f.rung })) };
    });
  }

  /**
   * Pauses a queued or running experiment: its queued fold runs and trials become paused (their
   * jobs are removed by the caller); running folds pause themselves at their next batch.
   * Locks the experiment row, as the workers do when they settle or pause a fold, so a fold
   * never misses a pause or a resume. Null when the experiment was not queued or running.
   */
  async pause(id: string): Promise<{ folds: FoldRef[] } | null> {
    return this.prisma.$transaction(async (tx) => {
      await tx.$queryRaw`SELECT id FROM experiment WHERE id = ${id}::uuid FOR UPDATE`;
      const updated = await tx.experiment.updateMany({ where: { id, status: { in: ['queued', 'running'] } }, data: { status: 'paused' } });
      if (updated.count === 0) return null;
      const queued = await tx.foldRun.findMany({
        where: { status: 'queued', trial: { experimentId: id } },
        select: { id: true, fold: true, rung: true, trial: { select: { id: true, number: true } } },
      });
      await tx.foldRun.updateMany({ where: { id: { in: queued.map((f) => f.id) } }, data: { status: 'paused' } });
      await tx.run.updateMany({ where: { experimentId: id, status: { in: ['queued', 'running'] }, foldRuns: { none: { status: 'running' } } }, data: { status: 'paused' } });
      return { folds: queued.map((f) => ({ trialId: f.trial.id, trialNumber: f.trial.number, fold: f.fold, rung: f.rung })) };
    });
  }

  /**
   * Resumes a paused experiment: paused fold runs and trials are queued again (the caller
   * enqueues their jobs). Running if any fold had started, else queued. Null when not paused.
   */
  async resume(id: string): Promise<{ folds: FoldRef[]; priority: number } | null> {
    return this.prisma.$transaction(async (tx) => {
      await tx.$queryRaw`SELECT id FROM experiment WHERE id = ${id}::uuid FOR UPDATE`;
      const experiment = await tx.experiment.findUnique({ where: { id }, select: { status: true, startedAt: true, priority: true } });
      if (!experiment || experiment.status !== 'paused') return null;
      await tx.experiment.update({ where: { id }, data: { status: experiment.startedAt ? 'running' : 'queued' } });
      const paused = await tx.foldRun.findMany({
        where: { status: 'paused', trial: { experimentId: id } },
        select: { id: true, fold: true, rung: true, trial: { select: { id: true, number: true } } },
      });
      await tx.foldRun.updateMany({ where: { id: { in: paused.map((f) => f.id) } }, data: { status: 'queued' } });
      await tx.run.updateMany({ where: { experimentId: id, status: 'paused', startedAt: null }, data: { status: 'queued' } });
      await tx.run.updateMany({ where: { experimentId: id, status: 'paused' }, data: { status: 'running' } });
      return {
        priority: experiment.priority,
        folds: paused.map((f) => ({ trialId: f.trial.id, trialNumber: f.trial.number, fold: f.fold, rung: f.rung })),
      };
    });
  }

  /**
   * The epoch curves of every fold of the experiment's trials (or of the trials numbered
   * `numbers`), in trial number and fold order; a fold that trained nothing yet has none. Two
   * queries: the folds, then their points (epochCurvesOf reshapes the metric series).
   */
  async foldCurves(experimentId: string, numbers?: readonly number[]): Promise<TrialFoldCurves[]> {
    if (numbers?.length === 0) return [];
    const folds = await this.prisma.foldRun.findMany({
      where: { trial: { experimentId, ...(numbers ? { number: { in: [...numbers] } } : {}) } },
      select: { fold: true, trial: { select: { id: true, number: true } } },
      orderBy: [{ trial: { number: 'asc' } }, { fold: 'asc' }],
    });
    const curves = epochCurvesOf(await foldCurvePoints(this.prisma, [...new Set(folds.map((f) => f.trial.id))]));
    return folds.map((f) => ({ trialId: f.trial.id, number: f.trial.number, fold: f.fold, metrics: curves.get(f.trial.id)?.get(f.fold) ?? [] }));
  }
}

/** A trial without its relations, its folds summed (see trialAggregates). */
export interface TrialAggregate {
  id: string;
  number: number;
  status: string;
  epochs: number;
  meanValAccuracy: number | null;
  stdValAccuracy: number | null;
  finishedAt: Date | null;
  /** Fold runs of the trial. */
  folds: number;
  /** Σ over folds of epochsCompleted clamped to [0, epochs]. */
  epochsDone: number;
  completedFolds: number;
  /** Σ over the folds not completed of epochsCompleted clamped to [0, epochs]. */
  unfinishedFoldEpochs: number;
  runningFolds: number;
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

export type ExperimentDetailRow = NonNullable<Awaited<ReturnType<ExperimentsRepository['findDetail']>>>;
export type ExperimentRow = NonNullable<Awaited<ReturnType<ExperimentsRepository['findExperiment']>>>;
