import { estimateSearch, FALLBACK_SECONDS_PER_IMAGE, imagesPerFold } from './search-estimate';

const grid = (batchSizes: number[], epochs: number, architecture = 'cnn-a') =>
  batchSizes.map((batchSize) => ({ architecture, batchSize, epochs }));

describe('imagesPerFold', () => {
  it('keeps (k-1)/k of the slice for k-fold and 1 - fraction for a holdout', () => {
    expect(imagesPerFold(2000, { kind: 'kfold', folds: 3 })).toBe(1333);
    expect(imagesPerFold(2000, { kind: 'kfold', folds: 5 })).toBe(1600);
    expect(imagesPerFold(1000, { kind: 'holdout', fraction: 0.2 })).toBe(800);
  });
});

describe('estimateSearch', () => {
  it('multiplies epochs, images and measured seconds per image, and spreads the runs over the slots', () => {
    // 2 trials × 3 folds × 4 epochs = 24 epochs of 1,000 images at 2 ms: 48 s on one slot
    const estimate = estimateSearch({
      candidates: grid([32, 64], 4),
      totalEpochs: 24,
      trainingRuns: 6,
      longestRunEpochs: 4,
      imagesPerFold: 1000,
      measured: [
        { architecture: 'cnn-a', batchSize: 32, secondsPerImage: 0.003, epochs: 40 },
        { architecture: 'cnn-a', batchSize: 64, secondsPerImage: 0.001, epochs: 12 },
      ],
      workers: { workers: 2, slots: 4 },
    });
    expect(estimate.trainingSeconds).toBeCloseTo(48);
    expect(estimate.parallel).toBe(4);
    expect(estimate.seconds).toBeCloseTo(12);
    expect(estimate.slots).toBe(4);
    expect(estimate.workers).toBe(2);
    expect(estimate.basis).toEqual([
      {
        architecture: 'cnn-a',
        batchSize: 32,
        source: 'measured',
        secondsPerImage: 0.003,
        measuredEpochs: 40,
        measuredBatchSize: null,
        share: 0.5,
      },
      {
        architecture: 'cnn-a',
        batchSize: 64,
        source: 'measured',
        secondsPerImage: 0.001,
        measuredEpochs: 12,
        measuredBatchSize: null,
        share: 0.5,
      },
    ]);
  });

  it('uses the nearest measured batch size of the same architecture, then the fallback', () => {
    const estimate = estimateSearch({
      candidates: [...grid([48], 2), ...grid([32], 2, 'cnn-b')],
      totalEpochs: 12,
      trainingRuns: 6,
      longestRunEpochs: 2,
      imagesPerFold: 500,
      measured: [
        { architecture: 'cnn-a', batchSize: 16, secondsPerImage: 0.01, epochs: 5 },
        { architecture: 'cnn-a', batchSize: 64, secondsPerImage: 0.002, epochs: 9 },
      ],
      workers: null,
    });
    const [a, b] = estimate.basis;
    expect(a).toMatchObject({
      architecture: 'cnn-a',
      batchSize: 48,
      source: 'nearest-batch',
      measuredBatchSize: 64,
      secondsPerImage: 0.002,
    });
    expect(b).toMatchObject({ architecture: 'cnn-b', source: 'fallback', secondsPerImage: FALLBACK_SECONDS_PER_IMAGE, measuredEpochs: 0 });
    // half the epochs at 2 ms, half at 3 ms, 12 × 500 images, one slot (the queue could not say)
    expect(estimate.trainingSeconds).toBeCloseTo(12 * 500 * 0.0025);
    expect(estimate.slots).toBeNull();
    expect(estimate.parallel).toBe(1);
    expect(estimate.seconds).toBeCloseTo(estimate.trainingSeconds);
  });

  it('never uses more slots than runs, nor finishes before its longest run', () => {
    const estimate = estimateSearch({
      candidates: grid([32], 10),
      totalEpochs: 30,
      trainingRuns: 3,
      longestRunEpochs: 10,
      imagesPerFold: 100,
      measured: [{ architecture: 'cnn-a', batchSize: 32, secondsPerImage: 0.01, epochs: 3 }],
      workers: { workers: 4, slots: 16 },
    });
    expect(estimate.parallel).toBe(3);
    expect(estimate.seconds).toBeCloseTo(10);
  });

  it('weights the pairs by the epochs they train', () => {
    const estimate = estimateSearch({
      candidates: [...grid([32], 6), ...grid([64], 2)],
      totalEpochs: 8,
      trainingRuns: 2,
      longestRunEpochs: 6,
      imagesPerFold: 1000,
      measured: [],
      workers: { workers: 0, slots: 0 },
      fallbackSecondsPerImage: 0.001,
    });
    expect(estimate.basis.map((b) => b.share)).toEqual([0.75, 0.25]);
    expect(estimate.parallel).toBe(1);
    expect(estimate.seconds).toBeCloseTo(8);
  });
});
