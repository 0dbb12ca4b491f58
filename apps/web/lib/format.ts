/** Display formatting shared by every page: one place decides how numbers look. */

export function formatPercent(value: number | null | undefined, digits = 2): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  return `${(value * 100).toFixed(digits)}%`;
}

/** "91.23% ± 0.45" (the spread in percentage points); without a spread just the percent. */
export function formatAccuracyWithStd(mean: number | null | undefined, std: number | null | undefined): string {
  if (mean === null || mean === undefined) return '—';
  if (std === null || std === undefined || !Number.isFinite(std)) return formatPercent(mean);
  return `${formatPercent(mean)} ± ${(std * 100).toFixed(2)}`;
}

export function formatLoss(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  return value.toFixed(4);
}

export function formatInteger(value: number | null | undefined): string {
  if (value === null || value === undefined) return '—';
  return new Intl.NumberFormat('en-US').format(value);
}

/** Parameter counts: 1234 → "1.2K", 1_234_567 → "1.23M". */
export function formatCompact(value: number | null | undefined): string {
  if (value === null || value === undefined) return '—';
  return new Intl.NumberFormat('en-US', { notation: 'compact', maximumFractionDigits: 2 }).format(value);
}

/** Learning rates and momenta: no trailing zeros, scientific below 1e-3. */
export function formatHyperparameter(value: number): string {
  if (value !== 0 && Math.abs(value) < 1e-3) return value.toExponential().replace('e-', 'e−');
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
