import { HYPERPARAMETER_NAMES, TRIAL_CSV_COLUMNS, type THyperparameterName, type TTrialRow } from '@atelier/domain';

/**
 * RFC 4180: fields holding a comma, a quote or a line break are quoted, quotes doubled, lines
 * end with CRLF. A text cell that a spreadsheet would run as a formula (= + - @ first) gets a
 * leading apostrophe (OWASP's advice for CSV injection); numbers are written as they are.
 */
export function csvField(value: string | number | null): string {
  if (value === null) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvLine(values: readonly (string | number | null)[]): string {
  return `${values.map(csvField).join(',')}\r\n`;
}

type CsvColumn = (typeof TRIAL_CSV_COLUMNS)[number];

function csvValues(row: TTrialRow): Record<CsvColumn, string | number | null> {
  return {
    number: row.number,
    status: row.status,
    // empty where the trial does not record one: it trained with the default (random erasing:
    // its experiment's augmentation probability), which the export does not guess
    ...(Object.fromEntries(HYPERPARAMETER_NAMES.map((name) => [name, row.hyperparameters[name] ?? null])) as Record<THyperparameterName, string | number | null>),
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
  const lines = [csvLine([...TRIAL_CSV_COLUMNS, ...metricKeys.map((key) => `metrics.${key}`)])];
  for (const row of rows) {
    const values = csvValues(row);
    lines.push(csvLine([...TRIAL_CSV_COLUMNS.map((column) => values[column]), ...metricKeys.map((key) => row.metrics[key]?.last ?? null)]));
  }
  return lines.join('');
}
