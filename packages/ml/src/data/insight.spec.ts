import { balancedLabels, makeImageSet } from './image-set.factory';
import {
  analyzeDataset,
  classDistribution,
  datasetWarnings,
  findAnomalies,
  findDuplicates,
  meanImagePerClass,
  pixelLabelCorrelation,
  sampleIndices,
  sampleIndicesPerClass,
} from './insight';
import type { ImageSet } from './types';

function setFromRows(rows: number[][], labels: number[]): ImageSet {
  return makeImageSet({ labels, height: 1, width: rows[0]!.length, pixel: (i, p) => rows[i]![p]! });
}

describe('dataset insight', () => {
  it('counts classes per split, including empty classes', () => {
    expect(classDistribution(makeImageSet({ labels: [0, 2, 2, 0, 2] }), 4)).toEqual([2, 0, 3, 0]);
  });

  it('finds duplicate groups, across splits and with conflicting labels', () => {
    const train = setFromRows(
      [
        [1, 2, 3], // A
        [9, 9, 9], // B
        [1, 2, 3], // A again, same label
        [4, 5, 6], // C
        [7, 7, 7], // D
        [7, 7, 7], // D, other label
      ],
      [0, 1, 0, 2, 1, 2],
    );
    const test = setFromRows(
      [
        [4, 5, 6], // C: seen in train
        [0, 0, 1],
      ],
      [2, 0],
    );
    const report = findDuplicates({ train, test });
    expect(report.groups.map((g) => g.members.map((m) => `${m.split}:${m.index}`))).toEqual([
      ['train:0', 'train:2'],
      ['train:3', 'test:0'],
      ['train:4', 'train:5'],
    ]);
    expect(report.groups.map((g) => [g.crossSplit, g.conflictingLabels])).toEqual([
      [false, false],
      [true, false],
      [false, true],
    ]);
    expect(report).toMatchObject({ redundantImages: 3, imagesInGroups: 6, crossSplitGroups: 1, testImagesSeenInTrain: 1, conflictingLabelGroups: 1 });
    expect(findDuplicates({ train: test }).groups).toEqual([]);
  });

  it('flags empty, constant and invalid-label rows', () => {
    const set = setFromRows([[0, 0, 0], [255, 255, 255], [0, 1, 0], [0, 0, 0]], [0, 1, 5, 1]);
    expect(findAnomalies(set, 3)).toEqual({ emptyIndices: [0, 3], constantIndices: [1], invalidLabelIndices: [2] });
  });

  it('averages images per class in [0,1]', () => {
    const set = setFromRows([[0, 255], [255, 255], [51, 0]], [0, 0, 2]);
    const { means, counts } = meanImagePerClass(set, 3);
    expect(counts).toEqual([2, 0, 1]);
    expect(Array.from(means[0]!)).toEqual([0.5, 1]);
    expect(Array.from(means[1]!)).toEqual([0, 0]);
    expect(Array.from(means[2]!)).toEqual([Math.fround(0.2), 0]);
  });

  it('correlation ratio η: 1 where the class determines the pixel, 0 where it tells nothing', () => {
    // Pixel 0 = 100·class (fully determined), pixel 1 constant, pixel 2 alternates independently
    // of the class (same mean 50 in every class), pixel 3 partly informative.
    const labels = balancedLabels(3, 4); // 0,1,2,0,1,2,...
    const set = makeImageSet({
      labels,
      height: 1,
      width: 4,
      pixel: (i, p, label) => [100 * label, 42, Math.floor(i / 3) % 2 === 0 ? 0 : 100, label === 0 ? (i < 6 ? 0 : 100) : 200][p]!,
    });
    const eta = pixelLabelCorrelation(set, 3);
    expect(eta[0]).toBeCloseTo(1, 6);
    expect(eta[1]).toBe(0);
    expect(eta[2]).toBeCloseTo(0, 6);
    // Pixel 3: class 0 (i = 0,3,6,9) is 0,0,100,100: mean 50, SS_within 4·2500 = 10000.
    // Classes 1 and 2 are 200. Grand mean 150; SS_between = 4·100² + 8·50² = 60000; SS_total = 70000.
    expect(eta[3]).toBeCloseTo(Math.sqrt(60000 / 70000), 6);
  });

  it('samples grids deterministically per seed, per class or overall', () => {
    const set = makeImageSet({ labels: balancedLabels(3, 20) });
    const grid = sampleIndicesPerClass(set, { numClasses: 3, perClass: 4, seed: 1 });
    expect(grid).toHaveLength(3);
    grid.forEach((indices, c) => {
      expect(indices).toHaveLength(4);
      expect(new Set(indices).size).toBe(4);
      for (const i of indices) expect(set.labels[i]).toBe(c);
    });
    expect(sampleIndicesPerClass(set, { numClasses: 3, perClass: 4, seed: 1 })).toEqual(grid);
    expect(sampleIndicesPerClass(set, { numClasses: 3, perClass: 4, seed: 2 })).not.toEqual(grid);

    const overall = sampleIndices(set, { size: 16, seed: 3 });
    expect(overall).toHaveLength(16);
    expect(new Set(overall).size).toBe(16);
    expect(overall.every((i) => i >= 0 && i < 60)).toBe(true);
    expect(sampleIndices(set, { size: 16, seed: 3 })).toEqual(overall);
    expect(new Set(sampleIndices(set, { size: 100, seed: 3 })).size).toBe(60);
  });

  it('analyzeDataset bundles the statistics of a LabeledDataset', () => {
    const train = makeImageSet({ labels: balancedLabels(2, 5), height: 2, width: 2 });
    const test = makeImageSet({ labels: [0, 1, 1], height: 2, width: 2, seed: 4 });
    const insight = analyzeDataset({ key: 'toy', name: 'Toy', classNames: ['a', 'b'], train, test, source: 'mem' });
    expect(insight.classDistribution).toEqual({ train: [5, 5], test: [1, 2] });
    expect(insight.meanImages.means).toHaveLength(2);
    expect(insight.pixelLabelCorrelation).toHaveLength(4);
  });
});

