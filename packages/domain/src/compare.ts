import { z } from 'zod';
import { queryList, unknownQueryKeys, ZId, ZSortOrder } from './common';
import { type TEvaluationSplit, ZEvaluation, ZModelArtifact, ZRefitStatus } from './evaluation';
import { ZEpochMetric } from './experiment';
import { ZTrialStatus } from './run-lifecycle';
import { ZDivergence } from './score-rules';
import {
  HYPERPARAMETER_NAMES,
  hyperparameterDefinition,
  hyperparameterValue,
  SEARCHABLE_HYPERPARAMETER_NAMES,
  ZHyperparameters,
  type TCategoricalHyperparameterName,
  type THyperparameterName,
  type THyperparameterRegistry,
  type TNumericHyperparameterName,
  type TSearchableHyperparameterName,
} from './hyperparameters';
import { RUN_FILTER_MAX_LENGTH } from './run-filter';
import { ZMetricSummary, ZParams } from './runs';
import { ZMetricNumber } from './wire-number';

/**
 * Schemas of the trials table (server-side sorted, filtered and paged), the comparison of
 * trials across experiments, trial evaluations, stored models and their predictions.
 */

// ---------------------------------------------------------------------------------------------
// Trials table: GET /experiments/{id}/trials

const SEARCHED = SEARCHABLE_HYPERPARAMETER_NAMES;
type Searched = TSearchableHyperparameterName;
type CategoricalSearched = Extract<Searched, TCategoricalHyperparameterName>;
type NumericSearched = Extract<Searched, TNumericHyperparameterName>;
const CATEGORICAL = SEARCHED.filter((name) => hyperparameterDefinition(name).kind === 'categorical') as CategoricalSearched[];
const NUMERIC = SEARCHED.filter((name) => hyperparameterDefinition(name).kind !== 'categorical') as NumericSearched[];

/**
 * The table's own columns it can sort by: every searchable hyperparameter among them (read at its
 * default where a trial lacks it). `sort` also takes any field of the filter language
 * (params.…, metrics.…, attributes.…). Nulls (no score yet) always sort last.
 */
export const TRIAL_SORT_FIELDS = [
  'number',
  'status',
  ...SEARCHED,
  'parameterCount',
  'meanValAccuracy',
  'stdValAccuracy',
  'meanValLoss',
  'testAccuracy',
  'rung',
] as const;
export type TTrialSortField = (typeof TRIAL_SORT_FIELDS)[number];

/** Numeric columns filtered by range: `<field>.min` and `<field>.max`, both inclusive. */
export const TRIAL_RANGE_FIELDS = [
  'number',
  ...NUMERIC,
  'parameterCount',
  'meanValAccuracy',
  'stdValAccuracy',
  'meanValLoss',
  'testAccuracy',
  'rung',
] as const;
export type TTrialRangeField = (typeof TRIAL_RANGE_FIELDS)[number];

/** Columns filtered by a list of values: `optimizer=adam,sgd` (or the key repeated). */
export const TRIAL_VALUE_FIELDS = ['number', 'status', ...CATEGORICAL, ...NUMERIC] as const;
export type TTrialValueField = (typeof TRIAL_VALUE_FIELDS)[number];

const queryNumber = (name: string) =>
  z
    .string()
    .trim()
    .min(1, `${name} needs a number`)
    .transform(Number)
    .pipe(z.number({ error: `${name} must be a number` }).refine(Number.isFinite, `${name} must be a finite number`));

const rangeShape = Object.fromEntries(
  TRIAL_RANGE_FIELDS.flatMap((field) => [
    [`${field}.min`, queryNumber(`${field}.min`).optional().describe(`Only trials with ${field} ≥ this`)],
    [`${field}.max`, queryNumber(`${field}.max`).optional().describe(`Only trials with ${field} ≤ this`)],
  ]),
) as Record<`${TTrialRangeField}.${'min' | 'max'}`, z.ZodOptional<ReturnType<typeof queryNumber>>>;

