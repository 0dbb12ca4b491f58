import { createHash } from 'node:crypto';
import type { TDatasetWarning } from '@atelier/domain';
import { indicesByClass } from './prepare';
import { createRandom, deriveSeed, shuffleInPlace } from './random';
import type { ImageSet, LabeledDataset } from './types';

export type SplitName = 'train' | 'test';

/** Images per class; labels at or above numClasses are not counted (see findAnomalies). */
export function classDistribution(set: ImageSet, numClasses: number): number[] {
  const counts = new Array<number>(numClasses).fill(0);
  for (let i = 0; i < set.count; i++) {
    const label = set.labels[i]!;
    if (label < numClasses) counts[label]!++;
  }
  return counts;
}

export function datasetClassDistribution(dataset: LabeledDataset): Record<SplitName, number[]> {
  const numClasses = dataset.classNames.length;
  return { train: classDistribution(dataset.train, numClasses), test: classDistribution(dataset.test, numClasses) };
}

export interface ImageRef {
  split: SplitName;
  index: number;
  label: number;
}

export interface DuplicateGroup {
  /** SHA-1 of the pixel bytes, hex. */
  hash: string;
  members: ImageRef[];
  /** Members sit in both train and test: the test score is partly a memory test. */
  crossSplit: boolean;
  /** Identical pixels with different labels: at least one label is wrong or the task is ambiguous. */
  conflictingLabels: boolean;
}

export interface DuplicateReport {
  groups: DuplicateGroup[];
  /** Images beyond the first of each group, i.e. how many could be removed. */
  redundantImages: number;
  /** Images in groups of two or more. */
  imagesInGroups: number;
  crossSplitGroups: number;
  /** Test images whose exact pixels also occur in train. */
  testImagesSeenInTrain: number;
  conflictingLabelGroups: number;
}

/**
 * Exact duplicates by hashing each image's pixel bytes. SHA-1 rather than a fast 32-bit hash
 * because 70k images would give 32-bit collisions (birthday bound ~77k), and a false
 * "duplicate" in a data-quality report is worse than a few milliseconds.
 */
export function findDuplicates(splits: { train: ImageSet; test?: ImageSet }): DuplicateReport {
  const byHash = new Map<string, ImageRef[]>();
  const add = (split: SplitName, set: ImageSet) => {
    const pixels = set.height * set.width * set.channels;
    for (let i = 0; i < set.count; i++) {
      const hash = createHash('sha1').update(set.images.subarray(i * pixels, (i + 1) * pixels)).digest('hex');
      const ref: ImageRef = { split, index: i, label: set.labels[i]! };
      const members = byHash.get(hash);
      if (members) members.push(ref);
      else byHash.set(hash, [ref]);
    }
  };
  add('train', splits.train);
  if (splits.test) add('test', splits.test);

  const groups: DuplicateGroup[] = [];
  for (const [hash, members] of byHash) {
    if (members.length < 2) continue;
    groups.push({
      hash,
      members,
      crossSplit: members.some((m) => m.split === 'train') && members.some((m) => m.split === 'test'),
      conflictingLabels: members.some((m) => m.label !== members[0]!.label),
    });
  }
  // Largest groups first, then by first member, so the report reads the same on every run.
  groups.sort((a, b) => b.members.length - a.members.length || compareRefs(a.members[0]!, b.members[0]!));
  return {
    groups,
    redundantImages: groups.reduce((sum, g) => sum + g.members.length - 1, 0),
    imagesInGroups: groups.reduce((sum, g) => sum + g.members.length, 0),
    crossSplitGroups: groups.filter((g) => g.crossSplit).length,
    testImagesSeenInTrain: groups
      .filter((g) => g.crossSplit)
      .reduce((sum, g) => sum + g.members.filter((m) => m.split === 'test').length, 0),
    conflictingLabelGroups: groups.filter((g) => g.conflictingLabels).length,
  };
}

function compareRefs(a: ImageRef, b: ImageRef): number {
  return a.split === b.split ? a.index - b.index : a.split === 'train' ? -1 : 1;
}

export interface AnomalyReport {
  /** All pixels zero: a blank row, usually an export bug. */
  emptyIndices: number[];
  /** All pixels equal but not zero (e.g. all 255): carries no shape either. */
  constantIndices: number[];
  /** Label at or above numClasses (possible in sets built by hand, never from our readers). */
  invalidLabelIndices: number[];
}

export function findAnomalies(set: ImageSet, numClasses: number): AnomalyReport {
  const pixels = set.height * set.width * set.channels;
  const report: AnomalyReport = { emptyIndices: [], constantIndices: [], invalidLabelIndices: [] };
  for (let i = 0; i < set.count; i++) {
    const base = i * pixels;
    const first = set.images[base]!;
    let constant = true;
    for (let p = 1; p < pixels; p++) {
      if (set.images[base + p] !== first) {
        constant = false;
        break;
      }
    }
    if (constant) (first === 0 ? report.emptyIndices : report.constantIndices).push(i);
    if (set.labels[i]! >= numClasses) report.invalidLabelIndices.push(i);
  }
  return report;
}

