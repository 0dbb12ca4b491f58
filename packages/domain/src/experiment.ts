import { z } from 'zod';
import { ZArchitectureKey } from './architecture';
import { ZDatasetKey } from './dataset';
import { ZActivation, ZBatchSize, ZEpochs, ZHyperparameters, ZLearningRate, ZMomentum, ZOptimizer } from './hyperparameters';

/** A grid dimension: a non-empty list of distinct values. */
function gridOf<T extends z.ZodType<string | number>>(name: string, value: T) {
  return z
    .array(value)
    .min(1, `the grid for ${name} is empty: give at least one value`)
    .max(100, `the grid for ${name} has more than 100 values`)
    .refine((values) => new Set(values).size === values.length, `the grid for ${name} repeats a value`);
}

/** Grid search space: the trials are the cartesian product of these lists. */
export const ZGridSpace = z
  .object({
    architecture: gridOf('architecture', ZArchitectureKey),
    batchSize: gridOf('batchSize', ZBatchSize),
    epochs: gridOf('epochs', ZEpochs),
    activation: gridOf('activation', ZActivation),
    optimizer: gridOf('optimizer', ZOptimizer),
    learningRate: gridOf('learningRate', ZLearningRate),
    momentum: gridOf('momentum', ZMomentum),
  })
  .meta({ id: 'GridSpace' });
export type TGridSpace = z.infer<typeof ZGridSpace>;

export const ZSearchStrategy = z.discriminatedUnion('kind', [z.object({ kind: z.literal('grid') })]);
export type TSearchStrategy = z.infer<typeof ZSearchStrategy>;

/** How a trial is validated: k stratified folds, or one stratified holdout split. */
export const ZValidationPlan = z
  .discriminatedUnion('kind', [
    z.object({ kind: z.literal('kfold'), folds: z.number().int().min(2, 'k-fold needs at least 2 folds').max(10, 'at most 10 folds') }),
    z.object({
      kind: z.literal('holdout'),
      fraction: z.number().min(0.05, 'holdout fraction must be at least 0.05').max(0.5, 'holdout fraction must be at most 0.5'),
    }),
  ])
  .meta({ id: 'ValidationPlan' });
export type TValidationPlan = z.infer<typeof ZValidationPlan>;

export const ZCreateExperimentRequest = z
  .object({
    name: z.string().trim().min(1, 'name is required').max(120, 'name must be at most 120 characters'),
    description: z.string().max(2000).default(''),
    dataset: ZDatasetKey.describe('Key of the dataset, e.g. "fashion-mnist"'),
    strategy: ZSearchStrategy.default({ kind: 'grid' }),
    space: ZGridSpace,
    validation: ZValidationPlan.default({ kind: 'kfold', folds: 3 }),
    trainingSlice: z
      .number()
      .int('training slice must be a whole number of images')
      .min(100, 'training slice must be at least 100 images')
      .nullable()
      .default(null)
      .describe('Train on the first N images of a seeded, stratified shuffle; null for the whole training set'),
    seed: z.number().int().min(0).max(2 ** 31 - 1).default(42),
    priority: z.number().int().min(1).max(100).default(10).describe('Lower runs first; small interactive runs should use a low number'),
  })
  .meta({ id: 'CreateExperimentRequest' });
export type TCreateExperimentRequest = z.input<typeof ZCreateExperimentRequest>;
export type TCreateExperiment = z.output<typeof ZCreateExperimentRequest>;

/** The size of a search before it is launched (POST /experiments/plan). */
export const ZExperimentPlan = z
  .object({
    trialCount: z.number().int().describe('Grid points: one trial each'),
    folds: z.number().int().describe('Trainings per trial: k for k-fold, 1 for a holdout split'),
    trainingRuns: z.number().int().describe('trialCount × folds: one queued job each'),
    totalEpochs: z.number().int().describe('Epochs summed over every training run'),
    maxTrials: z.number().int().describe('The server limit on trialCount (MAX_TRIALS)'),
  })
  .meta({ id: 'ExperimentPlan' });
export type TExperimentPlan = z.infer<typeof ZExperimentPlan>;

export const EXPERIMENT_STATUSES = ['queued', 'running', 'completed', 'failed', 'cancelled'] as const;
export const ZExperimentStatus = z.enum(EXPERIMENT_STATUSES);
export type TExperimentStatus = z.infer<typeof ZExperimentStatus>;

