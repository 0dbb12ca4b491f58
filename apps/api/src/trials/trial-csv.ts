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
 * The export of a trials table, written a batch at a time: the header line, then one line per
 * trial in the order given. After the table's own columns, one per metric key (`metrics.val_loss`:
 * its last value, as the filter language reads it), empty where a trial has not logged it; NaN
 * and ±Infinity as those words. Every line ends with CRLF, so the batches concatenate.
 */
export function trialsCsvHeader(metricKeys: readonly string[] = []): string {
  return toCsv([[...TRIAL_CSV_COLUMNS, ...metricKeys.map((key) => `metrics.${key}`)]]);
}

/** The lines of some trials, after trialsCsvHeader with the same metric keys. */
export function trialsCsvLines(rows: readonly TTrialRow[], metricKeys: readonly string[] = []): string {
  if (rows.length === 0) return '';
  return toCsv(
    rows.map((row) => {
      const values = csvValues(row);
      const last = metricKeys.map((key) => {
        const summary = row.metrics[key];
        // the wire's "-Infinity" as the number it is, so the formula guard leaves it alone
        return summary ? fromWireNumber(summary.last) : null;
      });
      return [...TRIAL_CSV_COLUMNS.map((column) => values[column]), ...last];
    }),
  );
}
