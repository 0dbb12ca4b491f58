/**
 * Display formatting shared by every page: one place decides how numbers look.
 *
 * The rule: measured values show 3 significant digits, in plain decimals between 0.001 and
 * 1,000,000 ("0.00190", "8.00", "12300") and in scientific notation outside ("-2.67e-4",
 * "1.20e+7"), always with an ASCII '-' so a copied value pastes back as a number. The full value
 * goes in a title (`fullNumber`, `fullPercent`, or the `Num` component that pairs both).
 */

const MISSING = '—';
const SIGNIFICANT = 3;

const isNumber = (value: number | null | undefined): value is number => value !== null && value !== undefined && Number.isFinite(value);

/**
 * A measured value that is not a number is a result too (a diverged loss): it reads "NaN",
 * "Infinity" or "-Infinity", the names it travels under on the wire, never a dash or 0. Null
 * and undefined are what is missing.
 */
export function nonFiniteName(value: number | null | undefined): 'NaN' | 'Infinity' | '-Infinity' | null {
  if (value === null || value === undefined || Number.isFinite(value)) return null;
  return Number.isNaN(value) ? 'NaN' : value > 0 ? 'Infinity' : '-Infinity';
}

/** `value` rounded to 3 significant digits, as text (see the rule above). */
function significant(value: number, trimZeros: boolean): string {
  if (value === 0) return '0';
  const magnitude = Math.abs(value);
  let text: string;
  if (magnitude < 1e-3 || Number(magnitude.toPrecision(SIGNIFICANT)) >= 1e6) {
    text = value.toExponential(SIGNIFICANT - 1);
    if (trimZeros) text = text.replace(/\.?0+e/, 'e');
  } else if (Number(magnitude.toPrecision(SIGNIFICANT)) >= 10 ** SIGNIFICANT) {
    // 12345 → "12300": toPrecision would switch to "1.23e+4" here
    text = String(Number(value.toPrecision(SIGNIFICANT)));
  } else {
    text = value.toPrecision(SIGNIFICANT);
    if (trimZeros && text.includes('.')) text = text.replace(/\.?0+$/, '');
  }
  return text;
}

/** Losses, scores and any measured value: 0.00189642 → "0.00190", -2.66846e-4 → "-2.67e-4". */
export function formatNumber(value: number | null | undefined): string {
  return isNumber(value) ? significant(value, false) : (nonFiniteName(value) ?? MISSING);
}

/** A loss is a measured number like any other; the name stays for the callers that read better with it. */
export const formatLoss = formatNumber;

/** Axis ticks: 3 significant digits without trailing zeros (0.5, 1, 2.5, 1e-4). */
export function formatTick(value: number | null | undefined): string {
  return isNumber(value) ? significant(value, true) : MISSING;
}

/**
 * Percentages of a fraction (0.91234 → "91.2%", 0.05 → "5.00%"), 3 significant digits.
 * `decimals` fixes the decimals instead, for axis ticks that must line up ("74%", "76%").
 */
export function formatPercent(value: number | null | undefined, decimals?: number): string {
  if (!isNumber(value)) return nonFiniteName(value) ?? MISSING;
  // 0.8765 * 100 is 87.64999999999999 in binary: strip the noise before rounding, or it rounds down
  const percent = Number((value * 100).toPrecision(15));
  if (decimals !== undefined) return `${percent.toFixed(decimals)}%`;
  return `${significant(percent, false)}%`;
}

/** The value as stored, for a title or tooltip: the shortest text that reads back as the same number. */
export function fullNumber(value: number | null | undefined): string {
  return isNumber(value) ? String(value) : (nonFiniteName(value) ?? MISSING);
}

/** A fraction as a full-precision percentage (float noise of the × 100 removed): 0.91234 → "91.234%". */
export function fullPercent(value: number | null | undefined): string {
  return isNumber(value) ? `${Number((value * 100).toPrecision(15))}%` : (nonFiniteName(value) ?? MISSING);
}

