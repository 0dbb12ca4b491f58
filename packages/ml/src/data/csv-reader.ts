import { DatasetFormatError } from './dataset-errors';
import { datasetFileChunks, type InflateLimits } from './file-bytes';
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
  /** Longest line accepted, in bytes; default MAX_CSV_LINE_BYTES. */
  maxLineBytes?: number;
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

function isBlank(bytes: Uint8Array, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const b = bytes[i]!;
    if (b !== 0x20 && b !== 0x09) return false;
  }
  return true;
}

/** The widest a field can plausibly be written (" 255.000", quoted): generous, but bounded. */
export const CSV_FIELD_MAX_BYTES = 16;

/**
 * The longest line the reader accepts: a label and 28×28 pixels of CSV_FIELD_MAX_BYTES each
 * (12,560 bytes; a Kaggle row is about 2,000, its header about 7,000). A longer line is not a
 * row of an image dataset, and without a bound a file of one endless line would be held whole.
 */
export const MAX_CSV_LINE_BYTES = (1 + 28 * 28) * CSV_FIELD_MAX_BYTES;

function lineTooLong(file: string, lineNo: number, max: number): DatasetFormatError {
  return new DatasetFormatError(
    file,
    'line-too-long',
    `line ${lineNo} is longer than ${max.toLocaleString('en-US')} bytes, the widest row of a 28×28 image with its label ` +
      `(${1 + 28 * 28} fields of at most ${CSV_FIELD_MAX_BYTES} characters): this is not a CSV of one image per line`,
  );
}

type OnLine = (bytes: Uint8Array, start: number, end: number, lineNo: number) => void;

/**
 * Cuts a byte stream into lines (LF or CRLF) without ever holding more than one line of
 * carry-over, and refuses a line longer than `maxLineBytes` with its number.
 */
class LineSplitter {
  private pending: Uint8Array | null = null;
  private lineNo = 0;

  constructor(
    private readonly file: string,
    private readonly maxLineBytes: number,
  ) {}

  push(chunk: Uint8Array, onLine: OnLine): void {
    let start = 0;
    for (let lf = chunk.indexOf(LF, start); lf !== -1; lf = chunk.indexOf(LF, start)) {
      let bytes = chunk;
      let from = start;
      let to = lf;
      if (this.pending) {
        bytes = concat(this.pending, chunk.subarray(start, lf));
        from = 0;
        to = bytes.length;
        this.pending = null;
      }
      this.emit(bytes, from, to, onLine);
      start = lf + 1;
    }
    if (start < chunk.length) {
      const rest = chunk.subarray(start);
      // +1: a CR before the LF of the next chunk is not part of the line
      if ((this.pending?.length ?? 0) + rest.length > this.maxLineBytes + 1)
        throw lineTooLong(this.file, this.lineNo + 1, this.maxLineBytes);
      // copied: the carry-over must not pin the whole chunk
      this.pending = this.pending ? concat(this.pending, rest) : rest.slice();
    }
  }

  end(onLine: OnLine): void {
    if (this.pending) this.emit(this.pending, 0, this.pending.length, onLine);
    this.pending = null;
  }

  private emit(bytes: Uint8Array, start: number, end: number, onLine: OnLine): void {
    this.lineNo++;
    if (end > start && bytes[end - 1] === CR) end--;
    if (end - start > this.maxLineBytes) throw lineTooLong(this.file, this.lineNo, this.maxLineBytes);
    onLine(bytes, start, end, this.lineNo);
  }
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
}

/**
 * Parses a CSV line by line as it streams. The pixel loop works on bytes, not strings: the
 * Kaggle train file is 47 million fields, and splitting it into strings (what general CSV
 * parsers such as csv-parse hand back) costs seconds and gigabytes. Anything that is not plain
 * digits falls to a slow path that either accepts it (" 12", "12.0") or names the line, the
 * column and the problem.
 */
class CsvImageParser {
  private readonly file: string;
  private header: string[] | null = null;
  private columns = 0;
  private pixels = 0;
  private shape: { height: number; width: number } | null = null;
  private images = new Uint8Array(0);
  private labels = new Uint8Array(0);
  private row = 0;
  /** The first blank line seen: harmless at the end (editors add them), an error before a data line. */
  private blankLine: number | null = null;

  constructor(
    private readonly options: CsvReadOptions & { file: string },
    /** Rows to allocate for up front (the line count when known): no regrowth, no double copy. */
    private readonly capacity: number,
  ) {
    this.file = options.file;
  }

  line(data: Uint8Array, position: number, end: number, lineNo: number): void {
    const { file } = this;
    if (isBlank(data, position, end)) {
      this.blankLine ??= lineNo;
      return;
    }
    if (this.blankLine !== null) {
      throw new DatasetFormatError(file, 'ragged-row', `line ${this.blankLine} is empty (blank lines are only allowed at the end)`);
    }
    if (this.columns === 0) {
      this.firstLine(decoder.decode(data.subarray(position, end)));
      if (this.header) return;
    }
    const { columns, header } = this;
    if (!this.shape) {
      if (header) {
        // Checked before the shape: a header that does not match its data is the real problem,
        // not the image shape derived from it.
        let fields = 1;
        for (let i = position; i < end; i++) if (data[i] === COMMA) fields++;
        if (fields !== columns) {
          throw new DatasetFormatError(
            file,
            'header-mismatch',
            `header has ${columns} columns but the first data line (line ${lineNo}) has ${fields}`,
          );
        }
      }
      this.resolve();
    }
    if (this.row >= this.labels.length) this.grow();
    const { pixels, images, labels, row } = this;
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
          : new DatasetFormatError(
              file,
              'pixel-out-of-range',
              `pixel out of range on line ${lineNo}, column ${column + 1}: ${value} is not in 0..255`,
            );
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
    this.row++;
  }

