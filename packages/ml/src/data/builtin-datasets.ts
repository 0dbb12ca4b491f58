import { createHash, randomBytes } from 'node:crypto';
import { access, mkdir, readFile, rename, unlink, writeFile } from 'node:fs/promises';
import { constants as fsConstants } from 'node:fs';
import path from 'node:path';
import type { TBuiltinDatasetKey } from '@atelier/domain';
import { DatasetDownloadError, DatasetFormatError, DatasetNotFoundError } from './dataset-errors';
import { decompressIfGzip } from './file-bytes';
import { parseIdxPair } from './idx-reader';
import type { ImageSet, LabeledDataset } from './types';

export type BuiltinFileRole = 'trainImages' | 'trainLabels' | 'testImages' | 'testLabels';

export interface BuiltinDatasetFile {
  readonly role: BuiltinFileRole;
  /** Official file name, gzip-compressed. */
  readonly name: string;
  /** MD5 of the official .gz file, as published with the dataset. */
  readonly gzipMd5: string;
  /**
   * MD5 of the decompressed IDX bytes. Re-packaged copies (Debian's dataset-fashion-mnist)
   * hold the same IDX bytes inside a different gzip header, so the .gz checksum rejects
   * them while this one accepts them; it also covers copies that were gunzipped by hand.
   */
  readonly contentMd5: string;
  readonly contentBytes: number;
}

export interface BuiltinDatasetInfo {
  readonly key: TBuiltinDatasetKey;
  readonly name: string;
  readonly description: string;
  readonly classNames: readonly string[];
  readonly trainSize: number;
  readonly testSize: number;
  readonly imageShape: readonly [number, number, number];
  readonly files: readonly BuiltinDatasetFile[];
  /** Base URLs tried in order; each serves the four official file names. */
  readonly mirrors: readonly string[];
  readonly homepage: string;
}

// Checksums: gzipMd5 from the MD5SUMS published with each dataset (identical to the files in
// /work/shared/datasets/*/MD5SUMS); contentMd5 computed from those same files after gunzip.
export const BUILTIN_DATASETS: Readonly<Record<TBuiltinDatasetKey, BuiltinDatasetInfo>> = {
  'fashion-mnist': {
    key: 'fashion-mnist',
    name: 'Fashion-MNIST',
    description: "Zalando's article images: 28×28 grayscale, 10 classes, 60,000 train and 10,000 test.",
    classNames: ['T-shirt/top', 'Trouser', 'Pullover', 'Dress', 'Coat', 'Sandal', 'Shirt', 'Sneaker', 'Bag', 'Ankle boot'],
    trainSize: 60000,
    testSize: 10000,
    imageShape: [28, 28, 1],
    files: [
      { role: 'trainImages', name: 'train-images-idx3-ubyte.gz', gzipMd5: '8d4fb7e6c68d591d4c3dfef9ec88bf0d', contentMd5: 'f4a8712d7a061bf5bd6d2ca38dc4d50a', contentBytes: 47040016 },
      { role: 'trainLabels', name: 'train-labels-idx1-ubyte.gz', gzipMd5: '25c81989df183df01b3e8a0aad5dffbe', contentMd5: '9018921c3c673c538a1fc5bad174d6f9', contentBytes: 60008 },
      { role: 'testImages', name: 't10k-images-idx3-ubyte.gz', gzipMd5: 'bef4ecab320f06d8554ea6380940ec79', contentMd5: '8181f5470baa50b63fa0f6fddb340f0a', contentBytes: 7840016 },
      { role: 'testLabels', name: 't10k-labels-idx1-ubyte.gz', gzipMd5: 'bb300cfdad3c16e7a12a480ee83cd310', contentMd5: '15d484375f8d13e6eb1aabb0c3f46965', contentBytes: 10008 },
    ],
    mirrors: [
      'http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/',
      'https://raw.githubusercontent.com/zalandoresearch/fashion-mnist/master/data/fashion/',
    ],
    homepage: 'https://github.com/zalandoresearch/fashion-mnist',
  },
  mnist: {
    key: 'mnist',
    name: 'MNIST',
    description: 'Handwritten digits: 28×28 grayscale, 10 classes, 60,000 train and 10,000 test.',
    classNames: ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'],
    trainSize: 60000,
    testSize: 10000,
    imageShape: [28, 28, 1],
    files: [
      { role: 'trainImages', name: 'train-images-idx3-ubyte.gz', gzipMd5: 'f68b3c2dcbeaaa9fbdd348bbdeb94873', contentMd5: '6bbc9ace898e44ae57da46a324031adb', contentBytes: 47040016 },
      { role: 'trainLabels', name: 'train-labels-idx1-ubyte.gz', gzipMd5: 'd53e105ee54ea40749a09fcbcd1e9432', contentMd5: 'a25bea736e30d166cdddb491f175f624', contentBytes: 60008 },
      { role: 'testImages', name: 't10k-images-idx3-ubyte.gz', gzipMd5: '9fb629c4189551a2d022fa330f9573f3', contentMd5: '2646ac647ad5339dbf082846283269ea', contentBytes: 7840016 },
      { role: 'testLabels', name: 't10k-labels-idx1-ubyte.gz', gzipMd5: 'ec29112dd5afa0611ce80d1b7f02629c', contentMd5: '27ae3e4e09519cfbb04c329615203637', contentBytes: 10008 },
    ],
    // yann.lecun.com now answers 403 to scripts; these are the mirrors torchvision and TF use.
    mirrors: ['https://ossci-datasets.s3.amazonaws.com/mnist/', 'https://storage.googleapis.com/cvdf-datasets/mnist/'],
    homepage: 'http://yann.lecun.com/exdb/mnist/',
  },
};