export const TRIAL_STATUSES = ['queued', 'running', 'completed', 'failed', 'cancelled'] as const;
export const ZTrialStatus = z.enum(TRIAL_STATUSES);
export type TTrialStatus = z.infer<typeof ZTrialStatus>;

export const ZEpochMetric = z
  .object({
    epoch: z.number().int().min(1),
    loss: z.number(),
    accuracy: z.number(),
    valLoss: z.number().nullable(),
    valAccuracy: z.number().nullable(),
    seconds: z.number(),
  })
  .meta({ id: 'EpochMetric' });
export type TEpochMetric = z.infer<typeof ZEpochMetric>;

export const ZFoldRun = z
  .object({
    id: z.string(),
    fold: z.number().int().min(0),
    status: ZTrialStatus,
    epochsCompleted: z.number().int(),
    trainSize: z.number().int().nullable(),
    valSize: z.number().int().nullable(),
    valAccuracy: z.number().nullable(),
    valLoss: z.number().nullable(),
    backend: z.string().nullable().describe('TensorFlow.js backend and version that trained this fold'),
    startedAt: z.string().nullable(),
    finishedAt: z.string().nullable(),
    error: z.string().nullable(),
  })
  .meta({ id: 'FoldRun' });
export type TFoldRun = z.infer<typeof ZFoldRun>;

export const ZTrial = z
  .object({
    id: z.string(),
    experimentId: z.string(),
    number: z.number().int().min(1),
    status: ZTrialStatus,
    hyperparameters: ZHyperparameters,
    parameterCount: z.number().int().nullable(),
    meanValAccuracy: z.number().nullable().describe('Mean validation accuracy over the folds'),
    stdValAccuracy: z.number().nullable().describe('Population standard deviation of validation accuracy over the folds'),
    meanValLoss: z.number().nullable(),
    progress: z.number().min(0).max(1).describe('Share of the planned epochs (over all folds) that finished'),
    folds: z.array(ZFoldRun),
    startedAt: z.string().nullable(),
    finishedAt: z.string().nullable(),
    error: z.string().nullable(),
  })
  .meta({ id: 'Trial' });
export type TTrial = z.infer<typeof ZTrial>;

export const ZExperimentSummary = z
  .object({
    id: z.string(),
    name: z.string(),
    description: z.string(),
    dataset: z.string(),
    strategy: ZSearchStrategy,
    status: ZExperimentStatus,
    trialCount: z.number().int(),
    trialCounts: z.record(ZTrialStatus, z.number().int()),
    bestTrial: z
      .object({ id: z.string(), number: z.number().int(), meanValAccuracy: z.number(), stdValAccuracy: z.number().nullable() })
      .nullable(),
    createdAt: z.string(),
    startedAt: z.string().nullable(),
    finishedAt: z.string().nullable(),
  })
  .meta({ id: 'ExperimentSummary' });
export type TExperimentSummary = z.infer<typeof ZExperimentSummary>;

export const ZExperimentDetail = ZExperimentSummary.extend({
  space: ZGridSpace,
  validation: ZValidationPlan,
  trainingSlice: z.number().int().nullable(),
  seed: z.number().int(),
  priority: z.number().int(),
  error: z.string().nullable(),
  trials: z.array(ZTrial),
}).meta({ id: 'ExperimentDetail' });
export type TExperimentDetail = z.infer<typeof ZExperimentDetail>;

export const ZExperimentList = z
  .object({ items: z.array(ZExperimentSummary), total: z.number().int() })
  .meta({ id: 'ExperimentList' });
export type TExperimentList = z.infer<typeof ZExperimentList>;

/** Epoch curves of one fold of one trial. */
export const ZFoldMetrics = z
  .object({ trialId: z.string(), fold: z.number().int(), metrics: z.array(ZEpochMetric) })
  .meta({ id: 'FoldMetrics' });
export type TFoldMetrics = z.infer<typeof ZFoldMetrics>;

/** Every trial's epoch curves in one experiment, for the experiment page's charts. */
export const ZExperimentMetrics = z
  .object({
    experimentId: z.string(),
    trials: z.array(z.object({ trialId: z.string(), number: z.number().int(), folds: z.array(ZFoldMetrics) })),
  })
  .meta({ id: 'ExperimentMetrics' });
export type TExperimentMetrics = z.infer<typeof ZExperimentMetrics>;
