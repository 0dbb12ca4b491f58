import { ZProjectRef, ZProjectSlug } from './auth';
import { z } from 'zod';
import { ZDatasetKey } from './dataset';
import { FINE_TUNE_ARCHITECTURE, ZHyperparameters } from './hyperparameters';
import { ZModelArtifact, ZParentModel, ZRefitStatus } from './evaluation';
import { ZBaseModelReference } from './model-reference';
import { rungScheduleOf, ZAugmentation, ZSearchBudget, ZSearchSpace, ZSearchStrategy } from './search';
import { ZMetricNumber } from './wire-number';
import { ZBestTrial, ZExperimentStatus, ZFoldStatus, ZRankedBestTrial, ZTrialStatus } from './run-lifecycle';
import { RUN_LIMITS, ZRunDisplayStatus, ZTagsPatch } from './runs';

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

/**
 * Longest name of a search: the launch form's copy ("… (copy)") must still fit. A tracked
 * experiment is named by the code that logs to it, up to RUN_LIMITS.nameLength.
 */
export const SEARCH_NAME_MAX_LENGTH = 120;
export const DESCRIPTION_MAX_LENGTH = 2000;

/** The most layers a space freezes: the largest value listed, or the top of its range; 0 when it leaves freezeLayers out. */
export function mostFrozenLayers(space: { freezeLayers?: number[] | { high: number } }): number {
  const dimension = space.freezeLayers;
  if (dimension === undefined) return 0;
  return Array.isArray(dimension) ? Math.max(0, ...dimension) : dimension.high;
}

export const ZCreateExperimentRequest = z
  .object({
    name: z
      .string()
      .trim()
      .min(1, 'name is required')
      .max(SEARCH_NAME_MAX_LENGTH, `name must be at most ${SEARCH_NAME_MAX_LENGTH} characters`),
    description: z.string().max(DESCRIPTION_MAX_LENGTH).default(''),
    project: ZProjectSlug.optional().describe("The project's slug; default: the token's project, else 'default'"),
    dataset: ZDatasetKey.describe('Key of the dataset, e.g. "fashion-mnist"'),
    strategy: ZSearchStrategy.default({ kind: 'grid' }),
    space: ZSearchSpace,
    budget: ZSearchBudget.default({}),
    augmentation: ZAugmentation.nullable().default(null).describe('Applied to training batches of every trial; null for none'),
    validation: ZValidationPlan.default({ kind: 'kfold', folds: 3 }),
    trainingSlice: z
      .number()
      .int('training slice must be a whole number of images')
      .min(100, 'training slice must be at least 100 images')
      .nullable()
      .default(null)
      .describe('Train on the first N images of a seeded, stratified shuffle; null for the whole training set'),
    seed: z
      .number()
      .int()
      .min(0)
      .max(2 ** 31 - 1)
      .default(42),
    priority: z.number().int().min(1).max(100).default(10).describe('Lower runs first; small interactive runs should use a low number'),
    baseModel: ZBaseModelReference.nullable()
      .default(null)
      .describe(
        "Fine-tune from this model instead of training architectures from scratch: 'name@alias', 'name/version' or a stored model id. Needs space.architecture ['fine-tune']; space.freezeLayers (fixed or searched) freezes the base's first layers. null: no base",
      ),
  })
  .superRefine((request, ctx) => {
    // A fine-tune experiment trains its base model, nothing else; freezing needs a base.
    const fineTunes = request.space.architecture.includes(FINE_TUNE_ARCHITECTURE);
    if (request.baseModel !== null && (!fineTunes || request.space.architecture.length > 1)) {
      ctx.addIssue({
        code: 'custom',
        path: ['space', 'architecture'],
        message: `a fine-tune experiment trains the layers of its base model: set space.architecture to ['${FINE_TUNE_ARCHITECTURE}']`,
      });
    }
    if (request.baseModel === null && fineTunes) {
      ctx.addIssue({
        code: 'custom',
        path: ['baseModel'],
        message: `architecture '${FINE_TUNE_ARCHITECTURE}' trains a base model: name it in baseModel ('name@alias', 'name/version' or a model id)`,
      });
    }
    if (request.baseModel === null && mostFrozenLayers(request.space) > 0) {
      ctx.addIssue({
        code: 'custom',
        path: ['space', 'freezeLayers'],
        message: 'freezeLayers freezes layers of a base model: set baseModel, or leave freezeLayers out (or at 0)',
      });
    }
    // Which dimensions each strategy accepts: a grid can only expand lists, and ASHA owns epochs.
    const { strategy, space } = request;
    const distributions = Object.entries(space).filter(([, value]: [string, unknown]) => value !== undefined && !Array.isArray(value));
    if (strategy.kind === 'grid') {
      for (const [name] of distributions) {
        ctx.addIssue({
          code: 'custom',
          path: ['space', name],
          message: `grid search needs a list of values for ${name}; a distribution needs strategy 'random', 'asha', 'hyperband' or 'tpe'`,
        });
      }
    }
    const rungs = rungScheduleOf(strategy);
    const rungOwner = strategy.kind === 'tpe' ? 'TPE with early stopping' : strategy.kind === 'hyperband' ? 'Hyperband' : 'ASHA';
    if (rungs && space.epochs !== undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['space', 'epochs'],
        message: `${rungOwner} sets each trial's epochs from its rungs (minEpochs ${rungs.minEpochs} to maxEpochs ${rungs.maxEpochs}): remove space.epochs`,
      });
    }
    if (!rungs && space.epochs === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['space', 'epochs'],
        message: `${strategy.kind} search needs space.epochs: a list of epoch counts`,
      });
    }
    if (strategy.kind === 'asha' && strategy.trials === undefined) {
      for (const [name] of distributions) {
        ctx.addIssue({
          code: 'custom',
          path: ['space', name],
          message: `ASHA over the grid needs a list of values for ${name}; to sample distributions, set strategy.trials`,
        });
      }
    }
  })
  .meta({ id: 'CreateExperimentRequest' });
