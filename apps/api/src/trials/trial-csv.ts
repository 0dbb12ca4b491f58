import { fromWireNumber, HYPERPARAMETER_NAMES, TRIAL_CSV_COLUMNS, type THyperparameterName, type TTrialRow } from '@atelier/domain';
import { toCsv, type TCsvCell } from '@atelier/domain/csv';

type CsvColumn = (typeof TRIAL_CSV_COLUMNS)[number];

function csvValues(row: TTrialRow): Record<CsvColumn, TCsvCell> {
  return {
    number: row.number,
    status: row.status,
    // empty where the trial does not record one: it trained with the default (random erasing:
    // its experiment's augmentation probability), which the export does not guess
    ...(Object.fromEntries(HYPERPARAMETER_NAMES.map((name) => [name, row.hyperparameters[name] ?? null])) as Record<
      THyperparameterName,
      string | number | null
    >),
    meanValAccuracy: row.meanValAccuracy,
    stdValAccuracy: row.stdValAccuracy,
    meanValLoss: row.meanValLoss,
    parameterCount: row.parameterCount,
    rung: row.rung,
    testAccuracy: row.testAccuracy,
  };
}

/**
 * The export of a trials table: a header line, then one line per trial in the given order. After
 * the table's own columns, one per metric key (`metrics.val_loss`: its last value, as the filter
 * language reads it), empty where a trial has not logged it; NaN and ±Infinity as those words.
 */
export function trialsCsv(rows: readonly TTrialRow[], metricKeys: readonly string[] = []): string {
  const header = [...TRIAL_CSV_COLUMNS, ...metricKeys.map((key) => `metrics.${key}`)];
  return toCsv([
    header,
    ...rows.map((row) => {
      const values = csvValues(row);
      const last = metricKeys.map((key) => {
        const summary = row.metrics[key];
        // the wire's "-Infinity" as the number it is, so the formula guard leaves it alone
        return summary ? fromWireNumber(summary.last) : null;
      });
      return [...TRIAL_CSV_COLUMNS.map((column) => values[column]), ...last];
    }),
  ]);
}
