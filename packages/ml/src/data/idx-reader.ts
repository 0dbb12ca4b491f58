import { DatasetFormatError } from './dataset-errors';
import { datasetFileChunks, type InflateLimits, readDatasetFile } from './file-bytes';
import type { ImageSet } from './types';

/**
 * IDX is the format of the MNIST family (http://yann.lecun.com/exdb/mnist/): a 4-byte magic
 * number [0, 0, dataType, nDims], nDims big-endian uint32 sizes, then the data row-major.
 * We only accept dataType 0x08 (unsigned byte): every dataset of that family uses it, and
 * anything else would need a lossy conversion to our uint8 ImageSet.
 */
export const IDX_UNSIGNED_BYTE = 0x08;
export const IDX_IMAGES_MAGIC = 0x00000803;
export const IDX_LABELS_MAGIC = 0x00000801;

const IMAGES_WHAT = 'images (n×height×width)';
const LABELS_WHAT = 'labels (n)';

export interface IdxImages {
  readonly count: number;
  readonly height: number;
  readonly width: number;
  /** count × height × width bytes, a view on the decompressed file. */
  readonly images: Uint8Array;
}

const DATA_TYPE_NAMES: Record<number, string> = {
  0x08: 'unsigned byte',
  0x09: 'signed byte',
  0x0b: 'int16',
  0x0c: 'int32',
  0x0d: 'float32',
  0x0e: 'float64',
};

function hex(value: number, digits: number): string {
  return `0x${value.toString(16).padStart(digits, '0')}`;
}

/**
 * Validates the header and the byte count; returns the dimensions and a view on the data.
 * `totalLength`: the length of the whole file when `bytes` holds only its beginning (the
 * streaming pass); null checks the header alone.
 */
