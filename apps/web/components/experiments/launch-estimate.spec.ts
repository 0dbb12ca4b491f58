import type { TSearchEstimate } from '@atelier/domain';
import { describeEstimate, formatApproxDuration } from './launch-estimate';

const estimate = (overrides: Partial<TSearchEstimate> = {}): TSearchEstimate => ({
  seconds: 7800,
  trainingSeconds: 15_600,
  parallel: 2,
  slots: 2,
  workers: 1,
  imagesPerFold: 1333,
  fallbackSecondsPerImage: 0.003,
  basis: [
    {
      architecture: 'cnn-a',
      batchSize: 32,
      source: 'measured',
      secondsPerImage: 0.0021,
      measuredEpochs: 180,
      measuredBatchSize: null,
      share: 1,
    },
  ],
  ...overrides,
});

describe('formatApproxDuration', () => {
  it('rounds to the two units a launch decision needs', () => {
    expect(formatApproxDuration(0.2)).toBe('≈ 1 s');
    expect(formatApproxDuration(42)).toBe('≈ 42 s');
    expect(formatApproxDuration(12 * 60 + 20)).toBe('≈ 12 min');
    expect(formatApproxDuration(7800)).toBe('≈ 2 h 10 min');
    expect(formatApproxDuration(3 * 3600)).toBe('≈ 3 h');
    expect(formatApproxDuration(76 * 3600)).toBe('≈ 3 d 4 h');
  });
});

describe('describeEstimate', () => {
  it('gives the time on the slots and what it rests on', () => {
    const text = describeEstimate(estimate());
    expect(text.headline).toBe('≈ 2 h 10 min on 2 training slots');
    expect(text.basis).toBe(
      'Based on 1,333 training images per fold run; cnn-a at batch 32: 2.1 ms per image, median of 180 epochs measured.',
    );
    expect(text.warning).toBeNull();
  });

  it('says when fewer runs than slots, a nearest batch, the fallback, and more pairs', () => {
    const text = describeEstimate(
      estimate({
        seconds: 90,
        parallel: 1,
        slots: 4,
        basis: [
          {
            architecture: 'cnn-a',
            batchSize: 64,
            source: 'nearest-batch',
            secondsPerImage: 0.0015,
            measuredEpochs: 1,
            measuredBatchSize: 32,
            share: 0.4,
          },
          {
            architecture: 'cnn-b',
            batchSize: 32,
            source: 'fallback',
            secondsPerImage: 0.003,
            measuredEpochs: 0,
            measuredBatchSize: null,
            share: 0.3,
          },
          {
            architecture: 'cnn-b',
            batchSize: 64,
            source: 'fallback',
            secondsPerImage: 0.003,
            measuredEpochs: 0,
            measuredBatchSize: null,
            share: 0.2,
          },
          {
            architecture: 'mlp',
            batchSize: 64,
            source: 'fallback',
            secondsPerImage: 0.003,
            measuredEpochs: 0,
            measuredBatchSize: null,
            share: 0.1,
          },
        ],
      }),
    );
    expect(text.headline).toBe('≈ 2 min on 1 of 4 training slots');
    expect(text.basis).toContain('cnn-a at batch 64: 1.5 ms per image, measured at batch 32 (1 epoch)');
    expect(text.basis).toContain('cnn-b at batch 32: nothing measured on this dataset yet, 3 ms per image assumed');
    expect(text.basis).toMatch(/; 1 more pair\.$/);
  });

  it('warns when no worker is connected or the queue cannot say', () => {
    expect(describeEstimate(estimate({ slots: 0, workers: 0, parallel: 1 })).warning).toBe(
      'No worker is connected now: the search waits in the queue until one starts (counted on one slot).',
    );
    expect(describeEstimate(estimate({ slots: null, workers: null, parallel: 1 })).headline).toBe('≈ 2 h 10 min on 1 training slot');
    expect(describeEstimate(estimate({ slots: null, workers: null, parallel: 1 })).warning).toMatch(/could not say/);
  });
});
