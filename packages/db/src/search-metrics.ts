import { EPOCH_METRIC_KEYS, type TEpochMetric } from '@atelier/domain';
import { Prisma, type PrismaClient } from './generated/prisma/client';

// The epoch metric keys live in the domain, shared with the SDK's training callback.
export { EPOCH_METRIC_KEYS };

/** The keys an epoch record (TEpochMetric) is made of. */
const CURVE_KEYS = [
  EPOCH_METRIC_KEYS.loss,
  EPOCH_METRIC_KEYS.accuracy,
  EPOCH_METRIC_KEYS.valLoss,
  EPOCH_METRIC_KEYS.valAccuracy,
  EPOCH_METRIC_KEYS.seconds,
];

/** One stored point of a trial's fold, as epochCurvesOf reads it. */
export interface FoldPointRow {
  runId: string;
  fold: number;
  key: string;
  step: number;
  value: number;
}

type Db = Prisma.TransactionClient | PrismaClient;

/**
 * The fold points of the curve keys of these runs, ordered by run, fold and step: ONE query on
 * the metric table's primary key. Values come back as stored, NaN and ±Infinity included.
 */
export function foldCurvePoints(db: Db, runIds: readonly string[]): Promise<FoldPointRow[]> {
  if (runIds.length === 0) return Promise.resolve([]);
  return db.$queryRaw<FoldPointRow[]>`
    SELECT m.run_id::text AS "runId", m.fold::int AS fold, m.key, m.step, m.value
      FROM metric m
     WHERE m.run_id = ANY(${[...runIds]}::uuid[]) AND m.fold >= 0 AND m.key = ANY(${CURVE_KEYS}::text[])
     ORDER BY m.run_id, m.fold, m.step`;
}

/**
 * THE reshaping of a search trial's metric series into the search pages' epoch records
 * (ZEpochMetric): per run, per fold, one record per step in step order. A step counts as an
 * epoch once its loss, accuracy and epoch time are stored (the worker writes an epoch's points
 * together, in one transaction); the validation values are null when the fold had none.
 */
export function epochCurvesOf(points: Iterable<FoldPointRow>): Map<string, Map<number, TEpochMetric[]>> {
  const steps = new Map<string, Map<number, Map<number, Map<string, number>>>>();
  for (const point of points) {
    let folds = steps.get(point.runId);
    if (!folds) steps.set(point.runId, (folds = new Map<number, Map<number, Map<string, number>>>()));
    let bySteps = folds.get(point.fold);
    if (!bySteps) folds.set(point.fold, (bySteps = new Map<number, Map<string, number>>()));
    let values = bySteps.get(point.step);
    if (!values) bySteps.set(point.step, (values = new Map<string, number>()));
    values.set(point.key, point.value);
  }
  const curves = new Map<string, Map<number, TEpochMetric[]>>();
  for (const [runId, folds] of steps) {
    const byFold = new Map<number, TEpochMetric[]>();
    for (const [fold, bySteps] of [...folds].sort(([a], [b]) => a - b)) {
      const epochs: TEpochMetric[] = [];
      for (const [step, values] of [...bySteps].sort(([a], [b]) => a - b)) {
        const loss = values.get(EPOCH_METRIC_KEYS.loss);
        const accuracy = values.get(EPOCH_METRIC_KEYS.accuracy);
        const seconds = values.get(EPOCH_METRIC_KEYS.seconds);
        if (loss === undefined || accuracy === undefined || seconds === undefined) continue;
        epochs.push({
          epoch: step,
          loss,
          accuracy,
          valLoss: values.get(EPOCH_METRIC_KEYS.valLoss) ?? null,
          valAccuracy: values.get(EPOCH_METRIC_KEYS.valAccuracy) ?? null,
          seconds,
        });
      }
      byFold.set(fold, epochs);
    }
    curves.set(runId, byFold);
  }
  return curves;
}
