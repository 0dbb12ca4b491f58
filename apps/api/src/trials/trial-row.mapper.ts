import { divergence, hyperparametersOf, type TTrialRow, ZTrialStatus } from '@atelier/domain';
import { primitives, toMetricSummary } from '../runs/run-summary.mapper';
import type { SummaryRow } from '../runs/runs.repository';
import type { TrialTableRecord } from './trial-table.repository';

const iso = (date: Date | null) => (date ? date.toISOString() : null);

/**
 * A light table row; progress as trial.mapper's trialProgress computes it, summed in SQL.
 * `classes`: of the experiment's dataset, for the chance level behind `diverged`; `summaries`:
 * the trial's metric summaries, as GET /runs shows them.
 */
export function toTrialRow(row: TrialTableRecord, classes: number, summaries: readonly SummaryRow[] = []): TTrialRow {
  const hyperparameters = hyperparametersOf(row.params);
  const planned = hyperparameters.epochs * row.folds;
  return {
    id: row.id,
    number: row.number,
    status: ZTrialStatus.parse(row.status),
    hyperparameters,
    parameterCount: row.parameterCount,
    meanValAccuracy: row.meanValAccuracy,
    stdValAccuracy: row.stdValAccuracy,
    meanValLoss: row.meanValLoss,
    testAccuracy: row.testAccuracy,
    progress: planned > 0 ? Math.min(1, row.epochsDone / planned) : 0,
    rung: row.rung,
    startedAt: iso(row.startedAt),
    finishedAt: iso(row.finishedAt),
    error: row.error,
    diverged: divergence(row, classes),
    params: primitives(row.params),
    metrics: Object.fromEntries(summaries.map((summary) => [summary.key, toMetricSummary(summary)])),
  };
}
