import { z } from 'zod';
import { ZHyperparameters, type THyperparameterName } from './hyperparameters';
import { TIE_RULE, ZDivergence } from './score-rules';

export const ZClassScores = z.object({
  precision: z.number(),
  recall: z.number(),
  f1: z.number(),
  support: z.number().int().describe('True instances of the class'),
});
export const ZPerClassScores = ZClassScores.extend({ className: z.string() });

export const ZSamplePrediction = z
  .object({
    index: z.number().int().describe('Index in the split; the image is at /datasets/{key}/images/{split}/{index}.png'),
    trueLabel: z.number().int(),
    predictedLabel: z.number().int(),
    confidence: z.number().describe('Probability of the predicted class'),
    probabilities: z.array(z.number()),
  })
  .meta({ id: 'SamplePrediction' });
export type TSamplePrediction = z.infer<typeof ZSamplePrediction>;

/**
 * The scores of one model on one split. 'test': the refitted model on the test set.
 * 'validation': a trial's out-of-fold predictions (every training image predicted by the fold
 * model that did not train on it), summed over its folds, so every trial has a confusion matrix.
 */
export const ZEvaluationSplit = z.enum(['test', 'validation']);
export type TEvaluationSplit = z.infer<typeof ZEvaluationSplit>;
export const ZEvaluation = z
  .object({
    id: z.string(),
    experimentId: z.string().nullable(),
    trialId: z.string().nullable(),
    artifactId: z.string().nullable().describe('The stored model evaluated, when there is one'),
    split: ZEvaluationSplit,
    datasetKey: z
      .string()
      .nullable()
      .describe('The dataset evaluated on; null for an evaluation logged from code by a run without a `dataset` parameter'),
    classNames: z.array(z.string()),
    accuracy: z.number(),
    loss: z.number().nullable(),
    confusionMatrix: z.array(z.array(z.number().int())).describe('counts[true][predicted]'),
    perClass: z.array(ZPerClassScores),
    macroAvg: ZClassScores,
    weightedAvg: ZClassScores,
    topConfusions: z.array(z.object({ trueClass: z.string(), predictedClass: z.string(), count: z.number().int() })),
    samplePredictions: z.array(ZSamplePrediction),
    createdAt: z.string(),
  })
  .meta({ id: 'Evaluation' });
export type TEvaluation = z.infer<typeof ZEvaluation>;

/** Bounds of an evaluation logged from code: a heatmap of 100×100 cells is as large as a page shows. */
export const EVALUATION_LIMITS = { classes: 100, classNameLength: 100, cellCount: Number.MAX_SAFE_INTEGER } as const;

/**
 * POST /runs/{id}/evaluations: a confusion matrix a script computed (`run.logConfusionMatrix`);
 * the API derives accuracy and per-class precision/recall/F1 from it with the workers' rule.
 */
export const ZLogEvaluationRequest = z
  .object({
    classNames: z
      .array(z.string().trim().min(1, 'a class name must not be empty').max(EVALUATION_LIMITS.classNameLength))
      .min(2, 'at least 2 class names')
      .max(EVALUATION_LIMITS.classes, `at most ${EVALUATION_LIMITS.classes} classes`)
      .refine((names) => new Set(names).size === names.length, 'class names must be distinct')
      .describe('The label of each class index, in order'),
    confusionMatrix: z
      .array(z.array(z.number().int('counts are whole numbers').min(0, 'counts are never negative').max(EVALUATION_LIMITS.cellCount)))
      .describe('counts[true][predicted]: as many rows as class names, each with as many counts'),
    split: ZEvaluationSplit.default('test').describe("'test' (default): a held-out test set; 'validation': a validation set"),
    loss: z.number().nullable().optional().describe('The loss on the same images, when known'),
  })
  .superRefine((request, ctx) => {
    const n = request.classNames.length;
    if (request.confusionMatrix.length !== n) {
      ctx.addIssue({
        code: 'custom',
        path: ['confusionMatrix'],
        message: `has ${request.confusionMatrix.length} rows but there are ${n} class names: it must be ${n}×${n}`,
      });
      return;
    }
    request.confusionMatrix.forEach((row, i) => {
      if (row.length !== n)
        ctx.addIssue({
          code: 'custom',
          path: ['confusionMatrix', i],
          message: `row ${i} has ${row.length} counts; the matrix must be ${n}×${n}`,
        });
    });
  })
  .meta({ id: 'LogEvaluationRequest' });
export type TLogEvaluationRequest = z.input<typeof ZLogEvaluationRequest>;

/** A run's evaluations: 'validation' first, then 'test', newest first within a split. */
export const ZRunEvaluations = z.object({ runId: z.string(), items: z.array(ZEvaluation) }).meta({ id: 'RunEvaluations' });
export type TRunEvaluations = z.infer<typeof ZRunEvaluations>;

/** A stored model: the refit of an experiment's best trial, or of any trial on request. */
/**
 * The model a fine-tune experiment started from (issue 17): a stored model, and the registered
 * version it was named by when it was named so ('fashion/2'; an alias is resolved to its version
 * when the experiment is created, so the lineage names what was actually trained from).
 */
export const ZParentModel = z
  .object({
    id: z.string().describe('The stored model (GET /models/{id})'),
    reference: z.string().nullable().describe("The registered version, as 'name/version'; null when the request named a model id"),
  })
  .meta({ id: 'ParentModel' });
export type TParentModel = z.infer<typeof ZParentModel>;

export const ZModelArtifact = z
  .object({
    id: z.string(),
    experimentId: z.string().nullable(),
    trialId: z.string().nullable(),
    kind: z.literal('model'),
    sizeBytes: z.number().int(),
    sha256: z.string(),
    backend: z.string().nullable(),
    trainedOn: z.number().int().nullable().describe('Training images the refit used'),
    parentModel: ZParentModel.nullable().describe(
      "The model this one was fine-tuned from (its experiment's base model); null when trained from scratch",
    ),
    createdAt: z.string(),
  })
  .meta({ id: 'ModelArtifact' });
