import { parseRunFilter } from '@atelier/domain';
import { makeExperiment } from '@/test/fixtures/experiment';
import { visibleColumns, NO_CHOICES } from '@/components/runs/runs-table-state';
import {
  defaultTrialColumn,
  INITIAL_TABLE_STATE,
  legacyFilter,
  nextSort,
  NUMBER_COLUMN,
  quoted,
  tableQuery,
  trialColumns,
} from './trial-table';

const keys = {
  params: [
    { key: 'optimizer', numeric: false },
    { key: 'batchSize', numeric: true },
    { key: 'dropout', numeric: true },
    { key: 'my key', numeric: true },
  ],
  metrics: ['val_loss', 'accuracy', 'images_per_second', 'learning_rate'],
};

describe('the trials table columns', () => {
  it('puts its own columns first, then a column per params key and per metric key, A→Z, sorted by the language', () => {
    const columns = trialColumns(keys, { showRung: false });
    expect(columns.map((c) => c.id)).toEqual([
      'status',
      'progress',
      'meanValAccuracy',
      'meanValLoss',
      'testAccuracy',
      'parameterCount',
      'params.batchSize',
      'params.dropout',
      'params.my key',
      'params.optimizer',
      'metrics.accuracy',
      'metrics.images_per_second',
      'metrics.learning_rate',
      'metrics.val_loss',
    ]);
    expect(columns.find((c) => c.id === 'params.my key')).toMatchObject({ kind: 'param', sortField: 'params.`my key`', numeric: true });
    expect(columns.find((c) => c.id === 'params.optimizer')).toMatchObject({ sortField: 'params.optimizer', numeric: false });
    expect(columns.find((c) => c.id === 'metrics.val_loss')).toMatchObject({
      kind: 'metric',
      sortField: 'metrics.val_loss',
      numeric: true,
    });
    expect(trialColumns(keys, { showRung: true }).map((c) => c.id)).toContain('rung');
    expect(trialColumns(null, { showRung: false }).every((c) => c.kind === 'attribute')).toBe(true);
  });

  it('shows by default its own columns, the hyperparameters the space searches and a few metrics', () => {
    const space = { ...makeExperiment().space, dropout: [0, 0.25] };
    const columns = trialColumns(
      { params: [...keys.params, { key: 'epochs', numeric: true }, { key: 'weightDecay', numeric: true }], metrics: keys.metrics },
      { showRung: false },
    );
    const shown = visibleColumns(columns, NO_CHOICES, defaultTrialColumn(space)).map((c) => c.id);
    expect(shown).toEqual(
      expect.arrayContaining([
        'status',
        'meanValAccuracy',
        'params.batchSize',
        'params.dropout',
        'params.epochs',
        'params.optimizer',
        'metrics.accuracy',
        'metrics.images_per_second',
      ]),
    );
    // not searched, or not a hyperparameter; the validation metrics are the score columns already
    expect(shown).not.toContain('params.weightDecay');
    expect(shown).not.toContain('params.my key');
    expect(shown).not.toContain('metrics.val_loss');
    expect(shown).not.toContain('metrics.learning_rate');
    // the user's choice wins over the defaults
    expect(
      visibleColumns(columns, { shown: ['metrics.val_loss'], hidden: ['params.dropout'] }, defaultTrialColumn(space)).map((c) => c.id),
    ).toEqual(expect.arrayContaining(['metrics.val_loss']));
  });
});

describe('the trials table state', () => {
  const column = (id: string) => trialColumns(keys, { showRung: false }).find((c) => c.id === id)!;

  it('sorts scores best first, losses lowest first, everything else ascending, and flips a column sorted again', () => {
    expect(nextSort(INITIAL_TABLE_STATE, column('meanValAccuracy'))).toEqual({ sort: 'meanValAccuracy', order: 'desc' });
    expect(nextSort(INITIAL_TABLE_STATE, column('testAccuracy'))).toEqual({ sort: 'testAccuracy', order: 'desc' });
    expect(nextSort(INITIAL_TABLE_STATE, column('status'))).toEqual({ sort: 'status', order: 'asc' });
    expect(nextSort(INITIAL_TABLE_STATE, column('params.dropout'))).toEqual({ sort: 'params.dropout', order: 'asc' });
    expect(nextSort(INITIAL_TABLE_STATE, column('metrics.val_loss'))).toEqual({ sort: 'metrics.val_loss', order: 'asc' });
    expect(nextSort(INITIAL_TABLE_STATE, column('metrics.accuracy'))).toEqual({ sort: 'metrics.accuracy', order: 'desc' });
    expect(nextSort(INITIAL_TABLE_STATE, NUMBER_COLUMN)).toEqual({ sort: 'number', order: 'desc' });
    expect(nextSort({ sort: 'metrics.val_loss', order: 'asc' }, column('metrics.val_loss'))).toEqual({
      sort: 'metrics.val_loss',
      order: 'desc',
    });
    // a column without a sort keeps the current one
    expect(nextSort({ sort: 'rung', order: 'desc' }, column('progress'))).toEqual({ sort: 'rung', order: 'desc' });
  });

  it('is the API query as it stands, the filter left out when empty', () => {
    expect(tableQuery({ ...INITIAL_TABLE_STATE, offset: 50 })).toEqual({ sort: 'number', order: 'asc', offset: 50, limit: 25 });
    expect(tableQuery({ sort: 'params.dropout', order: 'desc', offset: 0, limit: 10, filter: 'metrics.val_loss < 0.5' })).toEqual({
      sort: 'params.dropout',
      order: 'desc',
      offset: 0,
      limit: 10,
      filter: 'metrics.val_loss < 0.5',
    });
  });
});

describe('the older filters as the filter language', () => {
  it('writes status, hyperparameter values and a hyperparameter range as a filter that parses', () => {
    const filter = legacyFilter({
      status: 'completed',
      params: { optimizer: 'sgd', architecture: "o'brien" },
      range: { field: 'learningRate', min: '1e-3', max: '0.1' },
    });
    expect(filter).toBe(
      "attributes.status = 'completed' and params.optimizer = 'sgd' and params.architecture = 'o''brien' and params.learningRate >= 0.001 and params.learningRate <= 0.1",
    );
    const parsed = parseRunFilter(filter);
    expect(parsed.ok).toBe(true);
    expect(parsed.ok && parsed.value?.type === 'and' ? parsed.value.operands.length : 0).toBe(5);
    expect(legacyFilter({ params: {}, range: { field: 'number', min: '', max: '40' } })).toBe('attributes.number <= 40');
  });

  it('leaves out what the language has no field for or cannot read', () => {
    // a score range, a bound that is not a number, a categorical range
    expect(legacyFilter({ params: {}, range: { field: 'meanValAccuracy', min: '80' } })).toBe('');
    expect(legacyFilter({ params: {}, range: { field: 'epochs', min: 'abc', max: '5' } })).toBe('params.epochs <= 5');
    expect(legacyFilter({ params: {}, range: { field: 'optimizer', min: '1' } })).toBe('');
    expect(quoted("it's")).toBe("'it''s'");
  });
});