const valueFilter = <T extends z.ZodType>(field: TTrialValueField, item: T) =>
  queryList(item, field).optional().describe(`Only trials whose ${field} is one of these (comma-separated)`);
type ValueFilter<T extends z.ZodType> = ReturnType<typeof valueFilter<T>>;

const valueShape = {
  number: valueFilter('number', queryNumber('number')),
  status: valueFilter('status', ZTrialStatus),
  ...(Object.fromEntries([
    ...CATEGORICAL.map((name) => [name, valueFilter(name, hyperparameterDefinition(name).value)]),
    ...NUMERIC.map((name) => [name, valueFilter(name, queryNumber(name))]),
  ]) as { [N in CategoricalSearched]: ValueFilter<THyperparameterRegistry[N]['value']> } & {
    [N in NumericSearched]: ValueFilter<ReturnType<typeof queryNumber>>;
  }),
} satisfies Record<TTrialValueField, z.ZodType>;

const TRIAL_QUERY_KEYS = ['limit', 'offset', 'sort', 'order', 'filter', ...TRIAL_VALUE_FIELDS, ...Object.keys(rangeShape)];

/** Every filter of the table; the API answers 400 for any other query parameter. */
export const ZTrialTableQuery = z
  .strictObject(
    {
      limit: z.coerce.number().int().min(1).max(500).default(50).describe('Rows per page, 1..500'),
      offset: z.coerce.number().int().min(0).default(0),
      sort: z
        .string()
        .trim()
        .min(1, 'sort needs a column or a field')
        .max(300)
        .default('number')
        .describe(
          `A column of the table (${TRIAL_SORT_FIELDS.join(', ')}) or a field of the filter language ` +
            '(params.dropout, metrics.val_loss, metrics.val_loss.min, attributes.started); ties by trial number',
        ),
      order: ZSortOrder.default('asc'),
      filter: z
        .string()
        .max(RUN_FILTER_MAX_LENGTH)
        .optional()
        .describe(
          "The filter language of GET /runs, e.g. params.learningRate < 0.01 and metrics.val_accuracy > 0.9 and attributes.status = 'completed'",
        ),
      ...valueShape,
      ...rangeShape,
    },
    { error: unknownQueryKeys('the table', TRIAL_QUERY_KEYS) },
  )
  .superRefine((query, ctx) => {
    for (const field of TRIAL_RANGE_FIELDS) {
      const min = query[`${field}.min`];
      const max = query[`${field}.max`];
      if (min !== undefined && max !== undefined && min > max) {
        ctx.addIssue({ code: 'custom', path: [`${field}.max`], message: `${field}.max (${max}) is below ${field}.min (${min})` });
      }
    }
  });
export type TTrialTableQueryInput = z.input<typeof ZTrialTableQuery>;
export type TTrialTableQuery = z.output<typeof ZTrialTableQuery>;

/** One row of the trials table: no folds, no curves. */
export const ZTrialRow = z
  .object({
    id: z.string(),
    number: z.number().int(),
    status: ZTrialStatus,
    hyperparameters: ZHyperparameters,
    parameterCount: z.number().int().nullable(),
    meanValAccuracy: z.number().nullable(),
    stdValAccuracy: z.number().nullable(),
    meanValLoss: z.number().nullable(),
    testAccuracy: z.number().nullable().describe('Accuracy on the test set of the latest refit of this trial; null when never refit'),
    progress: z.number().min(0).max(1).describe('Share of the planned epochs (over all folds) that finished'),
    rung: z.number().int().nullable(),
    startedAt: z.string().nullable(),
    finishedAt: z.string().nullable(),
    error: z.string().nullable(),
    diverged: ZDivergence.nullable(),
    params: ZParams.describe('The params document as stored: what the filter language reads as params.<key>'),
    metrics: z
      .record(z.string(), ZMetricSummary)
      .describe('Per metric key (mean of the folds at each step): what the filter language reads as metrics.<key>'),
  })
  .meta({ id: 'TrialRow' });