export interface ClassMeanImages {
  /** One Float32Array per class, height × width × channels, intensities scaled to [0,1]. */
  means: Float32Array[];
  /** Images averaged per class; a class with 0 has an all-zero mean. */
  counts: number[];
}

export function meanImagePerClass(set: ImageSet, numClasses: number): ClassMeanImages {
  const pixels = set.height * set.width * set.channels;
  const sums = Array.from({ length: numClasses }, () => new Float64Array(pixels));
  const counts = new Array<number>(numClasses).fill(0);
  for (let i = 0; i < set.count; i++) {
    const label = set.labels[i]!;
    const sum = sums[label];
    if (!sum) continue;
    counts[label]!++;
    const base = i * pixels;
    for (let p = 0; p < pixels; p++) sum[p]! += set.images[base + p]!;
  }
  const means = sums.map((sum, c) => {
    const mean = new Float32Array(pixels);
    const n = counts[c]!;
    if (n > 0) for (let p = 0; p < pixels; p++) mean[p] = sum[p]! / n / 255;
    return mean;
  });
  return { means, counts };
}

/**
 * How much each pixel's intensity tells about the class, as the correlation ratio
 * η = sqrt(SS_between / SS_total), in [0,1]: 0 when the class means at that pixel are all
 * equal, 1 when the pixel's value is fully determined by the class. We use η, not Pearson or
 * point-biserial correlation, because the labels are unordered categories: a Pearson r
 * against the label number would change if the classes were renumbered. Pixels that never
 * vary (SS_total = 0) get 0: they carry no information.
 */
export function pixelLabelCorrelation(set: ImageSet, numClasses: number): Float32Array {
  const pixels = set.height * set.width * set.channels;
  const classSums = Array.from({ length: numClasses }, () => new Float64Array(pixels));
  const counts = new Float64Array(numClasses);
  const total = new Float64Array(pixels);
  const totalSquares = new Float64Array(pixels);
  let n = 0;
  for (let i = 0; i < set.count; i++) {
    const label = set.labels[i]!;
    const classSum = classSums[label];
    if (!classSum) continue;
    counts[label]!++;
    n++;
    const base = i * pixels;
    for (let p = 0; p < pixels; p++) {
      const v = set.images[base + p]!;
      classSum[p]! += v;
      total[p]! += v;
      totalSquares[p]! += v * v;
    }
  }
  const eta = new Float32Array(pixels);
  if (n === 0) return eta;
  for (let p = 0; p < pixels; p++) {
    const grand = total[p]! / n;
    const ssTotal = totalSquares[p]! - n * grand * grand;
    if (ssTotal <= 1e-9 * n) continue;
    let ssBetween = 0;
    for (let c = 0; c < numClasses; c++) {
      const nc = counts[c]!;
      if (nc === 0) continue;
      const d = classSums[c]![p]! / nc - grand;
      ssBetween += nc * d * d;
    }
    eta[p] = Math.sqrt(Math.min(1, ssBetween / ssTotal));
  }
  return eta;
}

/**
 * Seeded sample of up to `perClass` indices from each class, for the sample-grid view.
 * Same seed → same grid, so a page reload does not reshuffle what the user is looking at.
 */
export function sampleIndicesPerClass(
  set: ImageSet,
  options: { numClasses: number; perClass: number; seed: number },
): number[][] {
  return indicesByClass(set.labels.subarray(0, set.count), options.numClasses).map((group, c) =>
    shuffleInPlace(group, createRandom(deriveSeed(options.seed, c))).slice(0, options.perClass),
  );
}

/** Seeded sample of up to `size` indices over the whole set, without replacement. */
export function sampleIndices(set: ImageSet, options: { size: number; seed: number }): number[] {
  const random = createRandom(options.seed);
  const size = Math.min(options.size, set.count);
  // Partial Fisher–Yates over a sparse map: O(size), not O(count), for a 16-image grid of 60k.
  const swapped = new Map<number, number>();
  const out: number[] = [];
  for (let i = 0; i < size; i++) {
    const j = i + random.nextInt(set.count - i);
    const atJ = swapped.get(j) ?? j;
    swapped.set(j, swapped.get(i) ?? i);
    out.push(atJ);
  }
  return out;
}

export interface DatasetInsight {
  classDistribution: Record<SplitName, number[]>;
  duplicates: DuplicateReport;
  anomalies: Record<SplitName, AnomalyReport>;
  /** Of the train split. */
  meanImages: ClassMeanImages;
  /** η per pixel, of the train split. */
  pixelLabelCorrelation: Float32Array;
}

