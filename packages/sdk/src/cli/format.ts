import { fromWireNumber, type TWireNumber } from '@atelier/domain';

/** Columns padded to their widest cell, two spaces apart: what `kubectl get` and `gh run list` print. */
export function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => (row[column] ?? '').length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, column) => cell.padEnd(widths[column] ?? 0))
      .join('  ')
      .trimEnd();
  return [line(header), ...rows.map(line)].join('\n');
}

/** A metric as a person reads it: 4 significant digits, NaN and ±Infinity by name. */
export function metric(value: TWireNumber | number | null | undefined): string {
  if (value === null || value === undefined) return '-';
  const number = fromWireNumber(value);
  if (!Number.isFinite(number)) return String(number);
  if (Number.isInteger(number)) return String(number);
  return Number(number.toPrecision(4)).toString();
}

/** "2026-12-07 06:59" in the machine's zone, or "-". */
export function when(iso: string | null | undefined): string {
  if (!iso) return '-';
  const date = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** "1 h 05 min", "4 min 10 s", "12 s". */
export function duration(seconds: number): string {
  const s = Math.round(seconds);
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min ${String(s % 60).padStart(2, '0')} s`;
  return `${Math.floor(s / 3600)} h ${String(Math.floor((s % 3600) / 60)).padStart(2, '0')} min`;
}

/** A text progress bar: [#######.............] */
export function bar(fraction: number, width = 24): string {
  const filled = Math.round(Math.max(0, Math.min(1, fraction)) * width);
  return `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}]`;
}
