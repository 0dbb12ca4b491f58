import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { Prisma, type PrismaClient } from '@atelier/db/client';
import type { TCreateExperiment, THyperparameters, TExperimentStatus } from '@atelier/domain';
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
  name: true,
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
   * transaction. Ids are made here so the rows can be inserted in bulk. ASHA trials start at
   * rung 0 with the first rung's epochs.
   */
  async create(input: NewExperiment): Promise<{ id: string; folds: FoldRef[] }> {
    const { request } = input;
    const experimentId = randomUUID();
    const trials = input.points.map((point, index) => ({
      id: randomUUID(),
      experimentId,
      architectureId: input.architectureIds.get(point.architecture)!,
      number: index + 1,
      batchSize: point.batchSize,
      epochs: point.epochs,
      activation: point.activation,
      optimizer: point.optimizer,
      learningRate: point.learningRate,
      momentum: point.momentum,
      rung: request.strategy.kind === 'asha' ? 0 : null,
    }));
    const folds: FoldRef[] = trials.flatMap((trial) =>
      Array.from({ length: input.folds }, (_, fold) => ({ trialId: trial.id, trialNumber: trial.number, fold, rung: 0 })),
    );
    await this.prisma.$transaction([
      this.prisma.experiment.create({
        data: {
          id: experimentId,
          projectId: input.projectId,
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
          trialCount: trials.length,
        },
      }),
      this.prisma.trial.createMany({ data: trials }),
      this.prisma.foldRun.createMany({ data: folds.map(({ trialId, fold }) => ({ trialId, fold })) }),
    ]);
    return { id: experimentId, folds };
  }

  /** Removes an experiment with its trials and fold runs (cascade). */
  async delete(id: string): Promise<void> {
    await this.prisma.experiment.deleteMany({ where: { id } });
  }

  findStatus(id: string) {
    return this.prisma.experiment.findUnique({ where: { id }, select: { id: true, name: true, status: true, priority: true } });
  }

  async findDetail(id: string) {
    const experiment = await this.prisma.experiment.findUnique({
      where: { id },
      select: { ...EXPERIMENT_SELECT, trials: { orderBy: { number: 'asc' }, select: TRIAL_SELECT } },
    });
    if (!experiment) return null;
    const refitTrialId = experiment.refitTrialId;
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
    return { ...experiment, refitEvaluation, refitModel };
  }

  /** A page of experiments, newest first, with each one's trial counts per status and best trial. */
  async list(query: { limit: number; offset: number; status?: TExperimentStatus }) {
    const where = query.status ? { status: query.status } : {};
    const [rows, total] = await this.prisma.$transaction([
      this.prisma.experiment.findMany({
        where,
        orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
        skip: query.offset,
        take: query.limit,
        select: EXPERIMENT_SELECT,
      }),
      this.prisma.experiment.count({ where }),
    ]);
    const ids = rows.map((row) => row.id);
    const [counts, leaders] = await Promise.all([
      this.prisma.trial.groupBy({ by: ['experimentId', 'status'], where: { experimentId: { in: ids } }, _count: { _all: true } }),
      this.bestTrials(ids),
    ]);
    return { rows, total, counts: counts.map((c) => ({ experimentId: c.experimentId, status: c.status, count: c._count._all })), leaders };
  }

  /** Each experiment's trial with the highest mean validation accuracy (ties: lowest number). */
  private async bestTrials(experimentIds: string[]) {
    if (experimentIds.length === 0) return [];
    return this.prisma.trial.findMany({
      where: { experimentId: { in: experimentIds }, meanValAccuracy: { not: null } },
      distinct: ['experimentId'],
      orderBy: [{ experimentId: 'asc' }, { meanValAccuracy: 'desc' }, { number: 'asc' }],
      select: { id: true, experimentId: true, number: true, meanValAccuracy: true, stdValAccuracy: true },
    });
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
      await tx.trial.updateMany({ where: { experimentId: id, status: 'queued' }, data: { status: 'cancelled', finishedAt: now } });
      await tx.foldRun.updateMany({ where: { status: 'paused', trial: { experimentId: id } }, data: { status: 'cancelled', finishedAt: now } });
      await tx.trial.updateMany({ where: { experimentId: id, status: 'paused' }, data: { status: 'cancelled', finishedAt: now } });
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
      await tx.trial.updateMany({ where: { experimentId: id, status: { in: ['queued', 'running'] }, foldRuns: { none: { status: 'running' } } }, data: { status: 'paused' } });
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
      await tx.trial.updateMany({ where: { experimentId: id, status: 'paused', startedAt: null }, data: { status: 'queued' } });
      await tx.trial.updateMany({ where: { experimentId: id, status: 'paused' }, data: { status: 'running' } });
      return {
        priority: experiment.priority,
        folds: paused.map((f) => ({ trialId: f.trial.id, trialNumber: f.trial.number, fold: f.fold, rung: f.rung })),
      };
    });
  }

  /** Every epoch row of the experiment grouped by trial and fold: ONE SQL query. */
  metricRows(experimentId: string) {
    return this.prisma.$queryRaw<MetricRow[]>`
      SELECT t.id AS "trialId", t.number, f.fold,
             m.epoch, m.loss, m.accuracy, m.val_loss AS "valLoss", m.val_accuracy AS "valAccuracy", m.seconds
        FROM trial t
        JOIN fold_run f ON f.trial_id = t.id
        LEFT JOIN epoch_metric m ON m.fold_run_id = f.id
       WHERE t.experiment_id = ${experimentId}::uuid
       ORDER BY t.number, f.fold, m.epoch`;
  }
}

export interface MetricRow {
  trialId: string;
  number: number;
  fold: number;
  epoch: number | null;
  loss: number | null;
  accuracy: number | null;
  valLoss: number | null;
  valAccuracy: number | null;
  seconds: number | null;
}

export type ExperimentDetailRow = NonNullable<Awaited<ReturnType<ExperimentsRepository['findDetail']>>>;
export type ExperimentListResult = Awaited<ReturnType<ExperimentsRepository['list']>>;