export type TTrialRow = z.infer<typeof ZTrialRow>;

/** What the experiment's trials hold, over all of them (not only the page): a table's columns. */
export const ZTrialTableKeys = z
  .object({
    params: z
      .array(z.object({ key: z.string(), numeric: z.boolean().describe('Every trial holding it holds a number') }))
      .describe('Every params key, A→Z'),
    metrics: z.array(z.string()).describe('Every metric key, A→Z'),
  })
  .meta({ id: 'TrialTableKeys' });
export type TTrialTableKeys = z.infer<typeof ZTrialTableKeys>;

export const ZTrialTable = z
  .object({
    experimentId: z.string(),
    total: z.number().int().describe('Trials matching the filters, over all pages'),
    limit: z.number().int(),
    offset: z.number().int(),
    sort: z.string().describe('As asked: a column of the table or a field of the filter language'),
    order: z.enum(['asc', 'desc']),
    filter: z.string().describe("The filter as applied ('' for none)"),
    keys: ZTrialTableKeys,
    items: z.array(ZTrialRow),
  })
  .meta({ id: 'TrialTable' });
export type TTrialTable = z.infer<typeof ZTrialTable>;

/** Columns of GET /experiments/{id}/trials.csv, in order. */
export const TRIAL_CSV_COLUMNS = [
  'number',
  'status',
  ...HYPERPARAMETER_NAMES,
  'meanValAccuracy',
  'stdValAccuracy',
  'meanValLoss',
  'parameterCount',
  'rung',
  'testAccuracy',
] as const;

// ---------------------------------------------------------------------------------------------
// Compare: GET /compare?trials=<id>,<id>,...

export const MAX_COMPARED_TRIALS = 50;

export const ZCompareQuery = z.strictObject({
  trials: queryList(ZId, 'trials')
    .transform((ids) => [...new Set(ids)])
    .refine((ids) => ids.length <= MAX_COMPARED_TRIALS, {
      error: (issue) => `at most ${MAX_COMPARED_TRIALS} trials can be compared at once (got ${(issue.input as string[]).length})`,
    })
    .describe(`Trial UUIDs, comma-separated, 1..${MAX_COMPARED_TRIALS}, from any experiments; duplicates are ignored`),
});
export type TCompareQuery = z.output<typeof ZCompareQuery>;

/** One epoch of a trial averaged over its folds: mean and population standard deviation. */
export const ZCurvePoint = z
  .object({
    epoch: z.number().int().min(1),
    folds: z.number().int().describe('Folds that reached this epoch'),
    // NaN when no fold that reached the epoch has a finite value (a diverged training)
    loss: ZMetricNumber,
    lossStd: ZMetricNumber,
    accuracy: ZMetricNumber,
    accuracyStd: ZMetricNumber,
    valLoss: z.number().nullable(),
    valLossStd: z.number().nullable(),
    valAccuracy: z.number().nullable(),
    valAccuracyStd: z.number().nullable(),
    elapsedSeconds: z
      .number()
      .min(0)
      .describe(
        "Training wall time up to the end of this epoch (the sum of the fold's epoch durations, validation included), mean over the folds: a chart's time axis",
      ),
  })
  .meta({ id: 'CurvePoint' });
export type TCurvePoint = z.infer<typeof ZCurvePoint>;

export const ZTrialCurves = z
  .object({
    mean: z.array(ZCurvePoint).describe('Per epoch: mean ± std over the folds that reached it'),
    folds: z.array(z.object({ fold: z.number().int(), metrics: z.array(ZEpochMetric) })).describe("Each fold's own curve"),
  })
  .meta({ id: 'TrialCurves' });
