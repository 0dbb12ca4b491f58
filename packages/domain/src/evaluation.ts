import { z } from 'zod';
import { ZHyperparameters, type THyperparameterName } from './hyperparameters';

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
    datasetKey: z.string(),
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

/** A stored model: the refit of an experiment's best trial, or of any trial on request. */
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
});

/**
 * How much of the spread in trial scores each hyperparameter explains: η² (eta squared) of a
 * one-way analysis of variance, between-group sum of squares over total sum of squares, with
 * trials grouped by the hyperparameter's value (numeric values drawn from a distribution are
 * binned into quartiles first). `share` normalises the η² of all hyperparameters to sum to 1.
 */
export const ZParameterImportance = z.object({
  name: z.string() as z.ZodType<THyperparameterName>,
  etaSquared: z.number().min(0).max(1),
  share: z.number().min(0).max(1),
  groups: z.number().int().describe('Distinct values (or bins) seen'),
});
export type TParameterImportance = z.infer<typeof ZParameterImportance>;

export const ZLeaderboard = z
  .object({
    experimentId: z.string(),
    metric: z.literal('meanValAccuracy'),
    rows: z.array(ZLeaderboardRow).describe('The best `limit` scored trials, best first'),
    scoredTrials: z.number().int().describe('Every scored trial of the experiment, whether or not rows holds it'),
    importance: z.array(ZParameterImportance).describe('Empty until at least 3 trials have a score'),
  })
  .meta({ id: 'Leaderboard' });
export type TLeaderboard = z.infer<typeof ZLeaderboard>;
export type TLeaderboardRow = z.infer<typeof ZLeaderboardRow>;
