import { randomUUID } from 'node:crypto';
import { EPOCH_METRIC_KEYS, logMetricPoints, type MetricPointRow } from '@atelier/db';
import type { PrismaClient } from '@atelier/db/client';
import { hyperparametersOf, paramsOf, type THyperparameters } from '@atelier/domain';

/** Test data written straight to the database (much faster than running searches). */

export interface TrialSeed {
  number: number;
  status?: string;
  architecture?: string;
  batchSize?: number;
  epochs?: number;
  activation?: string;
  optimizer?: string;
  learningRate?: number;
  momentum?: number;
  /** Any other hyperparameters of the registry (dropout, weight decay, …); left out: not in the params document. */
  hyperparameters?: Partial<THyperparameters>;
  rung?: number | null;
  parameterCount?: number | null;
  meanValAccuracy?: number | null;
  stdValAccuracy?: number | null;
  meanValLoss?: number | null;
  finishedAt?: Date | null;
}

export interface SeededExperiment {
  id: string;
  trialIds: string[];
}

export async function seedExperiment(
  prisma: PrismaClient,
  options: {
    name: string;
    description?: string;
    /** The project's slug; defaults to 'default'. */
    project?: string;
    /** Defaults to 'running'. */
    status?: string;
    createdAt?: Date;
    finishedAt?: Date | null;
    dataset?: string;
    strategy?: unknown;
    /** Stored as is; the default {} is enough for the trial routes, GET /experiments/:id needs a valid space. */
    space?: object;
    trials: TrialSeed[];
    folds?: number;
    epochsCompleted?: (trial: TrialSeed, fold: number) => number;
    /** Defaults to 'completed' for a completed trial, else 'queued'. */
    foldStatus?: (trial: TrialSeed, fold: number) => string;
  },
): Promise<SeededExperiment> {
  const project = await prisma.project.findFirstOrThrow({ where: { slug: options.project ?? 'default' } });
  const dataset = await prisma.dataset.findUniqueOrThrow({ where: { key: options.dataset ?? 'fashion-mnist' } });
  const architectures = new Map((await prisma.architecture.findMany({ select: { id: true, key: true } })).map((a) => [a.key, a.id]));
  const id = randomUUID();
  await prisma.experiment.create({
    data: {
      id,
      projectId: project.id,
      kind: 'search',
      datasetId: dataset.id,
      name: options.name,
      description: options.description ?? '',
      status: options.status ?? 'running',
      ...(options.createdAt ? { createdAt: options.createdAt } : {}),
      finishedAt: options.finishedAt ?? null,
      strategy: options.strategy ?? { kind: 'grid' },
      space: options.space ?? {},
      validation: { kind: 'kfold', folds: options.folds ?? 3 },
      seed: 1,
      trialCount: options.trials.length,
    },
  });
  const rows = options.trials.map((t) => ({
    id: randomUUID(),
    experimentId: id,
    architectureId: architectures.get(t.architecture ?? 'cnn-a')!,
    number: t.number,
    status: t.status ?? 'completed',
    rung: t.rung ?? null,
    params: paramsOf(
      hyperparametersOf({
        architecture: t.architecture ?? 'cnn-a',
        batchSize: t.batchSize ?? 32,
        epochs: t.epochs ?? 2,
        activation: t.activation ?? 'relu',
        optimizer: t.optimizer ?? 'adam',
        learningRate: t.learningRate ?? 0.001,
        momentum: t.momentum ?? 0,
        ...t.hyperparameters,
      }),
    ),
    parameterCount: t.parameterCount === undefined ? 1000 : t.parameterCount,
    meanValAccuracy: t.meanValAccuracy ?? null,
    stdValAccuracy: t.stdValAccuracy ?? null,
    // a scored trial without a mean loss reads as diverged (a fold's loss was NaN), so give one unless told
    meanValLoss: t.meanValLoss !== undefined ? t.meanValLoss : t.meanValAccuracy != null ? 0.5 : null,
    finishedAt: t.finishedAt ?? null,
  }));
  for (let i = 0; i < rows.length; i += 5000) await prisma.run.createMany({ data: rows.slice(i, i + 5000) });
  const folds = options.folds ?? 3;
  const foldRows = rows.flatMap((row, index) =>
    Array.from({ length: folds }, (_, fold) => ({
      trialId: row.id,
      fold,
      status: options.foldStatus ? options.foldStatus(options.trials[index]!, fold) : row.status === 'completed' ? 'completed' : 'queued',
      epochsCompleted: options.epochsCompleted
        ? options.epochsCompleted(options.trials[index]!, fold)
        : row.status === 'completed'
          ? (options.trials[index]!.epochs ?? 2)
          : 0,
    })),
  );
  for (let i = 0; i < foldRows.length; i += 10000) await prisma.foldRun.createMany({ data: foldRows.slice(i, i + 10000) });
  return { id, trialIds: rows.map((r) => r.id) };
}

