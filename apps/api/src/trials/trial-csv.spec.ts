import { DEFAULTED_HYPERPARAMETER_NAMES, HYPERPARAMETER_NAMES, paramsOf, type THyperparameters, type TTrialRow } from '@atelier/domain';
import { trialsCsvHeader, trialsCsvLines } from './trial-csv';

const trialsCsv = (rows: readonly TTrialRow[], keys: readonly string[] = []) => trialsCsvHeader(keys) + trialsCsvLines(rows, keys);

const HYPERPARAMETERS: THyperparameters = {
  architecture: 'cnn-a',
  batchSize: 32,
  epochs: 2,
  activation: 'relu',
  optimizer: 'sgd',
  learningRate: 0.001,
  momentum: 0.9,
};

function row(overrides: Partial<TTrialRow> = {}): TTrialRow {
  return {
    id: 'trial-1',
    number: 1,
    status: 'completed',
    hyperparameters: HYPERPARAMETERS,
    parameterCount: 1002,
    meanValAccuracy: 0.74,
    stdValAccuracy: 0.01,
    meanValLoss: -0.5,
    testAccuracy: null,
    progress: 1,
    rung: null,
    startedAt: null,
    finishedAt: null,
    error: null,
    diverged: null,
    params: paramsOf(HYPERPARAMETERS),
    metrics: {},
    ...overrides,
  };
}

const summary = (last: TTrialRow['metrics'][string]['last']) => ({ last, lastStep: 1, min: 0, max: 1, count: 2 });

describe('trialsCsv', () => {
  it('writes the header, one CRLF line per trial, the defaulted hyperparameters it lacks empty', () => {
    const lines = trialsCsv([row()]).split('\r\n');
    expect(lines[0]).toBe(
      [
        'number',
        'status',
        ...HYPERPARAMETER_NAMES,
        'meanValAccuracy',
        'stdValAccuracy',
        'meanValLoss',
        'parameterCount',
        'rung',
        'testAccuracy',
      ].join(','),
    );
    // the negative mean stays a number: the formula guard is for text
    expect(lines[1]).toBe(
      ['1,completed,cnn-a,32,2,relu,sgd,0.001,0.9', ...DEFAULTED_HYPERPARAMETER_NAMES.map(() => ''), '0.74,0.01,-0.5,1002,,'].join(','),
    );
    expect(lines).toHaveLength(3);
    expect(lines[2]).toBe('');
  });

  it('adds a column per metric key: its last value, the non-finite ones as words, empty where not logged', () => {
    const rows = [
      row({ metrics: { loss: summary('-Infinity'), val_loss: summary(-0.25) } }),
      row({ number: 2, metrics: { loss: summary('NaN') } }),
    ];
    const lines = trialsCsv(rows, ['loss', 'val_loss'])
      .split('\r\n')
      .map((line) => line.split(','));
    expect(lines[0]!.slice(-2)).toEqual(['metrics.loss', 'metrics.val_loss']);
    expect(lines[1]!.slice(-2)).toEqual(['-Infinity', '-0.25']);
    expect(lines[2]!.slice(-2)).toEqual(['NaN', '']);
  });

  it('writes batches that concatenate into one document: no header after the first, nothing for an empty batch', () => {
    const rows = [row(), row({ number: 2 }), row({ number: 3 })];
    const batched =
      trialsCsvHeader(['loss']) +
      trialsCsvLines(rows.slice(0, 2), ['loss']) +
      trialsCsvLines([], ['loss']) +
      trialsCsvLines(rows.slice(2), ['loss']);
    expect(batched).toBe(trialsCsv(rows, ['loss']));
    expect(batched.split('\r\n').map((line) => line.split(',')[0])).toEqual(['number', '1', '2', '3', '']);
  });
});
