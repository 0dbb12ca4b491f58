import { compareSplit, differingHyperparameters, ZCompareQuery, ZPredictRequest, ZTrialTableQuery } from './compare';

const ID = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

describe('ZTrialTableQuery', () => {
  it('parses lists, ranges and defaults', () => {
    const query = ZTrialTableQuery.parse({
      optimizer: 'adam,sgd',
      'learningRate.min': '0.001',
      'meanValAccuracy.min': '0.8',
      sort: 'learningRate',
      order: 'desc',
    });
    expect(query).toMatchObject({ limit: 50, offset: 0, sort: 'learningRate', order: 'desc', optimizer: ['adam', 'sgd'] });
    expect(query['learningRate.min']).toBe(0.001);
    expect(query['meanValAccuracy.min']).toBe(0.8);
  });

  it('accepts a repeated key as a list', () => {
    expect(ZTrialTableQuery.parse({ batchSize: ['32', '64,128'] }).batchSize).toEqual([32, 64, 128]);
  });

  it('names unknown parameters and the accepted ones', () => {
    const result = ZTrialTableQuery.safeParse({ colour: 'red' });
    expect(result.success).toBe(false);
    expect(result.error!.issues[0]!.message).toMatch(/unknown query parameter 'colour'; the table accepts: limit, offset, sort/);
  });

  it('takes a sort and a filter as text (the API parses them with the filter language), within their lengths', () => {
    expect(ZTrialTableQuery.parse({ sort: ' metrics.val_loss ', filter: 'params.dropout > 0.1' })).toMatchObject({
      sort: 'metrics.val_loss',
      filter: 'params.dropout > 0.1',
      order: 'asc',
    });
    expect(ZTrialTableQuery.parse({}).sort).toBe('number');
    expect(ZTrialTableQuery.safeParse({ sort: ' ' }).error!.issues[0]!.message).toBe('sort needs a column or a field');
    expect(ZTrialTableQuery.safeParse({ filter: 'x'.repeat(4001) }).success).toBe(false);
  });

  it('refuses a bad optimizer, a non-number and an empty range', () => {
    expect(ZTrialTableQuery.safeParse({ optimizer: 'adam,nesterov' }).success).toBe(false);
    expect(ZTrialTableQuery.safeParse({ 'learningRate.min': 'abc' }).error!.issues[0]!.message).toBe('learningRate.min must be a number');
    expect(ZTrialTableQuery.safeParse({ 'epochs.min': '5', 'epochs.max': '2' }).error!.issues[0]!.message).toBe(
      'epochs.max (2) is below epochs.min (5)',
    );
  });
});

describe('ZCompareQuery', () => {
  it('splits, dedupes and caps the ids', () => {
    expect(ZCompareQuery.parse({ trials: `${ID(1)},${ID(2)},${ID(1)}` }).trials).toEqual([ID(1), ID(2)]);
    const many = Array.from({ length: 51 }, (_, i) => ID(i + 1)).join(',');
    expect(ZCompareQuery.safeParse({ trials: many }).error!.issues[0]!.message).toBe('at most 50 trials can be compared at once (got 51)');
    expect(ZCompareQuery.safeParse({ trials: 'nope' }).success).toBe(false);
    expect(ZCompareQuery.safeParse({ trials: '' }).success).toBe(false);
  });
});

describe('differingHyperparameters', () => {
  it('lists the names whose values differ', () => {
    const base = {
      architecture: 'cnn-a',
      batchSize: 32,
      epochs: 2,
      activation: 'relu',
      optimizer: 'adam',
      learningRate: 0.01,
      momentum: 0,
    };
    expect(
      differingHyperparameters([{ hyperparameters: base }, { hyperparameters: { ...base, learningRate: 0.1, optimizer: 'sgd' } }]),
    ).toEqual(['optimizer', 'learningRate']);
  });
});

describe('ZPredictRequest', () => {
  it('defaults the scale to 0-255', () => {
    expect(ZPredictRequest.parse({ pixels: [0, 1] }).scale).toBe('0-255');
    expect(ZPredictRequest.safeParse({ pixels: [0], scale: '0-100' }).success).toBe(false);
  });
});

describe('compareSplit', () => {
  const summary = (split: 'validation' | 'test', datasetKey = 'fashion-mnist') =>
    ({ split, datasetKey }) as unknown as NonNullable<Parameters<typeof compareSplit>[0][number]['test']>;

  it('never puts a validation evaluation where a test one is missing, and says why it is missing', () => {
    const trials = [
      { validation: summary('validation'), test: null, refitStatus: null },
      { validation: summary('validation'), test: summary('test'), refitStatus: 'completed' as const },
      { validation: summary('validation'), test: null, refitStatus: 'running' as const },
    ];
    const test = compareSplit(trials, 'test');
    expect(test.trials.map((t) => [t.evaluation?.split ?? null, t.missing])).toEqual([
      [null, 'not-refit'],
      ['test', null],
      [null, 'refit-pending'],
    ]);
    expect(test.available).toBe(1);
    expect(compareSplit(trials, 'validation').available).toBe(3);
  });

  it('says a run logged from code logged no evaluation of the split, instead of asking for a refit', () => {
    const entries = [
      { validation: null, test: summary('test'), refitStatus: null, loggedFromCode: true },
      { validation: null, test: null, refitStatus: null, loggedFromCode: true },
      { validation: null, test: null, refitStatus: null },
    ];
    expect(compareSplit(entries, 'test').trials.map((t) => t.missing)).toEqual([null, 'not-logged', 'not-refit']);
    expect(compareSplit(entries, 'validation').trials.map((t) => t.missing)).toEqual(['not-logged', 'not-logged', 'not-evaluated']);
  });

  it('compares a logged evaluation without a dataset with other such ones only', () => {
    const unnamed = { ...summary('test'), datasetKey: null } as unknown as ReturnType<typeof summary>;
    const entries = [
      { validation: null, test: unnamed, refitStatus: null, loggedFromCode: true },
      { validation: null, test: unnamed, refitStatus: null, loggedFromCode: true },
      { validation: null, test: summary('test'), refitStatus: 'completed' as const },
    ];
    const test = compareSplit(entries, 'test');
    expect(test.datasetKey).toBeNull();
    expect(test.trials.map((t) => t.missing)).toEqual([null, null, 'other-dataset']);
    expect(test.available).toBe(2);
  });

  it('keeps to the dataset of the first evaluated trial', () => {
    const trials = [
      { validation: null, test: null, refitStatus: null },
      { validation: summary('validation', 'mnist'), test: null, refitStatus: null },
      { validation: summary('validation'), test: null, refitStatus: null },
    ];
    const validation = compareSplit(trials, 'validation');
    expect(validation.datasetKey).toBe('mnist');
    expect(validation.trials.map((t) => t.missing)).toEqual(['not-evaluated', null, 'other-dataset']);
  });
});
