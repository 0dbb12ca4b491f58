import type { TGridSpace } from '@atelier/domain';
import { estimateGrid, parseNumberList } from './grid';

const space: TGridSpace = {
  architecture: ['cnn-a', 'mlp'],
  batchSize: [32, 64, 128],
  epochs: [2, 5],
  activation: ['relu'],
  optimizer: ['adam', 'sgd'],
  learningRate: [0.01, 0.001],
  momentum: [0],
};

describe('estimateGrid', () => {
  it('multiplies the list lengths and the folds', () => {
    const estimate = estimateGrid(space, { kind: 'kfold', folds: 3 });
    expect(estimate.trialCount).toBe(2 * 3 * 2 * 1 * 2 * 2 * 1);
    expect(estimate.folds).toBe(3);
    expect(estimate.trainingRuns).toBe(48 * 3);
    // half the trials train 2 epochs, half 5, on each of 3 folds
    expect(estimate.totalEpochs).toBe((24 * 2 + 24 * 5) * 3);
  });

  it('counts a holdout as one training run per trial', () => {
    const estimate = estimateGrid({ ...space, architecture: ['cnn-a'], epochs: [1] }, { kind: 'holdout', fraction: 0.2 });
    expect(estimate).toEqual({ trialCount: 12, folds: 1, trainingRuns: 12, totalEpochs: 12 });
  });

  it('is zero when a dimension is empty', () => {
    expect(estimateGrid({ ...space, optimizer: [] }, { kind: 'kfold', folds: 2 }).trialCount).toBe(0);
    expect(estimateGrid({ ...space, epochs: [] }, { kind: 'kfold', folds: 2 }).totalEpochs).toBe(0);
  });
});

describe('parseNumberList', () => {
  it('accepts commas, spaces and exponents', () => {
    expect(parseNumberList('0.1, 0.01 1e-3;0.5')).toEqual({ ok: true, values: [0.1, 0.01, 0.001, 0.5] });
  });

  it('rejects words, empty input and repeats with a message', () => {
    expect(parseNumberList('0.1, fast')).toEqual({ ok: false, error: '"fast" is not a number' });
    expect(parseNumberList(' , ')).toEqual({ ok: false, error: 'enter at least one value' });
    expect(parseNumberList('32, 64, 32')).toEqual({ ok: false, error: '32 is listed twice' });
  });
});