export type TTrialCurves = z.infer<typeof ZTrialCurves>;

/** An evaluation without its sample predictions (those are on GET /trials/{id}/evaluations). */
export const ZEvaluationSummary = ZEvaluation.omit({ samplePredictions: true }).meta({ id: 'EvaluationSummary' });
export type TEvaluationSummary = z.infer<typeof ZEvaluationSummary>;

export const ZComparedTrial = z
  .object({
    id: z.string(),
    number: z.number().int(),
    status: ZTrialStatus,
    experiment: z.object({ id: z.string(), name: z.string() }),
    dataset: z.object({ key: z.string(), name: z.string(), classNames: z.array(z.string()) }),
    hyperparameters: ZHyperparameters,
    parameterCount: z.number().int().nullable(),
    meanValAccuracy: z.number().nullable(),
    stdValAccuracy: z.number().nullable(),
    meanValLoss: z.number().nullable(),
    testAccuracy: z.number().nullable(),
    rung: z.number().int().nullable(),
    curves: ZTrialCurves,
    validation: ZEvaluationSummary.nullable().describe(
      "The newest out-of-fold evaluation: every training image of the trial's slice predicted by the fold model that did not train on it. Null until its folds have finished",
    ),
    test: ZEvaluationSummary.nullable().describe(
      'The newest test-set evaluation of a refit of this trial. Null when the trial was never refit: it is never stood in for by the validation one',
    ),
    refitStatus: ZRefitStatus.nullable().describe(
      "The search's own refit when it retrains this trial (its best); 'queued' or 'running' means a test evaluation is on its way. Null for other trials",
    ),
  })
  .meta({ id: 'ComparedTrial' });
export type TComparedTrial = z.infer<typeof ZComparedTrial>;

/** Why a compared trial has no evaluation of the split asked for; never filled with the other split. */
export type TMissingEvaluation =
  /** validation: its folds have not all finished */
  | 'not-evaluated'
  /** test: never refit */
  | 'not-refit'
  /** test: the search's refit of it is queued or running */
  | 'refit-pending'
  /** evaluated on another dataset than the first trial evaluated: its figures are not comparable */
  | 'other-dataset'
  /** a run logged from code that logged no evaluation of this split (run.logConfusionMatrix) */
  | 'not-logged';

export type TSplitEvaluation = { evaluation: TEvaluationSummary; missing: null } | { evaluation: null; missing: TMissingEvaluation };

export interface TSplitComparison {
  split: TEvaluationSplit;
  /** One entry per compared trial, in order. */
  trials: TSplitEvaluation[];
  /** The dataset every shown evaluation was made on (null when none was). */
  datasetKey: string | null;
  /** How many trials have an evaluation to show. */
  available: number;
}

/**
 * What compareSplit weighs: a search trial (its evaluations and refit), or a run logged from code
 * (`loggedFromCode`), whose evaluations are the confusion matrices its script logged. A logged
 * evaluation without a `dataset` parameter has a null dataset key: it is comparable with other
 * such ones only, never with a trial's.
 */
export type TSplitCandidate = Pick<TComparedTrial, 'validation' | 'test' | 'refitStatus'> & { loggedFromCode?: boolean };

/**
 * The evaluations that may stand side by side: the asked split only (a trial without one says
 * why, instead of showing the other split), and only those made on one dataset, the first
 * evaluated trial's, so a difference of matrices or a best-of marking compares like with like.
 */
