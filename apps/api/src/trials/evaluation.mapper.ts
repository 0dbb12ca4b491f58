import { z } from 'zod';
import {
  type TEvaluation,
  type TEvaluationSummary,
  ZClassScores,
  ZEvaluationSplit,
  ZPerClassScores,
  ZSamplePrediction,
} from '@atelier/domain';

/** An evaluation row as the repositories select it (sample predictions only where needed). */
export interface EvaluationRecord {
  id: string;
  experimentId: string | null;
  trialId: string | null;
  artifactId: string | null;
  split: string;
  accuracy: number;
  loss: number | null;
  confusionMatrix: unknown;
  perClass: unknown;
  macroAvg: unknown;
  weightedAvg: unknown;
  topConfusions: unknown;
  samplePredictions?: unknown;
  createdAt: Date;
}

/** Prisma `select` of an evaluation without its sample predictions. */
export const EVALUATION_SUMMARY_SELECT = {
  id: true,
  experimentId: true,
  trialId: true,
  artifactId: true,
  split: true,
  accuracy: true,
  loss: true,
  confusionMatrix: true,
  perClass: true,
  macroAvg: true,
  weightedAvg: true,
  topConfusions: true,
  createdAt: true,
} as const;

export const EVALUATION_SELECT = { ...EVALUATION_SUMMARY_SELECT, samplePredictions: true } as const;

// JSON columns are validated when read back: a malformed row fails loudly here, not in a chart.
const ZMatrix = z.array(z.array(z.number().int()));
const ZConfusions = z.array(z.object({ trueClass: z.string(), predictedClass: z.string(), count: z.number().int() }));

/** 'validation' before 'test', newest first within a split. */
export function compareEvaluations(
  a: Pick<EvaluationRecord, 'split' | 'createdAt'>,
  b: Pick<EvaluationRecord, 'split' | 'createdAt'>,
): number {
  const order = (split: string) => (split === 'validation' ? 0 : 1);
  return order(a.split) - order(b.split) || b.createdAt.getTime() - a.createdAt.getTime();
}

export function toEvaluationSummary(row: EvaluationRecord, dataset: { key: string | null; classNames: string[] }): TEvaluationSummary {
  return {
    id: row.id,
    experimentId: row.experimentId,
    trialId: row.trialId,
    artifactId: row.artifactId,
    split: ZEvaluationSplit.parse(row.split),
    datasetKey: dataset.key,
    classNames: dataset.classNames,
    accuracy: row.accuracy,
    loss: row.loss,
    confusionMatrix: ZMatrix.parse(row.confusionMatrix),
    perClass: z.array(ZPerClassScores).parse(row.perClass),
    macroAvg: ZClassScores.parse(row.macroAvg),
    weightedAvg: ZClassScores.parse(row.weightedAvg),
    topConfusions: ZConfusions.parse(row.topConfusions),
    createdAt: row.createdAt.toISOString(),
  };
}

export function toEvaluation(row: EvaluationRecord, dataset: { key: string | null; classNames: string[] }): TEvaluation {
  return { ...toEvaluationSummary(row, dataset), samplePredictions: z.array(ZSamplePrediction).parse(row.samplePredictions ?? []) };
}

/** Class names stored on a dataset row (a JSON column). */
export function classNamesOf(value: unknown): string[] {
  return z.array(z.string()).parse(value);
}