/** Everything the dataset page shows, in one pass per statistic. */
export function analyzeDataset(dataset: LabeledDataset): DatasetInsight {
  const numClasses = dataset.classNames.length;
  return {
    classDistribution: datasetClassDistribution(dataset),
    duplicates: findDuplicates({ train: dataset.train, test: dataset.test }),
    anomalies: { train: findAnomalies(dataset.train, numClasses), test: findAnomalies(dataset.test, numClasses) },
    meanImages: meanImagePerClass(dataset.train, numClasses),
    pixelLabelCorrelation: pixelLabelCorrelation(dataset.train, numClasses),
  };
}

/** Redundant copies above this share of all images make a warning: the split scores stop meaning what they say. */
export const DUPLICATE_WARNING_SHARE = 0.05;

const percent = (part: number, whole: number) => `${Math.round((part / whole) * 1000) / 10} %`;
const quoted = (names: readonly string[], limit = 8) =>
  names.length > limit ? `${names.slice(0, limit).map((n) => `'${n}'`).join(', ')} and ${names.length - limit} more` : names.map((n) => `'${n}'`).join(', ');

/**
 * What makes a dataset train to a score nobody should trust, worded for the person importing it:
 * blank images, a single populated class, declared classes without images, heavy duplication
 * (or test images that are also in train), an empty test split. Counted over both splits, from
 * the same statistics the dataset page shows. `implicitClassNames`: the names were not given, so
 * classes run from 0 to the highest label and a label that never occurs became a class.
 */
export function datasetWarnings(dataset: LabeledDataset, options: { implicitClassNames?: boolean } = {}): TDatasetWarning[] {
  const warnings: TDatasetWarning[] = [];
  const numClasses = dataset.classNames.length;
  const total = dataset.train.count + dataset.test.count;
  if (total === 0) return warnings;

  const anomalies = { train: findAnomalies(dataset.train, numClasses), test: findAnomalies(dataset.test, numClasses) };
  const blank = anomalies.train.emptyIndices.length + anomalies.test.emptyIndices.length;
  const flat = anomalies.train.constantIndices.length + anomalies.test.constantIndices.length;
  if (blank + flat > 0) {
    const what =
      flat === 0 ? '(every pixel 0)' : blank === 0 ? '(every pixel the same value)' : `(${blank} with every pixel 0, ${flat} of one flat value)`;
    warnings.push({
      kind: 'blank-images',
      count: blank + flat,
      message: `${blank + flat} of ${total} images are blank ${what}: they show no shape, so nothing can be learnt from them.`,
    });
  }

  const distribution = datasetClassDistribution(dataset);
  const perClass = dataset.classNames.map((_, c) => distribution.train[c]! + distribution.test[c]!);
  const populated = perClass.flatMap((n, c) => (n > 0 ? [c] : []));
  if (populated.length === 1) {
    const only = populated[0]!;
    warnings.push({
      kind: 'single-class',
      count: perClass[only]!,
      message:
        `Only one class has images: '${dataset.classNames[only]}' (all ${total}). A model trained on it always answers ` +
        `'${dataset.classNames[only]}' and scores 100 % on a test split of that class alone: the score says nothing.`,
    });
  }
  const empty = perClass.flatMap((n, c) => (n === 0 ? [dataset.classNames[c]!] : []));
  if (empty.length > 0) {
    const why = options.implicitClassNames
      ? ' No class names were given, so the classes run from 0 to the highest label: a label that never occurs became an empty class.'
      : '';
    warnings.push({
      kind: 'empty-classes',
      count: empty.length,
      message: `${empty.length === 1 ? 'Class' : 'Classes'} ${quoted(empty)} ${empty.length === 1 ? 'has' : 'have'} no images: a model gets an output for ${empty.length === 1 ? 'it' : 'them'} it can never learn.${why}`,
    });
  }

  const duplicates = findDuplicates({ train: dataset.train, test: dataset.test });
  const heavy = duplicates.redundantImages / total >= DUPLICATE_WARNING_SHARE;
  if (heavy || duplicates.testImagesSeenInTrain > 0) {
    const parts: string[] = [];
    if (heavy) parts.push(`${duplicates.redundantImages} of ${total} images (${percent(duplicates.redundantImages, total)}) are exact duplicates of another image`);
    if (duplicates.testImagesSeenInTrain > 0) {
      parts.push(`${duplicates.testImagesSeenInTrain} test ${duplicates.testImagesSeenInTrain === 1 ? 'image is' : 'images are'} also in train, so the test score partly measures memory`);
    }
    if (duplicates.conflictingLabelGroups > 0) parts.push(`${duplicates.conflictingLabelGroups} groups of identical images carry different labels`);
    warnings.push({ kind: 'duplicates', count: duplicates.redundantImages, message: `${parts.join('; ')}.` });
  }

  if (dataset.test.count === 0) {
    warnings.push({ kind: 'empty-test', count: 0, message: 'The test split is empty: a refit model cannot be tested, so no trial gets a test accuracy.' });
  }
  return warnings;
}