export function compareSplit(trials: readonly TSplitCandidate[], split: TEvaluationSplit): TSplitComparison {
  const datasetKey = trials.map((t) => t[split]).find((e) => e !== null)?.datasetKey ?? null;
  const entries = trials.map((trial): TSplitEvaluation => {
    const evaluation = trial[split];
    if (evaluation === null) {
      // a script logs what it computed: no fold or refit of ours is on its way
      if (trial.loggedFromCode) return { evaluation: null, missing: 'not-logged' };
      if (split === 'validation') return { evaluation: null, missing: 'not-evaluated' };
      const pending = trial.refitStatus === 'queued' || trial.refitStatus === 'running';
      return { evaluation: null, missing: pending ? 'refit-pending' : 'not-refit' };
    }
    if (evaluation.datasetKey !== datasetKey) return { evaluation: null, missing: 'other-dataset' };
    return { evaluation, missing: null };
  });
  return { split, trials: entries, datasetKey, available: entries.filter((e) => e.evaluation !== null).length };
}

export const ZComparison = z
  .object({
    trials: z.array(ZComparedTrial).describe('In the order requested'),
    differing: z
      .array(z.string() as z.ZodType<THyperparameterName>)
      .describe('Hyperparameters whose values differ across the trials (what a legend should show), in HYPERPARAMETER_NAMES order'),
  })
  .meta({ id: 'Comparison' });
export type TComparison = z.infer<typeof ZComparison>;

/** Hyperparameter names whose values are not all equal across the trials. */
export function differingHyperparameters(
  trials: readonly { hyperparameters: Partial<Record<THyperparameterName, unknown>> }[],
): THyperparameterName[] {
  // a trial without a value of its own trained with the default, which is what it is compared by
  return HYPERPARAMETER_NAMES.filter((name) => new Set(trials.map((t) => hyperparameterValue(t.hyperparameters, name))).size > 1);
}

// ---------------------------------------------------------------------------------------------
// Trial evaluations and models

export const ZTrialEvaluations = z
  .object({ trialId: z.string(), items: z.array(ZEvaluation).describe("'validation' first, then 'test'; newest first within a split") })
  .meta({ id: 'TrialEvaluations' });
export type TTrialEvaluations = z.infer<typeof ZTrialEvaluations>;

export const ZModelArtifactList = z
  .object({ trialId: z.string(), items: z.array(ZModelArtifact).describe('Newest first') })
  .meta({ id: 'ModelArtifactList' });
export type TModelArtifactList = z.infer<typeof ZModelArtifactList>;

/** POST /trials/{id}/refit answers with the queued job. */
export const ZRefitQueued = z
  .object({
    experimentId: z.string(),
    trialId: z.string(),
    generation: z.number().int().describe('Model artifacts the trial had when the refit was requested'),
    jobId: z.string(),
    status: z.literal('queued'),
  })
  .meta({ id: 'RefitQueued' });
export type TRefitQueued = z.infer<typeof ZRefitQueued>;

// ---------------------------------------------------------------------------------------------
// Predictions: POST /models/{id}/predict

export const PIXEL_SCALES = ['0-255', '0-1'] as const;

/** JSON body of a prediction (the alternative is multipart with an `image` PNG file). */
export const ZPredictRequest = z
  .object({
    pixels: z
      .array(z.number({ error: 'every pixel must be a number' }))
      .min(1, 'pixels is empty')
      .describe('Grayscale values row by row: 784 for a 28×28 image'),
    scale: z
      .enum(PIXEL_SCALES, { error: "scale must be '0-255' or '0-1'" })
      .default('0-255')
      .describe("'0-255' (8-bit values) or '0-1' (already scaled)"),
  })
  .meta({ id: 'PredictRequest' });
export type TPredictRequest = z.output<typeof ZPredictRequest>;
export type TPredictRequestInput = z.input<typeof ZPredictRequest>;

export const ZClassProbability = z
  .object({ classIndex: z.number().int(), className: z.string(), probability: z.number().min(0).max(1) })
  .meta({ id: 'ClassProbability' });
export type TClassProbability = z.infer<typeof ZClassProbability>;

export const ZPrediction = z
  .object({ modelId: z.string(), predictions: z.array(ZClassProbability).describe('Every class, most probable first') })
  .meta({ id: 'Prediction' });
export type TPrediction = z.infer<typeof ZPrediction>;