export function isBuiltinDatasetKey(key: string): key is TBuiltinDatasetKey {
  return Object.prototype.hasOwnProperty.call(BUILTIN_DATASETS, key);
}

/** Where Debian's dataset-* packages install (dataset-fashion-mnist → /usr/share/datasets/fashion-mnist). */
export const SYSTEM_DATASET_ROOT = '/usr/share/datasets';

export type FetchLike = (url: string) => Promise<{ ok: boolean; status: number; statusText?: string; arrayBuffer(): Promise<ArrayBuffer> }>;

export interface BuiltinDatasetSearchOptions {
  /** Searched first, in order; each holds the files directly or in a `<key>/` subfolder. */
  directories?: readonly string[];
  /** Downloads land in `<cacheDir>/<key>/`; files already there are used without downloading. */
  cacheDir?: string;
  /** Root of system-wide packaged datasets; null skips it. Default SYSTEM_DATASET_ROOT. */
  systemRoot?: string | null;
}

export interface LoadBuiltinDatasetOptions extends BuiltinDatasetSearchOptions {
  /** Allow downloading from the official mirrors when no local copy exists (needs cacheDir). */
  download?: boolean;
  fetchImpl?: FetchLike;
}

export type BuiltinSourceKind = 'directory' | 'system' | 'cache';

export interface ResolvedBuiltinFiles {
  readonly key: TBuiltinDatasetKey;
  readonly directory: string;
  readonly kind: BuiltinSourceKind;
  readonly files: Readonly<Record<BuiltinFileRole, string>>;
}

export interface BuiltinResolution {
  /** The first location holding all four files, or null. */
  readonly found: ResolvedBuiltinFiles | null;
  /** Each location tried, with what was missing there; for "not found" messages. */
  readonly searched: readonly string[];
}

interface Candidate {
  directory: string;
  kind: BuiltinSourceKind;
}

function candidates(key: TBuiltinDatasetKey, options: BuiltinDatasetSearchOptions): Candidate[] {
  const list: Candidate[] = [];
  for (const dir of options.directories ?? []) {
    list.push({ directory: path.resolve(dir), kind: 'directory' });
    list.push({ directory: path.resolve(dir, key), kind: 'directory' });
  }
  const systemRoot = options.systemRoot === undefined ? SYSTEM_DATASET_ROOT : options.systemRoot;
  if (systemRoot !== null) list.push({ directory: path.join(systemRoot, key), kind: 'system' });
  if (options.cacheDir) list.push({ directory: path.resolve(options.cacheDir, key), kind: 'cache' });
  return list;
}

async function exists(file: string): Promise<boolean> {
  try {
    await access(file, fsConstants.R_OK);
    return true;
  } catch {
    return false;
  }
}