export type TCreateExperimentRequest = z.input<typeof ZCreateExperimentRequest>;
export type TCreateExperiment = z.output<typeof ZCreateExperimentRequest>;

/** Where the seconds per epoch of one (architecture, batch size) pair in a time estimate come from. */
export const ESTIMATE_SOURCES = ['measured', 'nearest-batch', 'fallback'] as const;
export const ZEstimateSource = z.enum(ESTIMATE_SOURCES);
export type TEstimateSource = z.infer<typeof ZEstimateSource>;

/** How long a search should take before it is launched, and what the figure rests on. */
export const ZSearchEstimate = z
  .object({
    seconds: z.number().describe('Wall time of the whole search on the training slots counted (or one slot when none is connected)'),
    trainingSeconds: z.number().describe('Training time summed over every fold run, as if on one slot'),
    parallel: z.number().int().describe('Fold runs expected at once: the training slots, at most the training runs'),
    slots: z
      .number()
      .int()
      .nullable()
      .describe('Trainings the connected workers run at once (sum of their concurrency); null when the queue cannot say'),
    workers: z.number().int().nullable().describe('Worker processes connected to the training queue; null when the queue cannot say'),
    imagesPerFold: z.number().int().describe('Training images of one fold run (the slice less the validation part)'),
    fallbackSecondsPerImage: z.number().describe('Seconds per training image per epoch assumed where nothing was measured'),
    basis: z
      .array(
        z.object({
          architecture: z.string(),
          batchSize: z.number().int(),
          source: ZEstimateSource,
          secondsPerImage: z.number().describe('Median seconds per training image per epoch'),
          measuredEpochs: z.number().int().describe('Epochs measured on this dataset that the figure comes from; 0 for the fallback'),
          measuredBatchSize: z.number().int().nullable().describe('nearest-batch: the batch size that was measured'),
          share: z.number().describe('Share of the search epochs trained with this pair'),
        }),
      )
      .describe('One entry per (architecture, batch size) the search trains, largest share first'),
  })
  .meta({ id: 'SearchEstimate' });