/**
 * A tracked experiment (runs logged from code, POST /runs) with its runs: no dataset, strategy
 * or space, free-form params and tags, as the runs API stores them.
 */
export async function seedTrackedExperiment(
  prisma: PrismaClient,
  options: {
    name: string;
    tags?: Record<string, string>;
    createdAt?: Date;
    runs: { status: string; params?: Record<string, number | string | boolean> }[];
  },
): Promise<SeededExperiment> {
  const project = await prisma.project.findFirstOrThrow({ where: { slug: 'default' } });
  const experiment = await prisma.experiment.create({
    data: {
      projectId: project.id,
      kind: 'tracked',
      name: options.name,
      status: options.runs.some((run) => run.status === 'running') ? 'running' : 'completed',
      tags: options.tags ?? {},
      ...(options.createdAt ? { createdAt: options.createdAt } : {}),
    },
  });
  const trialIds: string[] = [];
  for (const [index, run] of options.runs.entries()) {
    const created = await prisma.run.create({
      data: { experimentId: experiment.id, number: index + 1, status: run.status, params: run.params ?? {}, startedAt: new Date() },
    });
    trialIds.push(created.id);
  }
  return { id: experiment.id, trialIds };
}

/** An epoch as a test seeds it: its seconds default to 1, its wall time to now. */
export interface EpochSeed {
  loss: number;
  accuracy: number;
  valLoss: number | null;
  valAccuracy: number | null;
  seconds?: number;
  wallTime?: Date;
}

/**
 * Epochs 1.. of one fold of a trial, written as the worker writes them: metric points through
 * logMetricPoints (the fold run must exist).
 */
export async function seedEpochs(prisma: PrismaClient, trialId: string, fold: number, epochs: EpochSeed[]): Promise<void> {
  await prisma.foldRun.findUniqueOrThrow({ where: { trialId_fold: { trialId, fold } } });
  const points: MetricPointRow[] = epochs.flatMap((e, i) => {
    const at = (key: string, value: number | null) =>
      value === null ? [] : [{ key, value, fold, step: i + 1, wallTime: e.wallTime ?? new Date() }];
    return [
      ...at(EPOCH_METRIC_KEYS.loss, e.loss),
      ...at(EPOCH_METRIC_KEYS.accuracy, e.accuracy),
      ...at(EPOCH_METRIC_KEYS.valLoss, e.valLoss),
      ...at(EPOCH_METRIC_KEYS.valAccuracy, e.valAccuracy),
      ...at(EPOCH_METRIC_KEYS.seconds, e.seconds ?? 1),
    ];
  });
  await prisma.$transaction((tx) => logMetricPoints(tx, trialId, points));
}

/** An evaluation from a 2×2 (or any square) confusion matrix, its scores computed here. */
export async function seedEvaluation(
  prisma: PrismaClient,
  options: {
    experimentId: string;
    trialId: string;
    split: 'validation' | 'test';
    matrix: number[][];
    classNames: string[];
    artifactId?: string;
    samples?: unknown[];
  },
): Promise<string> {
  const { matrix, classNames } = options;
  const total = matrix.flat().reduce((a, b) => a + b, 0);
  const correct = matrix.reduce((sum, row, i) => sum + row[i]!, 0);
  const perClass = classNames.map((className, c) => {
    const tp = matrix[c]![c]!;
    const support = matrix[c]!.reduce((a, b) => a + b, 0);
    const predicted = matrix.reduce((sum, row) => sum + row[c]!, 0);
    const precision = predicted ? tp / predicted : 0;
    const recall = support ? tp / support : 0;
    return { className, precision, recall, f1: precision + recall ? (2 * precision * recall) / (precision + recall) : 0, support };
  });
  const avg = (weights: number[]) => {
    const w = weights.reduce((a, b) => a + b, 0);
    const of = (k: 'precision' | 'recall' | 'f1') => perClass.reduce((sum, p, i) => sum + p[k] * weights[i]!, 0) / w;
    return { precision: of('precision'), recall: of('recall'), f1: of('f1'), support: total };
  };
  const row = await prisma.evaluation.create({
    data: {
      experimentId: options.experimentId,
      trialId: options.trialId,
      artifactId: options.artifactId ?? null,
      split: options.split,
      accuracy: correct / total,
      loss: 0.5,
      confusionMatrix: matrix,
      perClass,
      macroAvg: avg(classNames.map(() => 1)),
      weightedAvg: avg(perClass.map((p) => p.support)),
      topConfusions: [],
      samplePredictions: (options.samples ?? []) as object[],
    },
  });
  return row.id;
}