/** A file may sit gzipped under its official name or already gunzipped without `.gz`. */
async function findFile(directory: string, name: string): Promise<string | null> {
  for (const candidate of [path.join(directory, name), path.join(directory, name.replace(/\.gz$/, ''))]) {
    if (await exists(candidate)) return candidate;
  }
  return null;
}

/**
 * Tells whether (and where) the four files of a builtin dataset are available, without
 * reading or verifying them: cheap enough for a dataset list page. Loading verifies.
 */
export async function resolveBuiltinDatasetFiles(
  key: TBuiltinDatasetKey,
  options: BuiltinDatasetSearchOptions = {},
): Promise<BuiltinResolution> {
  const info = getInfo(key);
  const searched: string[] = [];
  for (const candidate of candidates(key, options)) {
    const files: Partial<Record<BuiltinFileRole, string>> = {};
    const missing: string[] = [];
    for (const file of info.files) {
      const found = await findFile(candidate.directory, file.name);
      if (found) files[file.role] = found;
      else missing.push(file.name);
    }
    if (missing.length === 0) {
      return { found: { key, directory: candidate.directory, kind: candidate.kind, files: files as Record<BuiltinFileRole, string> }, searched };
    }
    searched.push(
      missing.length === info.files.length
        ? `${candidate.directory} (${candidate.kind}): no dataset files`
        : `${candidate.directory} (${candidate.kind}): missing ${missing.join(', ')}`,
    );
  }
  return { found: null, searched };
}

function getInfo(key: string): BuiltinDatasetInfo {
  if (!isBuiltinDatasetKey(key)) {
    throw new Error(`Unknown builtin dataset '${key}'; known: ${Object.keys(BUILTIN_DATASETS).join(', ')}`);
  }
  return BUILTIN_DATASETS[key];
}

function md5(bytes: Uint8Array): string {
  return createHash('md5').update(bytes).digest('hex');
}

/**
 * Per-process cache: every fold and trial of a worker shares one copy of the pixels (the
 * Fashion-MNIST train set is 47 MB), and a second load costs nothing. Keyed by the files
 * actually used, so a different directory is a different entry.
 */
const cache = new Map<string, Promise<LabeledDataset>>();

/** Forgets cached datasets (tests; or to release memory after a bench). */
export function clearBuiltinDatasetCache(): void {
  cache.clear();
}

/**
 * Loads a builtin dataset, verified against its official checksums. Looks in the configured
 * directories, then the system dataset root (Debian packages), then the download cache, and
 * downloads only when `download` is true. Never returns data that failed verification.
 *
 * Verification policy: local files (any source) are checked by the MD5 of their decompressed
 * bytes, not of the .gz. Debian's dataset-fashion-mnist re-compressed the official files
 * (its .gz MD5s differ: e.g. train-images cf8536b0… instead of 8d4fb7e6…) but the IDX bytes
 * inside are identical, so a .gz check would reject a correct copy; the content check accepts
 * it and still rejects any changed pixel or label. Downloads are checked by the official .gz
 * MD5 before they are renamed into the cache, then by content like every local file.
 */
export async function loadBuiltinDataset(key: TBuiltinDatasetKey, options: LoadBuiltinDatasetOptions = {}): Promise<LabeledDataset> {
  const info = getInfo(key);
  const resolved = await resolveBuiltinDatasetFiles(key, options);
  const { searched } = resolved;
  let { found } = resolved;
  if (!found) {
    if (!options.download || !options.cacheDir) {
      const hint = options.download
        ? 'Download was allowed but no cacheDir was configured to download into.'
        : `Put the four official files (${info.files.map((f) => f.name).join(', ')}) in one of these ` +
          `directories, or enable downloading from ${info.mirrors[0]}.`;
      throw new DatasetNotFoundError(key, searched, hint);
    }
    try {
      found = await downloadBuiltinDataset(key, { cacheDir: options.cacheDir, fetchImpl: options.fetchImpl });
    } catch (error) {
      if (!(error instanceof DatasetDownloadError)) throw error;
      throw new DatasetNotFoundError(key, [...searched, ...error.failures], 'No local copy, and downloading failed (offline?).');
    }
  }
  const cacheKey = `${key}\u0000${Object.values(found.files).join('\u0000')}`;
  let pending = cache.get(cacheKey);
  if (!pending) {
    pending = readVerified(info, found);
    cache.set(cacheKey, pending);
    // A failed load must not poison the cache: the operator may fix the files and retry.
    pending.catch(() => cache.delete(cacheKey));
  }
  return pending;
}