export type TSearchEstimate = z.infer<typeof ZSearchEstimate>;

/** The size of a search before it is launched (POST /experiments/plan). */
export const ZExperimentPlan = z
  .object({
    trialCount: z
      .number()
      .int()
      .describe('Configurations tried: grid points, random draws, ASHA or Hyperband candidates, or the trials TPE proposes'),
    folds: z.number().int().describe('Trainings per trial: k for k-fold, 1 for a holdout split'),
    trainingRuns: z.number().int().describe('trialCount × folds: the first queued job of each'),
    totalEpochs: z
      .number()
      .int()
      .describe(
        'Epochs summed over every training run; an upper bound for ASHA, Hyperband and TPE with early stopping (every possible promotion made) and for TPE over several epoch values (every trial at the most)',
      ),
    rungs: z
      .array(z.object({ epochs: z.number().int(), trials: z.number().int() }))
      .nullable()
      .describe(
        'Rung strategies (ASHA, Hyperband, TPE with early stopping): epochs at each rung and the most trials that can reach it; null otherwise',
      ),
    maxTrials: z.number().int().describe('The limit on trialCount: the request budget or the server MAX_TRIALS, whichever is lower'),
    maxTotalEpochs: z.number().int().describe('The limit on totalEpochs: the request budget or the server MAX_TOTAL_EPOCHS'),
    estimate: ZSearchEstimate.describe('The expected wall time, from the epochs measured on this server and the workers connected now'),
  })
  .meta({ id: 'ExperimentPlan' });
export type TExperimentPlan = z.infer<typeof ZExperimentPlan>;

export const EXPERIMENT_KINDS = ['search', 'tracked'] as const;
export type TExperimentKind = (typeof EXPERIMENT_KINDS)[number];

// Statuses and their moves: run-lifecycle.ts.

/** One epoch of one fold. A diverged epoch's NaN or infinite values are kept (ZMetricNumber). */
export const ZEpochMetric = z
  .object({
    epoch: z.number().int().min(1),
    loss: ZMetricNumber,
    accuracy: ZMetricNumber,
    valLoss: ZMetricNumber.nullable(),
    valAccuracy: ZMetricNumber.nullable(),
    seconds: ZMetricNumber,
  })
  .meta({ id: 'EpochMetric' });
export type TEpochMetric = z.infer<typeof ZEpochMetric>;

/**
 * Where a fold's wall time went, in the order it is spent: waiting in the queue, then the
 * attempt on its worker (the job reaching the process that trains it, loading rows and data,
 * building the model, the batches, validation, the per-epoch writes and batch events, the
 * checkpoint, recording).
 * The one list the worker measures, the API returns and the trial page draws.
 */
export const FOLD_PHASES = [
  'queued',
  'pickup',
  'load',
  'build',
  'train',
  'validate',
  'epochWrites',
  'batchEvents',
  'checkpoint',
  'record',
] as const;
export type TFoldPhase = (typeof FOLD_PHASES)[number];

export const FOLD_PHASE_LABELS: Record<TFoldPhase, string> = {
  queued: 'waiting for a worker',
  pickup: 'handing the job to its process',
  load: 'loading rows and data',
  build: 'building the model',
  train: 'training batches',
  validate: 'validation',
  epochWrites: 'per-epoch writes',
  batchEvents: 'batch events and checks',
  checkpoint: 'checkpoint',
  record: 'recording the result',
};

const ZSeconds = z.number().min(0);
export const ZFoldTimings = z
  .object({
    /** The attempt on its worker, from its pick-up to the recorded result (the queue wait apart). */
    wallSeconds: ZSeconds,
    phases: z.object(Object.fromEntries(FOLD_PHASES.map((phase) => [phase, ZSeconds])) as Record<TFoldPhase, typeof ZSeconds>),
    /** Training images processed by this attempt (images × epochs it trained). */
    trainImages: z.number().int().min(0),
  })
  .meta({ id: 'FoldTimings' })
  .describe("Where the fold's last attempt spent its wall time, in seconds per phase (FOLD_PHASES)");
