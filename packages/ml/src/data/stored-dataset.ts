import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { type TStoredDatasetManifest, ZStoredDatasetManifest } from '@atelier/domain';
import { DatasetFormatError } from './dataset-errors';
import { encodeIdx, parseIdxPair } from './idx-reader';
import type { ImageSet, LabeledDataset } from './types';

/**
 * An imported dataset at rest: `<root>/<key>/` holds the four splits as raw (uncompressed) IDX
 * files, whatever the user uploaded, plus `dataset.json` (names, sizes, checksums). One format
 * on disk means one loader for the API and the worker; raw rather than gzip because a worker
 * reads them at every start and gunzip would cost more than the disk space saved.
 */
export const STORED_MANIFEST_FILE = 'dataset.json';

const FILE_NAMES = {
  trainImages: 'train-images-idx3-ubyte',
  trainLabels: 'train-labels-idx1-ubyte',
  testImages: 't10k-images-idx3-ubyte',
  testLabels: 't10k-labels-idx1-ubyte',
} as const;

type Role = keyof typeof FILE_NAMES;

/** The target directory exists already: another dataset (or an interrupted import) owns the key. */
export class StoredDatasetExistsError extends Error {
  override readonly name = 'StoredDatasetExistsError';

  constructor(readonly directory: string) {
    super(`dataset directory ${directory} already exists`);
  }
}

export interface SaveStoredDatasetOptions {
  /** Parent directory of every imported dataset (`<ATELIER_DATA_DIR>/datasets`). */
  root: string;
  dataset: LabeledDataset;
  source: TStoredDatasetManifest['source'];
  now?: Date;
}

function md5(bytes: Uint8Array): string {
  return createHash('md5').update(bytes).digest('hex');
}

function splitFiles(set: ImageSet): { images: Uint8Array; labels: Uint8Array } {
  return {
    images: encodeIdx([set.count, set.height, set.width], set.images.subarray(0, set.count * set.height * set.width)),
    labels: encodeIdx([set.count], set.labels.subarray(0, set.count)),
  };
}

/**
 * Writes the dataset into a staging directory beside its final place and renames it into
 * `<root>/<key>` only when every file is complete, so a reader (or a worker on another machine
 * sharing the directory) never sees half a dataset. Throws StoredDatasetExistsError, leaving
 * nothing behind, when the key's directory exists.
 */
export async function saveStoredDataset(options: SaveStoredDatasetOptions): Promise<{ directory: string; manifest: TStoredDatasetManifest }> {
  const { root, dataset } = options;
  const directory = path.join(root, dataset.key);
  const staging = path.join(root, `.staging-${dataset.key}-${process.pid}-${randomBytes(4).toString('hex')}`);
  await mkdir(staging, { recursive: true });
  try {
    const train = splitFiles(dataset.train);
    const test = splitFiles(dataset.test);
    const contents: Record<Role, Uint8Array> = { trainImages: train.images, trainLabels: train.labels, testImages: test.images, testLabels: test.labels };
    const files = {} as TStoredDatasetManifest['files'];
    for (const role of Object.keys(FILE_NAMES) as Role[]) {
      await writeFile(path.join(staging, FILE_NAMES[role]), contents[role]);
      files[role] = { name: FILE_NAMES[role], md5: md5(contents[role]), bytes: contents[role].length };
    }
    const manifest: TStoredDatasetManifest = ZStoredDatasetManifest.parse({
      version: 1,
      key: dataset.key,
      name: dataset.name,
      classNames: [...dataset.classNames],
      trainSize: dataset.train.count,
      testSize: dataset.test.count,
      imageShape: [dataset.train.height, dataset.train.width, 1],
      files,
      source: options.source,
      importedAt: (options.now ?? new Date()).toISOString(),
    });
    await writeFile(path.join(staging, STORED_MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`);
    try {
      await rename(staging, directory);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOTEMPTY' || code === 'EEXIST') throw new StoredDatasetExistsError(directory);
      throw error;
    }
    return { directory, manifest };
  } finally {
    // after a successful rename the staging path no longer exists: this only cleans failures
    await rm(staging, { recursive: true, force: true });
  }
}

export async function readStoredManifest(directory: string): Promise<TStoredDatasetManifest> {
  const file = path.join(directory, STORED_MANIFEST_FILE);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new DatasetFormatError(file, 'unreadable', `cannot read the dataset manifest (${(error as Error).message})`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new DatasetFormatError(file, 'non-numeric', `the dataset manifest is not JSON (${(error as Error).message})`);
  }
  const parsed = ZStoredDatasetManifest.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new DatasetFormatError(file, 'header-mismatch', `the dataset manifest is invalid at ${issue.path.join('.') || '(root)'}: ${issue.message}`);
  }
  return parsed.data;
}

/**
 * Loads an imported dataset from its directory, checking every file against the manifest's
 * MD5: a directory shared between machines can be half-synced or edited by hand, and training
 * on silently different pixels would make runs incomparable.
 */
export async function loadStoredDataset(directory: string): Promise<LabeledDataset & { manifest: TStoredDatasetManifest }> {
  const manifest = await readStoredManifest(directory);
  const bytes = {} as Record<Role, Uint8Array>;
  for (const role of Object.keys(FILE_NAMES) as Role[]) {
    const entry = manifest.files[role];
    const file = path.join(directory, entry.name);
    let raw: Buffer;
    try {
      raw = await readFile(file);
    } catch (error) {
      throw new DatasetFormatError(file, 'unreadable', `cannot read file (${(error as Error).message})`);
    }
    const content = new Uint8Array(raw.buffer, raw.byteOffset, raw.byteLength);
    const actual = md5(content);
    if (actual !== entry.md5) {
      throw new DatasetFormatError(
        file,
        'checksum-mismatch',
        `checksum mismatch: MD5 ${actual} (${content.length} bytes), the manifest says ${entry.md5} (${entry.bytes} bytes); the file changed after import`,
      );
    }
    bytes[role] = content;
  }
  const numClasses = manifest.classNames.length;
  const train = parseIdxPair(bytes.trainImages, bytes.trainLabels, {
    imagesFile: path.join(directory, manifest.files.trainImages.name),
    labelsFile: path.join(directory, manifest.files.trainLabels.name),
    numClasses,
  });
  const test = emptyOrParsed(bytes.testImages, bytes.testLabels, manifest, directory);
  return { key: manifest.key, name: manifest.name, classNames: manifest.classNames, train, test, source: directory, manifest };
}

/** IDX cannot say "0 images" usefully to our strict reader, so an empty test split is read by hand. */
function emptyOrParsed(images: Uint8Array, labels: Uint8Array, manifest: TStoredDatasetManifest, directory: string): ImageSet {
  const [height, width] = manifest.imageShape;
  if (manifest.testSize === 0) return { images: new Uint8Array(0), labels: new Uint8Array(0), count: 0, height, width, channels: 1 };
  return parseIdxPair(images, labels, {
    imagesFile: path.join(directory, manifest.files.testImages.name),
    labelsFile: path.join(directory, manifest.files.testLabels.name),
    numClasses: manifest.classNames.length,
  });
}

/** Removes a stored dataset directory (an import whose database row could not be written). */
export async function removeStoredDataset(directory: string): Promise<void> {
  await rm(directory, { recursive: true, force: true });
}