async function readVerified(info: BuiltinDatasetInfo, found: ResolvedBuiltinFiles): Promise<LabeledDataset> {
  const contents = await Promise.all(
    info.files.map(async (file) => {
      const location = found.files[file.role];
      const raw = new Uint8Array(await readFile(location));
      const content = await decompressIfGzip(raw, location);
      // Content checksum rather than .gz checksum for every local source: see contentMd5.
      const actual = md5(content);
      if (actual !== file.contentMd5) {
        throw new DatasetFormatError(
          location,
          'checksum-mismatch',
          `checksum mismatch for ${info.name} ${file.name}: decompressed MD5 ${actual}, expected ${file.contentMd5} ` +
            `(${content.length} bytes, expected ${file.contentBytes}); the file is damaged or is not the official one`,
        );
      }
      return content;
    }),
  );
  const [trainImages, trainLabels, testImages, testLabels] = contents as [Uint8Array, Uint8Array, Uint8Array, Uint8Array];
  const numClasses = info.classNames.length;
  const train: ImageSet = parseIdxPair(trainImages, trainLabels, {
    imagesFile: found.files.trainImages,
    labelsFile: found.files.trainLabels,
    numClasses,
  });
  const test: ImageSet = parseIdxPair(testImages, testLabels, {
    imagesFile: found.files.testImages,
    labelsFile: found.files.testLabels,
    numClasses,
  });
  return { key: info.key, name: info.name, classNames: info.classNames, train, test, source: found.directory };
}

/**
 * Downloads the four files into `<cacheDir>/<key>/`, each checked against its official .gz
 * MD5 before it is renamed into place, so a reader never sees a partial or wrong file and
 * an interrupted download leaves only a temp file that the next attempt ignores.
 */
export async function downloadBuiltinDataset(
  key: TBuiltinDatasetKey,
  options: { cacheDir: string; fetchImpl?: FetchLike },
): Promise<ResolvedBuiltinFiles> {
  const info = getInfo(key);
  const fetchImpl: FetchLike = options.fetchImpl ?? ((url) => fetch(url));
  const directory = path.resolve(options.cacheDir, key);
  await mkdir(directory, { recursive: true });
  const files: Partial<Record<BuiltinFileRole, string>> = {};
  for (const file of info.files) {
    const destination = path.join(directory, file.name);
    if (!(await exists(destination))) await downloadOne(info, file, destination, fetchImpl);
    files[file.role] = destination;
  }
  return { key, directory, kind: 'cache', files: files as Record<BuiltinFileRole, string> };
}

async function downloadOne(info: BuiltinDatasetInfo, file: BuiltinDatasetFile, destination: string, fetchImpl: FetchLike): Promise<void> {
  const failures: string[] = [];
  let checksumFailure = false;
  for (const mirror of info.mirrors) {
    const url = new URL(file.name, mirror).toString();
    let bytes: Uint8Array;
    try {
      const response = await fetchImpl(url);
      if (!response.ok) {
        failures.push(`${url}: HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ''}`);
        continue;
      }
      bytes = new Uint8Array(await response.arrayBuffer());
    } catch (error) {
      failures.push(`${url}: ${error instanceof Error ? error.message : String(error)}`);
      continue;
    }
    const temp = `${destination}.${process.pid}.${randomBytes(4).toString('hex')}.partial`;
    await writeFile(temp, bytes);
    const actual = md5(bytes);
    if (actual !== file.gzipMd5) {
      await unlink(temp).catch(() => undefined);
      checksumFailure = true;
      failures.push(`${url}: checksum mismatch (MD5 ${actual}, expected ${file.gzipMd5}); the download was deleted`);
      continue;
    }
    await rename(temp, destination);
    return;
  }
  if (checksumFailure) {
    throw new DatasetFormatError(
      destination,
      'checksum-mismatch',
      `could not download a valid ${info.name} ${file.name} from any mirror:\n${failures.map((f) => `  - ${f}`).join('\n')}`,
    );
  }
  throw new DatasetDownloadError(failures);
}