export type TModelArtifact = z.infer<typeof ZModelArtifact>;

export const REFIT_STATUSES = ['queued', 'running', 'completed', 'failed'] as const;
export const ZRefitStatus = z.enum(REFIT_STATUSES);
export type TRefitStatus = z.infer<typeof ZRefitStatus>;

/** One leaderboard row: a trial ranked by its mean cross-validation score. */
export const ZLeaderboardRow = z.object({
  rank: z.number().int().min(1),
  trialId: z.string(),
  number: z.number().int(),
  status: z.string(),
  hyperparameters: ZHyperparameters,
  parameterCount: z.number().int().nullable(),
  meanValAccuracy: z.number(),
  stdValAccuracy: z.number().nullable(),
  meanValLoss: z.number().nullable(),
  rung: z.number().int().nullable().describe('ASHA: the highest rung this score comes from'),
  epochs: z.number().int().describe('Epochs behind the score'),
  tiedWithBest: z.boolean().describe(`Not the best, but ${TIE_RULE}`),
  diverged: ZDivergence.nullable(),
});
export type TLeaderboardRow = z.infer<typeof ZLeaderboardRow>;

/** A statistic over the resamples: median and interquartile range. */
export const ZSpread = z.object({ median: z.number(), q1: z.number(), q3: z.number() }).meta({ id: 'Spread' });
export type TSpread = z.infer<typeof ZSpread>;

/** One hyperparameter's main effect: its share of the variance in the scores, over the resamples. */
export const ZParameterImportance = ZSpread.extend({
  name: z.string() as z.ZodType<THyperparameterName>,
  values: z.number().int().describe('Distinct values seen'),
}).meta({ id: 'ParameterImportance' });
export type TParameterImportance = z.infer<typeof ZParameterImportance>;

/** Fewer usable trials than this and the importance carries a warning. */
export const IMPORTANCE_MIN_TRIALS = 10;

export const ZImportance = z
  .object({
    method: z
      .literal('fanova-random-forest')
      .describe(
        "fANOVA (Hutter et al., 2014) over a random forest, as Optuna's FanovaImportanceEvaluator, repeated on bootstrap resamples of the trials",
      ),
    trials: z.number().int().describe('Trials the forest was fitted on'),
    excludedDiverged: z.number().int().describe('Diverged trials left out'),
    resamples: z.number().int(),
    trees: z.number().int().describe('Trees per forest'),
    seed: z.number().int(),
    fit: ZSpread.describe(
      "R² of the forest on the trials each resample left out (clamped to 0..1): how much of the scores' variance it can predict at all",
    ),
    parameters: z
      .array(ZParameterImportance)
      .describe("Main effects as shares of the scores' variance (fit × fANOVA fraction), largest median first"),
    unexplained: ZSpread.describe(
      'What the main effects do not explain: noise between runs, interactions, and what the forest could not fit',
    ),
    warning: z.string().nullable().describe(`Set below ${IMPORTANCE_MIN_TRIALS} usable trials: too few to rank hyperparameters`),
  })
  .meta({ id: 'Importance' });
export type TImportance = z.infer<typeof ZImportance>;

/** One trial as the per-rung views draw it. */
export const ZLeaderboardPoint = z.object({
  trialId: z.string(),
  number: z.number().int(),
  hyperparameters: ZHyperparameters,
  score: z.number().describe("Mean validation accuracy (ASHA: at the view's rung)"),
  std: z.number().nullable(),
  diverged: ZDivergence.nullable(),
});
export type TLeaderboardPoint = z.infer<typeof ZLeaderboardPoint>;

/** Parameter importance and the parallel-coordinates points over one set of comparable scores. */
export const ZLeaderboardView = z
  .object({
    rung: z.number().int().nullable().describe('ASHA: the rung whose scores these are; null outside ASHA'),
    epochs: z.number().int().nullable().describe('ASHA: epochs behind every score of this rung'),
    dimensions: z
      .array(z.string() as z.ZodType<THyperparameterName>)
      .describe(
        'Searched hyperparameters that vary among these trials, in HYPERPARAMETER_NAMES order; never epochs under ASHA (there it is the rung, not a choice)',
      ),
    points: z.array(ZLeaderboardPoint).describe('The best `limit` scores of this view, best first'),
    totalPoints: z.number().int().describe('Scores this view has in all'),
    importance: ZImportance.nullable().describe('Null below 3 usable (scored, not diverged) trials'),
  })
  .meta({ id: 'LeaderboardView' });
export type TLeaderboardView = z.infer<typeof ZLeaderboardView>;

export const ZLeaderboard = z
  .object({
    experimentId: z.string(),
    metric: z.literal('meanValAccuracy'),
    rows: z.array(ZLeaderboardRow).describe('The best `limit` scored trials, best first'),
    scoredTrials: z.number().int().describe('Every scored trial of the experiment, whether or not rows holds it'),
    ties: z.object({
      rule: z.string(),
      bestTrialNumber: z.number().int().nullable(),
      tiedTrialNumbers: z.array(z.number().int()).describe('Every trial tied with the best, best first, whether or not rows holds it'),
    }),
    rungs: z
      .array(z.object({ rung: z.number().int(), epochs: z.number().int(), trials: z.number().int() }))
      .nullable()
      .describe('ASHA: the rungs with at least one score, for the view selector; null outside ASHA'),
    view: ZLeaderboardView,
  })
  .meta({ id: 'Leaderboard' });
export type TLeaderboard = z.infer<typeof ZLeaderboard>;
