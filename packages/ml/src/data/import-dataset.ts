import { type TSplitOrigin, ZDatasetKey } from '@atelier/domain';
import { readCsvImages } from './csv-reader';
import { DatasetFormatError } from './dataset-errors';
import { readIdxPair } from './idx-reader';
import { stratifiedHoldout, subsetImages } from './prepare';
import type { ImageSet, LabeledDataset } from './types';

interface ImportCommon {
  key: string;
  name?: string;
  /** One name per class; default '0'..'n-1' with n = highest label + 1 across all splits. */
  classNames?: readonly string[];
  /**
   * Used only when no test file is given: the fraction of the train file held out, stratified
   * and seeded, as the test split. Default 1/7 (MNIST's 10k of 70k); 0 gives an empty test set.
   */
  testFraction?: number;
  /** Seed of that holdout. Default 0. */
  seed?: number;
  /** Each file's content may not inflate beyond this (gzip bombs); default MAX_DECOMPRESSED_BYTES. */
  maxInflatedBytes?: number;
}

export interface ImportIdxDatasetOptions extends ImportCommon {
  format: 'idx';
  trainImages: string;
  trainLabels: string;
  testImages?: string;
  testLabels?: string;
}

export interface ImportCsvDatasetOptions extends ImportCommon {
  format: 'csv';
  trainCsv: string;
  testCsv?: string;
  /** Image shape for non-square images; default square. */
  height?: number;
  width?: number;
}

export type ImportDatasetOptions = ImportIdxDatasetOptions | ImportCsvDatasetOptions;

export const DEFAULT_TEST_FRACTION = 1 / 7;

/** An imported dataset, with where each of its images came from (`file` is the path read). */
export interface ImportedDataset extends LabeledDataset {
  readonly origins: { readonly train: TSplitOrigin; readonly test: TSplitOrigin };
}

/**
 * Reads a user's dataset through the same validation as the builtin ones and returns it as a
 * LabeledDataset. Every failure is a DatasetFormatError naming the file and the problem.
 */
export async function importDataset(options: ImportDatasetOptions): Promise<ImportedDataset> {
  const key = ZDatasetKey.parse(options.key);
  const numClasses = options.classNames ? validateClassNames(options.classNames, sourceOf(options)) : undefined;
  const {
    train,
    test: testFromFiles,
    trainFile,
    testFile,
    trainFirstLine,
    testFirstLine,
  } = options.format === 'idx' ? await readIdxSplits(options, numClasses) : await readCsvSplits(options, numClasses);

  if (testFromFiles && (testFromFiles.height !== train.height || testFromFiles.width !== train.width)) {
    throw new DatasetFormatError(
      testFile!,
      'shape-mismatch',
      `test images are ${testFromFiles.height}×${testFromFiles.width} but train images (${trainFile}) are ${train.height}×${train.width}`,
    );
  }

  const classCount = numClasses ?? Math.max(maxLabel(train.labels), testFromFiles ? maxLabel(testFromFiles.labels) : -1) + 1;
  const classNames = options.classNames ?? Array.from({ length: classCount }, (_, i) => String(i));

  let trainSet = train;
  let testSet: ImageSet;
  let origins: ImportedDataset['origins'];
  const fromTrain = (rows: number[] | null): TSplitOrigin => ({ file: trainFile, firstLine: trainFirstLine, rows });
  if (testFromFiles) {
    testSet = testFromFiles;
    origins = { train: fromTrain(null), test: { file: testFile!, firstLine: testFirstLine, rows: null } };
  } else {
    const fraction = options.testFraction ?? DEFAULT_TEST_FRACTION;
    if (fraction === 0) {
      testSet = { images: new Uint8Array(0), labels: new Uint8Array(0), count: 0, height: train.height, width: train.width, channels: 1 };
      origins = { train: fromTrain(null), test: fromTrain([]) };
    } else {
      const split = stratifiedHoldout(train.labels, fraction, options.seed ?? 0);
      trainSet = subsetImages(train, split.trainIndices);
      testSet = subsetImages(train, split.valIndices);
      origins = { train: fromTrain([...split.trainIndices]), test: fromTrain([...split.valIndices]) };
    }
  }
  return { key, name: options.name ?? key, classNames, train: trainSet, test: testSet, source: sourceOf(options), origins };
}

