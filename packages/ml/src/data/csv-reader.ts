import { DatasetFormatError } from './dataset-errors';
import { readDatasetFile } from './file-bytes';
import { assertLabelsInRange } from './idx-reader';
import type { ImageSet } from './types';

/**
 * CSV in the Kaggle layout of Fashion-MNIST / MNIST: one image per line, the label first,
 * then height*width pixel intensities 0..255, row-major. The header line ("label,pixel1,...")
 * is optional and detected: a first line whose first field is not a number is a header,
 * because a data line must start with a numeric label.
 */
export interface CsvReadOptions {
  /** Image height; with width, must multiply to the pixel column count. Default: square. */
  height?: number;
  width?: number;
  /** When given, labels must be in 0..numClasses-1. */
  numClasses?: number;
}

export interface CsvImages {
  readonly set: ImageSet;
  /** Header field names, or null when the file starts with data. */
  readonly header: readonly string[] | null;
}

const COMMA = 0x2c;
const LF = 0x0a;
const CR = 0x0d;
const ZERO = 0x30;

const decoder = new TextDecoder('utf-8');

function splitFields(line: string): string[] {
  return line.split(',').map((f) => f.trim().replace(/^"(.*)"$/, '$1'));
}

/** Spreadsheets in many locales export ';' (or tabs): name the separator a comma-less first line is split by. */
function likelySeparator(line: string): { name: string; shown: string; count: number } | null {
  const candidates = [
    { name: 'semicolon', shown: ';', char: ';' },
    { name: 'tab', shown: '\\t', char: '\t' },
    { name: 'pipe', shown: '|', char: '|' },
  ];
  for (const candidate of candidates) {
    const count = line.split(candidate.char).length - 1;
    if (count > 0) return { name: candidate.name, shown: candidate.shown, count };
  }
  return null;
}

function isNumeric(field: string): boolean {
  return field !== '' && Number.isFinite(Number(field));
}

/** Line boundaries [start, end) without the line terminator (LF or CRLF). */
function lineEnd(bytes: Uint8Array, start: number): { end: number; next: number } {
  let end = bytes.indexOf(LF, start);
  const next = end === -1 ? bytes.length : end + 1;
  if (end === -1) end = bytes.length;
  if (end > start && bytes[end - 1] === CR) end--;
  return { end, next };
}

function isBlank(bytes: Uint8Array, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const b = bytes[i]!;
    if (b !== 0x20 && b !== 0x09) return false;
  }
  return true;
}

/**
 * Parses a decompressed CSV. The pixel loop works on bytes, not strings: the Kaggle train
 * file is 47 million fields, and splitting it into strings costs seconds and gigabytes.
 * Anything that is not plain digits falls to a slow path that either accepts it (" 12",
 * "12.0") or names the line, the column and the problem.
 */
export function parseCsvImages(bytes: Uint8Array, options: CsvReadOptions & { file: string }): CsvImages {
  const { file } = options;
  // Trailing blank lines are common (editors add them) and harmless; blank lines inside are not.
  let limit = bytes.length;
  while (limit > 0 && (bytes[limit - 1] === LF || bytes[limit - 1] === CR || bytes[limit - 1] === 0x20 || bytes[limit - 1] === 0x09)) {
    limit--;
  }
  if (limit === 0) throw new DatasetFormatError(file, 'empty-file', 'file is empty (no lines)');
  const data = bytes.subarray(0, limit);

  const first = lineEnd(data, 0);
  const firstFields = splitFields(decoder.decode(data.subarray(0, first.end)));
  const hasHeader = !isNumeric(firstFields[0]!);
  const header = hasHeader ? firstFields : null;
  const columns = firstFields.length;
  if (columns < 2) {
    const separator = likelySeparator(decoder.decode(data.subarray(0, first.end)));
    if (separator) {
      throw new DatasetFormatError(
        file,
        'wrong-separator',
        `line 1 has no commas but ${separator.count} ${separator.name}s: the file looks ${separator.name}-separated; Atelier reads commas. ` +
          `Export it as comma-separated CSV (or replace every '${separator.shown}' with ',').`,
      );
    }
    throw new DatasetFormatError(file, 'ragged-row', `line 1 has ${columns} field(s): expected a label and at least one pixel column`);
  }
  if (hasHeader && header!.some((name) => name === '')) {
    throw new DatasetFormatError(file, 'header-mismatch', `header on line 1 has an empty column name at column ${header!.indexOf('') + 1}`);
  }
  if (hasHeader && first.next < data.length) {
    // Checked before the shape: a header that does not match its data is the real problem,
    // not the image shape derived from it.
    const second = lineEnd(data, first.next);
    if (!isBlank(data, first.next, second.end)) {
      let fields = 1;
      for (let i = first.next; i < second.end; i++) if (data[i] === COMMA) fields++;
      if (fields !== columns) {
        throw new DatasetFormatError(file, 'header-mismatch', `header has ${columns} columns but the first data line (line 2) has ${fields}`);
      }
    }
  }
  const pixels = columns - 1;
  const { height, width } = resolveShape(pixels, options, file);

  let maxRows = 1;
  for (let i = 0; i < data.length; i++) if (data[i] === LF) maxRows++;
  const images = new Uint8Array(maxRows * pixels);
  const labels = new Uint8Array(maxRows);

  let row = 0;
  let lineNo = hasHeader ? 2 : 1;
  let position = hasHeader ? first.next : 0;
  if (hasHeader && position >= data.length) {
    throw new DatasetFormatError(file, 'empty-file', 'file has a header but no data rows');
  }
  while (position < data.length) {
    const { end, next } = lineEnd(data, position);
    if (isBlank(data, position, end)) {
      throw new DatasetFormatError(file, 'ragged-row', `line ${lineNo} is empty (blank lines are only allowed at the end)`);
    }
    let column = 0;
    let fieldStart = position;
    let value = 0;
    let digits = 0;
    let plain = true;
    const pixelBase = row * pixels;
    for (let i = position; i <= end; i++) {
      const b = i < end ? data[i]! : COMMA;
      if (b !== COMMA) {
        const digit = b - ZERO;
        if (digit >= 0 && digit <= 9) {
          value = value * 10 + digit;
          digits++;
        } else {
          plain = false;
        }
        continue;
      }
      if (column >= columns) throw raggedError(file, lineNo, data, position, end, columns);
      if (!plain || digits === 0 || digits > 3) value = slowField(data.subarray(fieldStart, i), { file, lineNo, column, header });
      if (value > 255) {
        throw column === 0
          ? new DatasetFormatError(file, 'label-out-of-range', `label out of range on line ${lineNo}: ${value} (labels are 0..255 at most)`)
          : new DatasetFormatError(file, 'pixel-out-of-range', `pixel out of range on line ${lineNo}, column ${column + 1}: ${value} is not in 0..255`);
      }
      if (column === 0) labels[row] = value;
      else images[pixelBase + column - 1] = value;
      column++;
      fieldStart = i + 1;
      value = 0;
      digits = 0;
      plain = true;
    }
    if (column !== columns) throw raggedError(file, lineNo, data, position, end, columns);
    row++;
    lineNo++;
    position = next;
  }

  const set: ImageSet = {
    images: images.subarray(0, row * pixels),
    labels: labels.subarray(0, row),
    count: row,
    height,
    width,
    channels: 1,
  };
  if (options.numClasses !== undefined) assertLabelsInRange(set.labels, options.numClasses, file);
  return { set, header };
}

