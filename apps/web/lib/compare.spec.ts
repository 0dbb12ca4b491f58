import {
  bestIndices,
  compareHref,
  formatHyperparameterValue,
  HYPERPARAMETER_LABELS,
  hyperparameterColumn,
  legendLabel,
  legendLabels,
  matrixDifference,
  newestOfSplit,
  parseTrialIds,
  recordedHyperparameters,
  rowNormalize,
} from './compare';
import { makeComparedTrial } from '../test/fixtures/compare';

describe('compare helpers', () => {
  it('labels a trial by the hyperparameters that differ, or by experiment and number', () => {
    const trial = makeComparedTrial(4);
    expect(legendLabel(trial, ['learningRate', 'optimizer'])).toBe('lr=0.01 · opt=adam');
    expect(legendLabel(trial, [])).toBe('Sweep #4');
  });

  it('names the experiment in the legend when the trials come from more than one', () => {
    const a = makeComparedTrial(1, { experiment: { id: 'exp-a', name: 'Sweep A' } });
    const b = makeComparedTrial(2, {
      experiment: { id: 'exp-b', name: 'Sweep B' },
      hyperparameters: { ...a.hyperparameters, learningRate: 0.001 },
    });
    const c = makeComparedTrial(3, {
      experiment: { id: 'exp-a', name: 'Sweep A' },
      hyperparameters: { ...a.hyperparameters, learningRate: 0.1 },
    });
    expect(legendLabels([a, b, c], ['learningRate'])).toEqual(['Sweep A #1 · lr=0.01', 'Sweep B #2 · lr=0.001', 'Sweep A #3 · lr=0.1']);
    // one experiment: what differs is enough
    expect(legendLabels([a, c], ['learningRate'])).toEqual(['lr=0.01', 'lr=0.1']);
    // nothing differs: experiment and number already
    expect(legendLabels([a, { ...b, hyperparameters: a.hyperparameters }], [])).toEqual(['Sweep A #1', 'Sweep B #2']);
  });

  it('normalises rows and subtracts matrices', () => {
    expect(
      rowNormalize([
        [1, 3],
        [0, 0],
      ]),
    ).toEqual([
      [0.25, 0.75],
      [0, 0],
    ]);
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

  it('reads and writes the trials of a compare URL', () => {
    expect(parseTrialIds('a, b,a')).toEqual(['a', 'b']);
    expect(parseTrialIds(['a', 'c,d'])).toEqual(['a', 'c', 'd']);
    expect(parseTrialIds(undefined)).toEqual([]);
    expect(compareHref(['a', 'b'])).toBe('/compare?trials=a,b');
  });
});

describe('hyperparameter labels and values, from the registry', () => {
  it('labels every hyperparameter, the added ones included, and prints a value a trial lacks as its default', () => {
    expect(HYPERPARAMETER_LABELS).toMatchObject({
      learningRate: 'Learning rate',
      dropout: 'Dropout',
      weightDecay: 'Weight decay',
      labelSmoothing: 'Label smoothing',
    });
    expect(hyperparameterColumn('learningRate')).toEqual({ header: 'LR', numeric: true });
    expect(hyperparameterColumn('optimizer')).toEqual({ header: 'Optimizer', numeric: false });
    expect(formatHyperparameterValue('weightDecay', 0.0001)).toBe('1e-4');
    expect(formatHyperparameterValue('dropout', undefined)).toBe('0');
    expect(formatHyperparameterValue('batchSize', 64)).toBe('64');
    const trial = makeComparedTrial(1);
    expect(legendLabel({ ...trial, hyperparameters: { ...trial.hyperparameters, dropout: 0.25 } }, ['dropout', 'learningRate'])).toBe(
      'drop=0.25 · lr=0.01',
    );
  });

  it('lists the required hyperparameters and the added ones some trial holds', () => {
    const trial = makeComparedTrial(1);
    expect(recordedHyperparameters([trial])).toEqual([
      'architecture',
      'batchSize',
      'epochs',
      'activation',
      'optimizer',
      'learningRate',
      'momentum',
    ]);
    expect(recordedHyperparameters([trial, { ...trial, hyperparameters: { ...trial.hyperparameters, labelSmoothing: 0.1 } }]).at(-1)).toBe(
      'labelSmoothing',
    );
  });
});