function sourceOf(options: ImportDatasetOptions): string {
  return options.format === 'idx' ? options.trainImages : options.trainCsv;
}

function maxLabel(labels: Uint8Array): number {
  let max = -1;
  for (let i = 0; i < labels.length; i++) if (labels[i]! > max) max = labels[i]!;
  return max;
}

function validateClassNames(classNames: readonly string[], file: string): number {
  const problem =
    classNames.length < 1
      ? 'no class names given'
      : classNames.length > 256
        ? `${classNames.length} class names, but labels are bytes (at most 256 classes)`
        : classNames.some((n) => n.trim() === '')
          ? 'a class name is empty'
          : new Set(classNames).size !== classNames.length
            ? `class names are not unique: ${classNames.filter((n, i) => classNames.indexOf(n) !== i).join(', ')}`
            : null;
  if (problem) throw new DatasetFormatError(file, 'bad-class-names', problem);
  return classNames.length;
}

interface Splits {
  train: ImageSet;
  test: ImageSet | null;
  trainFile: string;
  testFile: string | null;
  /** CSV: the line of the first data row (2 after a header); null for IDX. */
  trainFirstLine: number | null;
  testFirstLine: number | null;
}

async function readIdxSplits(options: ImportIdxDatasetOptions, numClasses: number | undefined): Promise<Splits> {
  if ((options.testImages === undefined) !== (options.testLabels === undefined)) {
    const given = options.testImages ?? options.testLabels!;
    throw new DatasetFormatError(given, 'count-mismatch', 'a test images file needs its labels file and vice versa; only one was given');
  }
  const { maxInflatedBytes } = options;
  const [train, test] = await Promise.all([
    readIdxPair({ imagesFile: options.trainImages, labelsFile: options.trainLabels, numClasses, maxInflatedBytes }),
    options.testImages && options.testLabels
      ? readIdxPair({ imagesFile: options.testImages, labelsFile: options.testLabels, numClasses, maxInflatedBytes })
      : Promise.resolve(null),
  ]);
  return { train, test, trainFile: options.trainImages, testFile: options.testImages ?? null, trainFirstLine: null, testFirstLine: null };
}

async function readCsvSplits(options: ImportCsvDatasetOptions, numClasses: number | undefined): Promise<Splits> {
  const shape = { height: options.height, width: options.width, numClasses, maxInflatedBytes: options.maxInflatedBytes };
  const [train, test] = await Promise.all([
    readCsvImages(options.trainCsv, shape),
    options.testCsv ? readCsvImages(options.testCsv, shape) : Promise.resolve(null),
  ]);
  // Both headers present but different: the files were probably exported from different
  // tables, and a silent column shift would scramble every image.
  // Different column counts are reported as a shape mismatch by the caller, more usefully.
  if (
    test &&
    train.header &&
    test.header &&
    train.header.length === test.header.length &&
    train.header.join(',') !== test.header.join(',')
  ) {
    const at = train.header.findIndex((name, i) => test.header![i] !== name);
    throw new DatasetFormatError(
      options.testCsv!,
      'header-mismatch',
      `header differs from the train file's (${options.trainCsv}) at column ${at + 1}: '${test.header[at] ?? ''}' vs '${train.header[at] ?? ''}'`,
    );
  }
  return {
    train: train.set,
    test: test?.set ?? null,
    trainFile: options.trainCsv,
    testFile: options.testCsv ?? null,
    trainFirstLine: train.header ? 2 : 1,
    testFirstLine: test ? (test.header ? 2 : 1) : null,
  };
}
