import { bestIndices, compareHref, foldBandRows, legendLabel, matrixDifference, newestOfSplit, parseTrialIds, rowNormalize } from './compare';
import { makeComparedTrial, makeCurves } from '../test/fixtures/compare';

describe('compare helpers', () => {
  it('labels a trial by the hyperparameters that differ, or by experiment and number', () => {
    const trial = makeComparedTrial(4);
    expect(legendLabel(trial, ['learningRate', 'optimizer'])).toBe('lr=0.01 · opt=adam');
    expect(legendLabel(trial, [])).toBe('Sweep #4');
  });

  it('normalises rows and subtracts matrices', () => {
    expect(rowNormalize([[1, 3], [0, 0]])).toEqual([[0.25, 0.75], [0, 0]]);
    expect(matrixDifference([[1, 1]], [[2, 0]])).toEqual([[-0.5, 0.5]]);
    expect(() => matrixDifference([[1]], [[1], [1]])).toThrow('2-class');
  });

  it('picks the newest evaluation of a split, and nothing when the split has none', () => {
    const evals = [
      { split: 'validation' as const, createdAt: '2026-01-01T00:00:00Z', id: 'v1' },
      { split: 'test' as const, createdAt: '2026-01-02T00:00:00Z', id: 't1' },
      { split: 'test' as const, createdAt: '2026-01-03T00:00:00Z', id: 't2' },
    ];
    expect(newestOfSplit(evals, 'test')?.id).toBe('t2');
    expect(newestOfSplit(evals, 'validation')?.id).toBe('v1');
    // a validation evaluation never stands in for a missing test one
    expect(newestOfSplit(evals.slice(0, 1), 'test')).toBeNull();
    expect(newestOfSplit([], 'test')).toBeNull();
  });

  it('finds the best values, ties included', () => {
    expect([...bestIndices([0.1, null, 0.3, 0.3])]).toEqual([2, 3]);
    expect(bestIndices([null, undefined]).size).toBe(0);
  });

  it('builds mean ± std band rows with each fold', () => {
    const rows = foldBandRows(makeCurves(2, 2), 'valLoss');
    expect(rows[0]).toMatchObject({ epoch: 1, fold0: 1, fold1: 1.1 });
    expect(rows[0]!['mean']).toBeCloseTo(1.05);
    const band = rows[0]!['band'] as [number, number];
    expect(band[0]).toBeCloseTo(1.0);
    expect(band[1]).toBeCloseTo(1.1);
  });

  it('reads and writes the trials of a compare URL', () => {
    expect(parseTrialIds('a, b,a')).toEqual(['a', 'b']);
    expect(parseTrialIds(['a', 'c,d'])).toEqual(['a', 'c', 'd']);
    expect(parseTrialIds(undefined)).toEqual([]);
    expect(compareHref(['a', 'b'])).toBe('/compare?trials=a,b');
  });
});
