import { Injectable } from '@nestjs/common';
import {
  differingHyperparameters,
  type TComparedTrial,
  type TComparison,
  type TEpochMetric,
  ZActivation,
  ZOptimizer,
  ZRefitStatus,
  ZTrialStatus,
} from '@atelier/domain';
import { notFound } from '../common/api-exception';
import { classNamesOf, compareEvaluations, toEvaluationSummary, type EvaluationRecord } from '../trials/evaluation.mapper';
import { trialCurves } from './curves';
import { CompareRepository, type CompareMetricRow, type ComparedTrialRecord } from './compare.repository';

type FoldCurves = { fold: number; metrics: TEpochMetric[] }[];

/** Groups the ordered metric rows into each trial's folds. */
export function groupFolds(rows: readonly CompareMetricRow[]): Map<string, FoldCurves> {
  const byTrial = new Map<string, FoldCurves>();
  for (const row of rows) {
    const folds = byTrial.get(row.trialId) ?? [];
    byTrial.set(row.trialId, folds);
    let fold = folds.at(-1);
    if (!fold || fold.fold !== row.fold) folds.push((fold = { fold: row.fold, metrics: [] }));
    if (row.epoch !== null) {
      fold.metrics.push({ epoch: row.epoch, loss: row.loss!, accuracy: row.accuracy!, valLoss: row.valLoss, valAccuracy: row.valAccuracy, seconds: row.seconds! });
    }
  }
  return byTrial;
}

function toComparedTrial(row: ComparedTrialRecord, folds: FoldCurves, evaluations: EvaluationRecord[]): TComparedTrial {
  const dataset = { key: row.experiment.dataset.key, name: row.experiment.dataset.name, classNames: classNamesOf(row.experiment.dataset.classNames) };
  // newest first within a split: the first of each split is the one to show
  const newest = (split: 'validation' | 'test') => {
    const row = [...evaluations].sort(compareEvaluations).find((e) => e.split === split);
    return row ? toEvaluationSummary(row, dataset) : null;
  };
  const test = newest('test');
  const { refitStatus, refitTrialId } = row.experiment;
  return {
    id: row.id,
    number: row.number,
    status: ZTrialStatus.parse(row.status),
    experiment: { id: row.experiment.id, name: row.experiment.name },
    dataset,
    hyperparameters: {
      architecture: row.architecture.key,
      batchSize: row.batchSize,
      epochs: row.epochs,
      activation: ZActivation.parse(row.activation),
      optimizer: ZOptimizer.parse(row.optimizer),
      learningRate: row.learningRate,
      momentum: row.momentum,
    },
    parameterCount: row.parameterCount ?? row.architecture.parameterCount,
    meanValAccuracy: row.meanValAccuracy,
    stdValAccuracy: row.stdValAccuracy,
    meanValLoss: row.meanValLoss,
    testAccuracy: test?.accuracy ?? null,
    rung: row.rung,
    curves: trialCurves(folds),
    validation: newest('validation'),
    test,
    refitStatus: refitTrialId === row.id && refitStatus !== null ? ZRefitStatus.parse(refitStatus) : null,
  };
}

@Injectable()
export class CompareService {
  constructor(private readonly compare: CompareRepository) {}

  /** The trials side by side, in the order asked; 404 naming every id that does not exist. */
  async compareTrials(ids: readonly string[]): Promise<TComparison> {
    const [trials, metrics, evaluations] = await Promise.all([this.compare.trials(ids), this.compare.metrics(ids), this.compare.evaluations(ids)]);
    const byId = new Map(trials.map((t) => [t.id, t]));
    const missing = ids.filter((id) => !byId.has(id));
    if (missing.length > 0) {
      throw notFound(`${missing.length === 1 ? 'Trial' : 'Trials'} ${missing.map((id) => `'${id}'`).join(', ')} not found`);
    }
    const folds = groupFolds(metrics);
    const evaluationsByTrial = new Map<string, EvaluationRecord[]>();
    for (const e of evaluations) evaluationsByTrial.set(e.trialId!, [...(evaluationsByTrial.get(e.trialId!) ?? []), e]);
    const compared = ids.map((id) => toComparedTrial(byId.get(id)!, folds.get(id) ?? [], evaluationsByTrial.get(id) ?? []));
    return { trials: compared, differing: differingHyperparameters(compared) };
  }
}
