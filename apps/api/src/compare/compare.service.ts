import { Injectable } from '@nestjs/common';
import { searchExperimentOf } from '@atelier/db';
import {
  differingHyperparameters,
  hyperparametersOf,
  trialCurves,
  type TComparedTrial,
  type TComparison,
  ZRefitStatus,
  ZTrialStatus,
} from '@atelier/domain';
import { notFound } from '../common/api-exception';
import { classNamesOf, compareEvaluations, toEvaluationSummary, type EvaluationRecord } from '../trials/evaluation.mapper';
import { CompareRepository, type ComparedTrialRecord, type FoldCurves } from './compare.repository';

function toComparedTrial(row: ComparedTrialRecord, folds: FoldCurves, evaluations: EvaluationRecord[]): TComparedTrial {
  const search = searchExperimentOf(row.experiment);
  const dataset = { key: search.dataset.key, name: search.dataset.name, classNames: classNamesOf(search.dataset.classNames) };
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
    hyperparameters: hyperparametersOf(row.params),
    parameterCount: row.parameterCount ?? row.architecture?.parameterCount ?? null,
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
    const [trials, metrics, evaluations] = await Promise.all([
      this.compare.trials(ids),
      this.compare.metrics(ids),
      this.compare.evaluations(ids),
    ]);
    const byId = new Map(trials.map((t) => [t.id, t]));
    const missing = ids.filter((id) => !byId.has(id));
    if (missing.length > 0) {
      throw notFound(`${missing.length === 1 ? 'Trial' : 'Trials'} ${missing.map((id) => `'${id}'`).join(', ')} not found`);
    }
    const folds = metrics;
    const evaluationsByTrial = new Map<string, EvaluationRecord[]>();
    for (const e of evaluations) {
      if (e.trialId !== null) evaluationsByTrial.set(e.trialId, [...(evaluationsByTrial.get(e.trialId) ?? []), e]);
    }
    // Every id is in byId: the missing ones were refused above.
    const compared = ids.flatMap((id) => {
      const row = byId.get(id);
      return row ? [toComparedTrial(row, folds.get(id) ?? [], evaluationsByTrial.get(id) ?? [])] : [];
    });
    return { trials: compared, differing: differingHyperparameters(compared) };
  }
}
