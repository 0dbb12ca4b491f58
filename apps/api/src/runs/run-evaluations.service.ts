import { Injectable } from '@nestjs/common';
import { type TEvaluation, type TRunEvaluations, ZLogEvaluationRequest, ZPerClassScores } from '@atelier/domain';
import { scoreConfusionMatrix } from '@atelier/domain/classification';
import { z } from 'zod';
import { conflict, notFound } from '../common/api-exception';
import { classNamesOf, compareEvaluations, type EvaluationRecord, toEvaluation } from '../trials/evaluation.mapper';
import { RunEvaluationsRepository } from './run-evaluations.repository';

type LogEvaluationRequest = z.output<typeof ZLogEvaluationRequest>;
type RunRecord = NonNullable<Awaited<ReturnType<RunEvaluationsRepository['findRun']>>>;

/**
 * What an evaluation is read against. A search's evaluations take their class names from the
 * search's dataset; one logged from code carries them in its per-class scores, and names the
 * dataset the run's `dataset` parameter names (the rule run.logModel follows), if any.
 */
function datasetOf(run: RunRecord, row: EvaluationRecord): { key: string | null; classNames: string[] } {
  const dataset = run.experiment.dataset;
  if (run.experiment.kind === 'search' && dataset) return { key: dataset.key, classNames: classNamesOf(dataset.classNames) };
  const param = (run.params as Record<string, unknown> | null)?.['dataset'];
  return {
    key: typeof param === 'string' ? param : null,
    classNames: z
      .array(ZPerClassScores)
      .parse(row.perClass)
      .map((c) => c.className),
  };
}

/** A run's evaluations, and the confusion matrices scripts log to their runs. */
@Injectable()
export class RunEvaluationsService {
  constructor(private readonly evaluations: RunEvaluationsRepository) {}

  async list(runId: string): Promise<TRunEvaluations> {
    const run = await this.evaluations.findRun(runId);
    if (!run) throw notFound(`Run ${runId} not found.`);
    const rows = await this.evaluations.list(runId);
    return { runId, items: rows.sort(compareEvaluations).map((row) => toEvaluation(row, datasetOf(run, row))) };
  }

  /**
   * Stores a confusion matrix logged from code as the run's evaluation of that split (replacing
   * the last one), with accuracy and per-class precision/recall/F1 computed by the same function
   * the workers use for a search's trials. Any run logged from code, running or ended (a model is
   * usually evaluated once its training is over); a search's trial is evaluated by the workers.
   */
  async log(runId: string, request: LogEvaluationRequest): Promise<TEvaluation> {
    const run = await this.evaluations.findRun(runId);
    if (!run) throw notFound(`Run ${runId} not found.`);
    if (run.experiment.kind === 'search') {
      throw conflict(
        `Run ${run.number} is a trial of a search: Atelier's workers evaluate it. Log evaluations to a run created with POST /runs.`,
      );
    }
    const { confusionMatrix, classNames } = request;
    const scores = scoreConfusionMatrix(confusionMatrix, classNames);
    const row = await this.evaluations.replace(run, {
      split: request.split,
      accuracy: scores.accuracy,
      loss: request.loss ?? null,
      confusionMatrix,
      perClass: scores.perClass,
      macroAvg: scores.macroAvg,
      weightedAvg: scores.weightedAvg,
      topConfusions: scores.topConfusions,
    });
    return toEvaluation(row, datasetOf(run, row));
  }
}