function raggedError(
  file: string,
  lineNo: number,
  data: Uint8Array,
  start: number,
  end: number,
  columns: number,
): DatasetFormatError {
  let fields = 1;
  for (let i = start; i < end; i++) if (data[i] === COMMA) fields++;
  return new DatasetFormatError(file, 'ragged-row', `ragged row: line ${lineNo} has ${fields} fields, expected ${columns} (label + ${columns - 1} pixels)`);
}

function slowField(
  raw: Uint8Array,
  context: { file: string; lineNo: number; column: number; header: readonly string[] | null },
): number {
  const { file, lineNo, column, header } = context;
  const text = decoder.decode(raw).trim().replace(/^"(.*)"$/, '$1');
  const what = column === 0 ? 'label' : 'pixel';
  const where = `line ${lineNo}, column ${column + 1}`;
  if (text === '') throw new DatasetFormatError(file, 'non-numeric', `empty ${what} field on ${where}`);
  const value = Number(text);
  if (!Number.isFinite(value)) {
    const repeatedHeader = header !== null && header[column] === text;
    throw new DatasetFormatError(
      file,
      'non-numeric',
      `non-numeric ${what} '${text.slice(0, 40)}' on ${where}` + (repeatedHeader ? ' (a repeated header line?)' : ''),
    );
  }
  if (!Number.isInteger(value)) {
    throw new DatasetFormatError(file, 'not-an-integer', `${what} ${text} on ${where} is not an integer`);
  }
  if (value < 0) {
    throw column === 0
      ? new DatasetFormatError(file, 'label-out-of-range', `label out of range on ${where}: ${value} is negative`)
      : new DatasetFormatError(file, 'pixel-out-of-range', `pixel out of range on ${where}: ${value} is not in 0..255`);
  }
  return value;
}

function resolveShape(pixels: number, options: CsvReadOptions, file: string): { height: number; width: number } {
  if (options.height !== undefined || options.width !== undefined) {
    const height = options.height ?? pixels / options.width!;
    const width = options.width ?? pixels / options.height!;
    if (!Number.isInteger(height) || !Number.isInteger(width) || height * width !== pixels) {
      throw new DatasetFormatError(
        file,
        'shape-mismatch',
        `${pixels} pixel columns do not fit the requested image shape ${options.height ?? '?'}×${options.width ?? '?'}`,
      );
    }
    return { height, width };
  }
  const side = Math.round(Math.sqrt(pixels));
  if (side * side !== pixels) {
    throw new DatasetFormatError(
      file,
      'shape-mismatch',
      `${pixels} pixel columns is not a square image: give height and width explicitly`,
    );
  }
  return { height: side, width: side };
}

/** Reads a CSV file (gzip or plain) into a validated ImageSet. */
export async function readCsvImages(file: string, options: CsvReadOptions = {}): Promise<CsvImages> {
  return parseCsvImages(await readDatasetFile(file), { ...options, file });
}

/** Encodes an ImageSet as Kaggle-layout CSV; used by tests and by dataset exports. */
export function encodeCsv(set: ImageSet, options: { header?: boolean } = {}): string {
  const pixels = set.height * set.width * set.channels;
  const lines: string[] = [];
  if (options.header ?? true) {
    lines.push(['label', ...Array.from({ length: pixels }, (_, i) => `pixel${i + 1}`)].join(','));
  }
  for (let i = 0; i < set.count; i++) {
    lines.push([set.labels[i], ...set.images.subarray(i * pixels, (i + 1) * pixels)].join(','));
  }
  return `${lines.join('\n')}\n`;
}