export type TFoldTimings = z.infer<typeof ZFoldTimings>;

export const ZFoldRun = z
  .object({
    id: z.string(),
    fold: z.number().int().min(0),
    status: ZFoldStatus,
    epochsCompleted: z.number().int(),
    trainSize: z.number().int().nullable(),
    valSize: z.number().int().nullable(),
    valAccuracy: z.number().nullable(),
    valLoss: z.number().nullable(),
    backend: z.string().nullable().describe('TensorFlow.js backend and version that trained this fold'),
    startedAt: z.string().nullable(),
    finishedAt: z.string().nullable(),
    error: z.string().nullable(),
    timings: ZFoldTimings.nullable(),
  })
  .meta({ id: 'FoldRun' });
export type TFoldRun = z.infer<typeof ZFoldRun>;

/** A trial's score at one ASHA rung: the mean over its folds at that rung's epoch count. */
export const ZRungResult = z
  .object({
    rung: z.number().int().min(0),
    epochs: z.number().int(),
    meanValAccuracy: z.number(),
    stdValAccuracy: z.number(),
    promoted: z.boolean().describe('Sent on to the next rung'),
    finishedAt: z.string(),
  })
  .meta({ id: 'RungResult' });
export type TRungResult = z.infer<typeof ZRungResult>;

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
    rung: z.number().int().nullable().describe('ASHA: the rung being trained or last finished; null for grid and random search'),
    rungs: z.array(ZRungResult).describe('ASHA: the score at every rung reached, fold means; empty otherwise'),
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
    project: ZProjectRef.describe('The project it belongs to: what it creates (a registered model, a run) goes there'),
    description: z.string(),
    kind: z.enum(EXPERIMENT_KINDS).describe("'search': Atelier's workers run its trials; 'tracked': runs logged from code (POST /runs)"),
    dataset: z.string().nullable().describe('Null for a tracked experiment'),
    strategy: ZSearchStrategy.nullable().describe('Null for a tracked experiment'),
    status: ZExperimentStatus,
    tags: z.record(z.string(), z.string()),
    trialCount: z.number().int(),
    trialCounts: z.record(ZTrialStatus, z.number().int()),
    bestTrial: ZBestTrial.nullable().describe(
      "The best trial so far by the one rule (run-lifecycle's compareForBest); null before any score",
    ),
    createdAt: z.string(),
    startedAt: z.string().nullable(),
    finishedAt: z.string().nullable(),
    archivedAt: z.string().nullable().describe('When it was archived (left out of the default list); null when it is not'),
  })
  .meta({ id: 'ExperimentSummary' });
export type TExperimentSummary = z.infer<typeof ZExperimentSummary>;

export const ZRefit = z
  .object({
    status: ZRefitStatus,
    trialId: z.string(),
    testAccuracy: z.number().nullable(),
    evaluationId: z.string().nullable(),
    model: ZModelArtifact.nullable(),
    error: z.string().nullable(),
  })
  .meta({ id: 'Refit' });
export type TRefit = z.infer<typeof ZRefit>;

/** Most trials an experiment's detail carries in full (GET /experiments/:id and the actions' answers). */
export const DETAIL_TRIALS_LIMIT = 200;