/** "91.2% ± 1.23" (the spread in percentage points, 3 significant digits); without a spread just the percent. */
export function formatAccuracyWithStd(mean: number | null | undefined, std: number | null | undefined): string {
  if (!isNumber(mean)) return nonFiniteName(mean) ?? MISSING;
  if (!isNumber(std)) return formatPercent(mean);
  return `${formatPercent(mean)} ± ${significant(Number((std * 100).toPrecision(15)), false)}`;
}

/** The full values behind `formatAccuracyWithStd`, for its title. */
export function fullAccuracyWithStd(mean: number | null | undefined, std: number | null | undefined): string {
  if (!isNumber(mean)) return nonFiniteName(mean) ?? MISSING;
  if (!isNumber(std)) return fullPercent(mean);
  return `${fullPercent(mean)} ± ${Number((std * 100).toPrecision(15))} percentage points`;
}

/** A signed difference: "+20.0", "-10.0", "0" (ASCII minus). */
export function formatSigned(value: number | null | undefined): string {
  if (!isNumber(value)) return MISSING;
  const text = significant(value, false);
  return value > 0 ? `+${text}` : text;
}

export function formatInteger(value: number | null | undefined): string {
  if (value === null || value === undefined) return '—';
  return new Intl.NumberFormat('en-US').format(value);
}

const compact = new Intl.NumberFormat('en-US', { notation: 'compact', maximumSignificantDigits: SIGNIFICANT });

/** Parameter counts and byte sizes, 3 significant digits: 1234 → "1.23K", 235_146 → "235K", 1_234_567 → "1.23M". */
export function formatCompact(value: number | null | undefined): string {
  if (!isNumber(value)) return MISSING;
  return compact.format(value);
}

/**
 * Learning rates and momenta are settings, not measurements: shown as entered (up to 6
 * significant digits, no trailing zeros), scientific below 1e-3, ASCII minus: 0.0001 → "1e-4".
 */
export function formatHyperparameter(value: number): string {
  if (value !== 0 && Math.abs(value) < 1e-3) return Number(value.toPrecision(6)).toExponential();
  return String(Number(value.toPrecision(6)));
}

export function formatDuration(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms) || ms < 0) return '—';
  const totalSeconds = Math.round(ms / 1000);
  if (totalSeconds < 60) return `${totalSeconds}s`;
  const hours = Math.floor(totalSeconds / 3600);
  const minutes = Math.floor((totalSeconds % 3600) / 60);
  const seconds = totalSeconds % 60;
  if (hours === 0) return `${minutes}m ${String(seconds).padStart(2, '0')}s`;
  return `${hours}h ${String(minutes).padStart(2, '0')}m`;
}

/** Elapsed seconds on a time axis: "0s", "4.5s", "2m 05s", "1h 07m". */
export function formatElapsed(seconds: number | null | undefined): string {
  if (!isNumber(seconds) || seconds < 0) return MISSING;
  if (seconds < 60) return `${significant(Number(seconds.toPrecision(SIGNIFICANT)), true)}s`;
  return formatDuration(seconds * 1000);
}

/** Wall time between two ISO timestamps; an unfinished span runs until `now`. */
export function durationBetween(start: string | null, end: string | null, now: number = Date.now()): number | null {
  if (!start) return null;
  const from = Date.parse(start);
  const to = end ? Date.parse(end) : now;
  if (Number.isNaN(from) || Number.isNaN(to)) return null;
  return Math.max(0, to - from);
}

const dateFormat = new Intl.DateTimeFormat('en-GB', {
  year: 'numeric',
  month: 'short',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  timeZone: 'UTC',
});

/** Absolute, timezone-stable (UTC) so server and browser render the same text. */
export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const time = Date.parse(iso);
  if (Number.isNaN(time)) return '—';
  return `${dateFormat.format(time)} UTC`;
}