  finish(): CsvImages {
    const { file } = this;
    if (this.columns === 0) throw new DatasetFormatError(file, 'empty-file', 'file is empty (no lines)');
    if (!this.shape) this.resolve();
    if (this.row === 0) throw new DatasetFormatError(file, 'empty-file', 'file has a header but no data rows');
    const { row, pixels, shape } = this;
    const set: ImageSet = {
      images: this.images.subarray(0, row * pixels),
      labels: this.labels.subarray(0, row),
      count: row,
      height: shape!.height,
      width: shape!.width,
      channels: 1,
    };
    if (this.options.numClasses !== undefined) assertLabelsInRange(set.labels, this.options.numClasses, file);
    return { set, header: this.header };
  }

  /** Line 1 decides: a header or data, and how many columns every line has. */
  private firstLine(text: string): void {
    const { file } = this;
    const fields = splitFields(text);
    const hasHeader = !isNumeric(fields[0]!);
    this.columns = fields.length;
    if (this.columns < 2) {
      const separator = likelySeparator(text);
      if (separator) {
        throw new DatasetFormatError(
          file,
          'wrong-separator',
          `line 1 has no commas but ${separator.count} ${separator.name}s: the file looks ${separator.name}-separated; Atelier reads commas. ` +
            `Export it as comma-separated CSV (or replace every '${separator.shown}' with ',').`,
        );
      }
      throw new DatasetFormatError(
        file,
        'ragged-row',
        `line 1 has ${this.columns} field(s): expected a label and at least one pixel column`,
      );
    }
    if (hasHeader && fields.some((name) => name === '')) {
      throw new DatasetFormatError(
        file,
        'header-mismatch',
        `header on line 1 has an empty column name at column ${fields.indexOf('') + 1}`,
      );
    }
    this.header = hasHeader ? fields : null;
  }

  private resolve(): void {
    this.pixels = this.columns - 1;
    this.shape = resolveShape(this.pixels, this.options, this.file);
    const rows = Math.max(1, this.capacity);
    this.images = new Uint8Array(rows * this.pixels);
    this.labels = new Uint8Array(rows);
  }

  /** Only when the line count was not known (or was wrong): doubles, as a growable array would. */
  private grow(): void {
    const rows = Math.max(1, this.labels.length * 2);
    const images = new Uint8Array(rows * this.pixels);
    images.set(this.images);
    const labels = new Uint8Array(rows);
    labels.set(this.labels);
    this.images = images;
    this.labels = labels;
  }
}

/** Parses a decompressed CSV held in memory (tests, small files); files go through readCsvImages. */
export function parseCsvImages(bytes: Uint8Array, options: CsvReadOptions & { file: string }): CsvImages {
  let lines = 1;
  for (let i = bytes.indexOf(LF); i !== -1; i = bytes.indexOf(LF, i + 1)) lines++;
  const parser = new CsvImageParser(options, lines);
  const splitter = new LineSplitter(options.file, options.maxLineBytes ?? MAX_CSV_LINE_BYTES);
  const onLine: OnLine = (data, start, end, lineNo) => parser.line(data, start, end, lineNo);
  splitter.push(bytes, onLine);
  splitter.end(onLine);
  return parser.finish();
}

function raggedError(file: string, lineNo: number, data: Uint8Array, start: number, end: number, columns: number): DatasetFormatError {
  let fields = 1;
  for (let i = start; i < end; i++) if (data[i] === COMMA) fields++;
  return new DatasetFormatError(
    file,
    'ragged-row',
    `ragged row: line ${lineNo} has ${fields} fields, expected ${columns} (label + ${columns - 1} pixels)`,
  );
}

function slowField(raw: Uint8Array, context: { file: string; lineNo: number; column: number; header: readonly string[] | null }): number {
  const { file, lineNo, column, header } = context;
  const text = decoder
    .decode(raw)
    .trim()
    .replace(/^"(.*)"$/, '$1');
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
    throw new DatasetFormatError(file, 'shape-mismatch', `${pixels} pixel columns is not a square image: give height and width explicitly`);
  }
  return { height: side, width: side };
}

/**
 * Reads a CSV file (gzip or plain) into a validated ImageSet, streaming: a first pass counts
 * the lines (and refuses an endless line or an oversized inflation before anything is
 * allocated), the second parses into arrays of exactly that size. Memory is the pixels plus a
 * chunk, never the file.
 */
export async function readCsvImages(file: string, options: CsvReadOptions & InflateLimits = {}): Promise<CsvImages> {
  const maxLineBytes = options.maxLineBytes ?? MAX_CSV_LINE_BYTES;
  let lines = 0;
  const counting = new LineSplitter(file, maxLineBytes);
  const count: OnLine = () => lines++;
  for await (const chunk of datasetFileChunks(file, options)) counting.push(chunk, count);
  counting.end(count);

  const parser = new CsvImageParser({ ...options, file }, lines);
  const splitter = new LineSplitter(file, maxLineBytes);
  const onLine: OnLine = (data, start, end, lineNo) => parser.line(data, start, end, lineNo);
  for await (const chunk of datasetFileChunks(file, options)) splitter.push(chunk, onLine);
  splitter.end(onLine);
  return parser.finish();
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
