import { stringify } from 'csv-stringify/sync';

/**
 * The one CSV writer, for the API's exports and the web's downloads alike. RFC 4180: every line
 * ends with CRLF (the last one too), a field holding a comma, a quote or a line break is quoted,
 * quotes doubled; csv-stringify does all of that.
 *
 * Guard against formula injection (OWASP, "CSV Injection"): a text cell a spreadsheet would run
 * as a formula — first character = + - @, a tab or a carriage return, or their full-width forms,
 * which Apple Numbers folds to the same — gets a leading apostrophe, so class names, run names and
 * tags (user input) open as text. Numbers are never guarded, nor is text that reads as a plain
 * number ("-0.5", "-1e-3"): a spreadsheet takes it as that number, not as a formula.
 * csv-stringify's own `escape_formulas` would also prefix numeric text, so the rule is here.
 */

/** One cell: null and undefined are empty; NaN and ±Infinity are written as those words. */
export type TCsvCell = string | number | null | undefined;

const FORMULA_START = /^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/;
const NUMBER_TEXT = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:e[+-]?\d+)?$/i;

/** The text a cell is written as before quoting: the formula guard applied. */
export function guardCsvText(text: string): string {
  return FORMULA_START.test(text) && !NUMBER_TEXT.test(text) ? `'${text}` : text;
}

/** Rows (the header is a row like any other) as one RFC 4180 document. */
export function toCsv(rows: readonly (readonly TCsvCell[])[]): string {
  return stringify(rows as TCsvCell[][], {
    record_delimiter: 'windows',
    // with an explicit record delimiter csv-stringify would quote only CRLF, not a lone \n or \r
    quote_record_delimiter: true,
    cast: { string: guardCsvText, number: String },
  });
}