function parseIdx(
  bytes: Uint8Array,
  file: string,
  expectedDims: number,
  what: string,
  totalLength: number | null = bytes.length,
): { dims: number[]; data: Uint8Array } {
  if (bytes.length === 0) throw new DatasetFormatError(file, 'empty-file', 'file is empty');
  if (bytes.length < 4) {
    throw new DatasetFormatError(file, 'truncated', `truncated: ${bytes.length} bytes, too short for an IDX magic number`);
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const magic = view.getUint32(0, false);
  const expectedMagic = (IDX_UNSIGNED_BYTE << 8) | expectedDims;
  const dataType = bytes[2]!;
  const nDims = bytes[3]!;
  if (bytes[0] !== 0 || bytes[1] !== 0) {
    throw new DatasetFormatError(
      file,
      'bad-magic',
      `bad magic number ${hex(magic, 8)}: not an IDX file (expected ${hex(expectedMagic, 8)} for ${what})`,
    );
  }
  if (dataType !== IDX_UNSIGNED_BYTE) {
    const name = DATA_TYPE_NAMES[dataType] ?? 'unknown';
    throw new DatasetFormatError(
      file,
      'bad-data-type',
      `wrong data type byte ${hex(dataType, 2)} (${name}) in magic number ${hex(magic, 8)}: only unsigned byte (0x08) is supported`,
    );
  }
  if (nDims !== expectedDims) {
    throw new DatasetFormatError(
      file,
      'bad-dimensions',
      `wrong number of dimensions: ${nDims} (magic ${hex(magic, 8)}), expected ${expectedDims} for ${what}` +
        (nDims === 1 && expectedDims === 3 ? ' (is this a labels file?)' : '') +
        (nDims === 3 && expectedDims === 1 ? ' (is this an images file?)' : ''),
    );
  }
  const headerLength = 4 + 4 * nDims;
  if (bytes.length < headerLength) {
    throw new DatasetFormatError(
      file,
      'truncated',
      `truncated header: ${bytes.length} bytes, the ${nDims}-dimension header needs ${headerLength}`,
    );
  }
  const dims: number[] = [];
  for (let i = 0; i < nDims; i++) dims.push(view.getUint32(4 + 4 * i, false));
  const expectedBytes = dims.reduce((a, b) => a * b, 1);
  if (totalLength === null) return { dims, data: bytes.subarray(headerLength) };
  const actualBytes = totalLength - headerLength;
  const shape = dims.join('×');
  if (actualBytes < expectedBytes) {
    throw new DatasetFormatError(
      file,
      'truncated',
      `truncated: header declares ${shape} = ${expectedBytes} data bytes but the file has ${actualBytes}`,
    );
  }
  if (actualBytes > expectedBytes) {
    throw new DatasetFormatError(
      file,
      'trailing-bytes',
      `${actualBytes - expectedBytes} trailing bytes: header declares ${shape} = ${expectedBytes} data bytes but the file has ${actualBytes}`,
    );
  }
  return { dims, data: bytes.subarray(headerLength) };
}

/** Parses an (already decompressed) IDX3 images file: n × height × width unsigned bytes. */
export function parseIdxImages(bytes: Uint8Array, options: { file: string }): IdxImages {
  const { dims, data } = parseIdx(bytes, options.file, 3, IMAGES_WHAT);
  const [count, height, width] = dims as [number, number, number];
  if (count === 0) throw new DatasetFormatError(options.file, 'empty-file', 'header declares 0 images');
  if (height === 0 || width === 0) {
    throw new DatasetFormatError(options.file, 'bad-dimensions', `images have an empty shape ${height}×${width}`);
  }
  return { count, height, width, images: data };
}

/**
 * Parses an (already decompressed) IDX1 labels file. With `numClasses`, every label must be
 * below it: an out-of-range label would silently become an all-zero one-hot row in training.
 */
export function parseIdxLabels(bytes: Uint8Array, options: { file: string; numClasses?: number }): Uint8Array {
  const { dims, data } = parseIdx(bytes, options.file, 1, LABELS_WHAT);
  if (dims[0] === 0) throw new DatasetFormatError(options.file, 'empty-file', 'header declares 0 labels');
  if (options.numClasses !== undefined) assertLabelsInRange(data, options.numClasses, options.file);
  return data;
}

export function assertLabelsInRange(labels: Uint8Array, numClasses: number, file: string): void {
  for (let i = 0; i < labels.length; i++) {
    if (labels[i]! >= numClasses) {
      throw new DatasetFormatError(
        file,
        'label-out-of-range',
        `label out of range: item ${i} has label ${labels[i]}, but there are ${numClasses} classes (0..${numClasses - 1})`,
      );
    }
  }
}

/** The most an IDX header can take: the magic number and 255 dimensions. */
const IDX_MAX_HEADER_BYTES = 4 + 4 * 255;

/**
 * A file's content for the IDX parser, in two streaming passes: the first checks the header as
 * soon as it has arrived and the length against it without keeping any data (a bad magic number,
 * a header that lies or a gzip bomb is refused having allocated nothing), the second reads it
 * into one buffer of exactly its size.
 */
async function readIdxBytes(file: string, expectedDims: number, what: string, limits: InflateLimits): Promise<Uint8Array> {
  const head = new Uint8Array(IDX_MAX_HEADER_BYTES);
  let headLength = 0;
  let total = 0;
  let headerChecked = false;
  for await (const chunk of datasetFileChunks(file, limits)) {
    if (headLength < head.length) {
      const taken = Math.min(chunk.length, head.length - headLength);
      head.set(chunk.subarray(0, taken), headLength);
      headLength += taken;
    }
    total += chunk.length;
    if (!headerChecked && headLength >= 4 && headLength >= 4 + 4 * head[3]!) {
      parseIdx(head.subarray(0, headLength), file, expectedDims, what, null);
      headerChecked = true;
    }
  }
  parseIdx(head.subarray(0, headLength), file, expectedDims, what, total);
  return readDatasetFile(file, { ...limits, size: total });
}

export async function readIdxImages(file: string, limits: InflateLimits = {}): Promise<IdxImages> {
  return parseIdxImages(await readIdxBytes(file, 3, IMAGES_WHAT, limits), { file });
}

export async function readIdxLabels(file: string, options: { numClasses?: number } & InflateLimits = {}): Promise<Uint8Array> {
  return parseIdxLabels(await readIdxBytes(file, 1, LABELS_WHAT, options), { file, ...options });
}

export interface IdxPairFiles extends InflateLimits {
  imagesFile: string;
  labelsFile: string;
  /** When given, labels must be in 0..numClasses-1. */
  numClasses?: number;
}

/** Builds an ImageSet from already-read bytes of an images/labels pair (gzip already removed). */
export function parseIdxPair(imagesBytes: Uint8Array, labelsBytes: Uint8Array, options: IdxPairFiles): ImageSet {
  const images = parseIdxImages(imagesBytes, { file: options.imagesFile });
  const labels = parseIdxLabels(labelsBytes, { file: options.labelsFile, numClasses: options.numClasses });
  if (labels.length !== images.count) {
    throw new DatasetFormatError(
      options.labelsFile,
      'count-mismatch',
      `images/labels count mismatch: ${labels.length} labels but ${options.imagesFile} has ${images.count} images`,
    );
  }
  return { images: images.images, labels, count: images.count, height: images.height, width: images.width, channels: 1 };
}

/** Reads an images/labels pair of IDX files (each gzip or raw) into one validated ImageSet. */
export async function readIdxPair(options: IdxPairFiles): Promise<ImageSet> {
  const [imagesBytes, labelsBytes] = await Promise.all([
    readIdxBytes(options.imagesFile, 3, IMAGES_WHAT, options),
    readIdxBytes(options.labelsFile, 1, LABELS_WHAT, options),
  ]);
  return parseIdxPair(imagesBytes, labelsBytes, options);
}

/** Encodes an IDX file; used by tests and by exports of derived datasets. */
export function encodeIdx(dims: readonly number[], data: Uint8Array): Uint8Array {
  const header = new Uint8Array(4 + 4 * dims.length);
  const view = new DataView(header.buffer);
  header[2] = IDX_UNSIGNED_BYTE;
  header[3] = dims.length;
  dims.forEach((d, i) => view.setUint32(4 + 4 * i, d, false));
  const out = new Uint8Array(header.length + data.length);
  out.set(header, 0);
  out.set(data, header.length);
  return out;
}