/** A search experiment with its summaries and first trials; a tracked experiment's runs are listed by GET /runs?experiment=. */
export const ZExperimentDetail = ZExperimentSummary.extend({
  kind: z.literal('search'),
  dataset: z.string(),
  strategy: ZSearchStrategy,
  notes: z.string(),
  space: ZSearchSpace,
  budget: ZSearchBudget,
  augmentation: ZAugmentation.nullable(),
  validation: ZValidationPlan,
  refit: ZRefit.nullable().describe("The best trial retrained on all the experiment's training images and scored on the test set"),
  trainingSlice: z.number().int().nullable(),
  seed: z.number().int(),
  priority: z.number().int(),
  error: z.string().nullable(),
  parentModel: ZParentModel.nullable().describe(
    'The model this search fine-tunes (its trials record it as their parent); null when it trains from scratch',
  ),
  trials: z
    .array(ZTrial)
    .describe(
      'The first DETAIL_TRIALS_LIMIT (200) trials by number, with their folds: bounded whatever the size of the search. trialCounts counts ' +
        'every trial; GET /experiments/{id}/trials pages through all of them',
    ),
}).meta({ id: 'ExperimentDetail' });
export type TExperimentDetail = z.infer<typeof ZExperimentDetail>;

/**
 * A tracked experiment (runs logged from code) in full: its summary, notes and run counts. Its
 * runs themselves are listed by GET /runs?experiment=<id>.
 */
export const ZTrackedExperimentDetail = ZExperimentSummary.extend({
  kind: z.literal('tracked'),
  dataset: z.null(),
  strategy: z.null(),
  status: ZExperimentStatus.describe(
    'Follows its runs (run-lifecycle TRACKED_EXPERIMENT_STATUS_RULE): running while a run is running and heard from, queued until one logs, then completed, cancelled or failed',
  ),
  trialCount: z.number().int().describe('Its runs'),
  trialCounts: z
    .record(ZTrialStatus, z.number().int())
    .describe('Runs per stored status, as the experiments list counts them (a lost run is stored running)'),
  finishedAt: z.string().nullable().describe('Once its status is final, when a run of it was last heard from; null while it runs'),
  notes: z.string().describe('Markdown'),
  runCounts: z
    .record(ZRunDisplayStatus, z.number().int())
    .describe('Runs per status as GET /runs shows them: a running run gone silent counts as lost'),
  lastSeenAt: z.string().nullable().describe('When a run of it last logged or ended; null before any did'),
}).meta({ id: 'TrackedExperimentDetail' });
export type TTrackedExperimentDetail = z.infer<typeof ZTrackedExperimentDetail>;

/** GET /experiments/:id: a search in full or a tracked experiment in full, told apart by `kind`. */
export const ZAnyExperimentDetail = z
  .discriminatedUnion('kind', [ZExperimentDetail, ZTrackedExperimentDetail])
  .meta({ id: 'AnyExperimentDetail' });
export type TAnyExperimentDetail = z.infer<typeof ZAnyExperimentDetail>;

/**
 * PATCH /experiments/:id, for searches and tracked experiments alike: every field optional, the
 * ones given replace what is stored, except tags, which merge (ZTagsPatch, as PATCH /runs/{id}).
 */
export const ZUpdateExperimentRequest = z
  .object({
    name: z
      .string()
      .trim()
      .min(1, 'must not be empty')
      .max(RUN_LIMITS.nameLength, `must be at most ${RUN_LIMITS.nameLength} characters`)
      .optional()
      .describe(
        `A search's at most ${SEARCH_NAME_MAX_LENGTH} characters. A tracked experiment's must be no other tracked experiment's: POST /runs finds it by name`,
      ),
    description: z.string().max(DESCRIPTION_MAX_LENGTH, `must be at most ${DESCRIPTION_MAX_LENGTH} characters`).optional(),
    notes: z
      .string()
      .max(RUN_LIMITS.notesLength, `must be at most ${RUN_LIMITS.notesLength} characters`)
      .optional()
      .describe('Replaces the notes (markdown)'),
    tags: ZTagsPatch.optional(),
  })
  .strict()
  .meta({ id: 'UpdateExperimentRequest' });
export type TUpdateExperimentRequest = z.input<typeof ZUpdateExperimentRequest>;

export const ZExperimentList = z.object({ items: z.array(ZExperimentSummary), total: z.number().int() }).meta({ id: 'ExperimentList' });
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

/** Up to this many trials, the experiment overview lists every trial; above it, the watched ones. */
export const OVERVIEW_ALL_TRIALS_LIMIT = 100;