describe('datasetWarnings', () => {
  const blankSet = (count: number, label: number) => makeImageSet({ labels: Array.from({ length: count }, () => label), height: 2, width: 2, pixel: () => 0 });

  it('warns about 20 blank rows of one label: blank, single class, the invented empty class, duplicates', () => {
    const dataset = { key: 'junk', name: 'junk', classNames: ['0', '1'], train: blankSet(17, 1), test: blankSet(3, 1), source: 'junk.csv' };
    const warnings = datasetWarnings(dataset, { implicitClassNames: true });
    expect(warnings.map((w) => [w.kind, w.count])).toEqual([
      ['blank-images', 20],
      ['single-class', 20],
      ['empty-classes', 1],
      ['duplicates', 19],
    ]);
    expect(warnings[0]!.message).toBe('20 of 20 images are blank (every pixel 0): they show no shape, so nothing can be learnt from them.');
    expect(warnings[1]!.message).toMatch(/^Only one class has images: '1' \(all 20\)\./);
    expect(warnings[2]!.message).toMatch(/^Class '0' has no images: .* No class names were given, so the classes run from 0 to the highest label/);
    expect(warnings[3]!.message).toBe('19 of 20 images (95 %) are exact duplicates of another image; 3 test images are also in train, so the test score partly measures memory.');
  });

  it('has nothing to say about a clean, balanced dataset, and warns about an empty test split', () => {
    const distinct = (labels: number[], offset: number) => makeImageSet({ labels, height: 2, width: 2, pixel: (i, p) => (offset + i * 4 + p) % 256 });
    const clean = { key: 'ok', name: 'ok', classNames: ['a', 'b'], train: distinct([0, 1, 0, 1], 1), test: distinct([0, 1], 100), source: 'x' };
    expect(datasetWarnings(clean)).toEqual([]);
    const noTest = { ...clean, test: makeImageSet({ labels: [], height: 2, width: 2 }) };
    expect(datasetWarnings(noTest).map((w) => w.kind)).toEqual(['empty-test']);
  });
});