export const RUNG_OUTCOMES = ['promoted', 'stopped', 'waiting', 'final'] as const;
export const ZRungOutcome = z.enum(RUNG_OUTCOMES);
export type TRungOutcome = z.infer<typeof ZRungOutcome>;

/** One ASHA rung across the experiment: who reached it, with what score, and what became of them. */
export const ZRungSummary = z
  .object({
    rung: z.number().int().min(0),
    epochs: z.number().int(),
    reached: z.number().int().describe('Trials scored at this rung'),
    promoted: z.number().int(),
    stopped: z.number().int(),
    waiting: z.number().int().describe('Scored here and waiting for a promotion decision'),
    best: z.number().nullable(),
    points: z
      .array(z.object({ trialId: z.string(), number: z.number().int(), score: z.number(), outcome: ZRungOutcome }))
      .describe('Scores at this rung, best first; at most RUNG_POINTS_LIMIT of them'),
  })
  .meta({ id: 'RungSummary' });
export type TRungSummary = z.infer<typeof ZRungSummary>;

/** Most trial scores per rung an overview carries: enough for the chart, bounded for 10,000 trials. */
export const RUNG_POINTS_LIMIT = 1000;

/**
 * Totals over the trials an overview does not list (all zero when it lists every trial). The page
 * adds its listed trials, which it keeps live, to these.
 */
export const ZOtherTrials = z
  .object({
    count: z.number().int(),
    trialCounts: z.record(ZTrialStatus, z.number().int()),
    plannedEpochs: z.number().int().describe('Σ of their epochs (per trial, not per fold)'),
    trainedEpochs: z.number().describe('Σ of progress × epochs'),
    remainingFoldEpochs: z.number().describe('Epochs still to train, over the folds of their unfinished trials (ASHA: current rung)'),
    runningFolds: z.number().int(),
    scored: z.number().int().describe('How many have a mean validation accuracy'),
    best: ZRankedBestTrial.nullable().describe('The best of them by the one rule (compareForBest)'),
  })
  .meta({ id: 'OtherTrials' });
export type TOtherTrials = z.infer<typeof ZOtherTrials>;

/**
 * What the experiment page needs, bounded whatever the size of the search: the experiment, every
 * trial up to OVERVIEW_ALL_TRIALS_LIMIT or else the ones worth watching (running ones, the 10 best,
 * the 10 finished last), totals over the others, the ASHA rungs, and the recent epoch time.
 */
export const ZExperimentOverview = ZExperimentDetail.extend({
  trials: z.array(ZTrial).describe('Every trial, or the watched ones when there are more than OVERVIEW_ALL_TRIALS_LIMIT'),
  allTrials: z.boolean().describe('trials holds every trial of the experiment'),
  otherTrials: ZOtherTrials,
  rungs: z.array(ZRungSummary).nullable().describe('ASHA only: every rung, including those nobody reached yet'),
  secondsPerEpoch: z.number().nullable().describe('Mean wall time of one fold epoch over the last 200 trained; null before the first'),
}).meta({ id: 'ExperimentOverview' });
export type TExperimentOverview = z.infer<typeof ZExperimentOverview>;

/** GET /experiments/:id/metrics?trials=1,2,3: the curves of some trials only. */
export const METRICS_TRIALS_LIMIT = 200;
export const ZExperimentMetricsQuery = z
  .object({
    trials: z
      .string()
      .regex(/^\d+(,\d+)*$/, 'trials must be trial numbers separated by commas, e.g. 1,2,3')
      .transform((value) => [...new Set(value.split(',').map(Number))])
      .refine((numbers) => numbers.length <= METRICS_TRIALS_LIMIT, `at most ${METRICS_TRIALS_LIMIT} trials at once`)
      .optional()
      .describe('Trial numbers (comma-separated, at most 200); every trial when absent'),
  })
  .strict()
  .meta({ id: 'ExperimentMetricsQuery' });
export type TExperimentMetricsQuery = z.output<typeof ZExperimentMetricsQuery>;
