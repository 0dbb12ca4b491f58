import { makeRunSummary } from '@/test/fixtures/run';
import {
  chooseAll,
  chooseColumn,
  DEFAULT_VISIBLE_PARAMS,
  discoverColumns,
  fieldName,
  filterErrorPosition,
  NO_CHOICES,
  nextRunSort,
  parseColumnChoices,
  parseSort,
  runsQuery,
  runsStateFromParams,
  visibleColumns,
  writeRunsState,
} from './runs-table-state';

describe('discoverColumns', () => {
  it('makes a column per parameter and metric key found on the page, each kind A→Z after the attributes', () => {
    const runs = [
      makeRunSummary(1, { params: { lr: 0.01, optimizer: 'adam' }, metrics: {} }),
      makeRunSummary(2, {
        params: { lr: 0.1, 'batch size': 32, layer10: 1, layer2: 2 },
        metrics: {
          val_accuracy: { last: 0.9, lastStep: 1, min: 0.8, max: 0.9, count: 2 },
          loss: { last: 'NaN', lastStep: 1, min: 1, max: 2, count: 2 },
        },
      }),
    ];
    const columns = discoverColumns(runs);
    expect(columns.map((c) => c.id)).toEqual([
      'status',
      'createdAt',
      'params.batch size',
      'params.layer2',
      'params.layer10',
      'params.lr',
      'params.optimizer',
      'metrics.loss',
      'metrics.val_accuracy',
    ]);
    const byId = Object.fromEntries(columns.map((c) => [c.id, c]));
    expect(byId['params.lr']).toMatchObject({ kind: 'param', numeric: true, sortField: 'params.lr' });
    expect(byId['status']!.sortField).toBe('attributes.status');
    expect(byId['createdAt']!.sortField).toBe('attributes.created');
    // a key with a space is quoted for the filter language
    expect(byId['params.batch size']!.sortField).toBe('params.`batch size`');
    expect(byId['params.optimizer']!.numeric).toBe(false);
    expect(byId['metrics.loss']).toMatchObject({ kind: 'metric', numeric: true, sortField: 'metrics.loss' });
  });

  it('treats a parameter as text when any run holds text in it', () => {
    const columns = discoverColumns([makeRunSummary(1, { params: { seed: 1 } }), makeRunSummary(2, { params: { seed: 'none' } })]);
    expect(columns.find((c) => c.id === 'params.seed')!.numeric).toBe(false);
  });
});

describe('column choices', () => {
  const params = Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`p${String(i).padStart(2, '0')}`, i]));
  const columns = discoverColumns([makeRunSummary(1, { params })]);

  it('shows attributes, every metric and the first parameters until the user picks', () => {
    const visible = visibleColumns(columns, NO_CHOICES).map((c) => c.id);
    expect(visible.filter((id) => id.startsWith('params.'))).toHaveLength(DEFAULT_VISIBLE_PARAMS);
    expect(visible).toContain('metrics.loss');
    expect(visible).not.toContain('params.p09');
  });

  it('keeps explicit choices over the defaults, one column at a time or a kind at once', () => {
    let choices = chooseColumn(NO_CHOICES, 'params.p09', true);
    choices = chooseColumn(choices, 'metrics.loss', false);
    const visible = visibleColumns(columns, choices).map((c) => c.id);
    expect(visible).toContain('params.p09');
    expect(visible).not.toContain('metrics.loss');
    // a second choice about the same column replaces the first
    expect(chooseColumn(choices, 'metrics.loss', true)).toEqual({ shown: ['params.p09', 'metrics.loss'], hidden: [] });
    const none = chooseAll(
      NO_CHOICES,
      columns.filter((c) => c.kind === 'param'),
      false,
    );
    expect(visibleColumns(columns, none).filter((c) => c.kind === 'param')).toEqual([]);
  });

  it('reads stored choices leniently', () => {
    expect(parseColumnChoices('{"shown":["a",3],"hidden":["b"]}')).toEqual({ shown: ['a'], hidden: ['b'] });
    expect(parseColumnChoices('not json')).toEqual(NO_CHOICES);
    expect(parseColumnChoices(null)).toEqual(NO_CHOICES);
    expect(parseColumnChoices('[1]')).toEqual({ shown: [], hidden: [] });
  });
});

describe('sort and filter state', () => {
  it('reads the URL in the API spelling and writes it back, defaults left out', () => {
    const state = runsStateFromParams({ filter: " params.optimizer = 'adam' ", sort: 'metrics.val_accuracy DESC' });
    expect(state).toEqual({ filter: "params.optimizer = 'adam'", sort: { field: 'metrics.val_accuracy', direction: 'desc' } });
    const params = writeRunsState(new URLSearchParams('show=1&sort=old'), state);
    expect(params.get('sort')).toBe('metrics.val_accuracy desc');
    expect(params.get('filter')).toBe("params.optimizer = 'adam'");
    expect(params.get('show')).toBe('1');
    expect(writeRunsState(new URLSearchParams('filter=x&sort=y'), { filter: '', sort: null }).toString()).toBe('');
  });

  it('parses a sort with a quoted key and no direction', () => {
    expect(parseSort('params.`batch size`')).toEqual({ field: 'params.`batch size`', direction: 'asc' });
    expect(parseSort('  ')).toBeNull();
  });

  it('flips the same column and starts another in its own direction', () => {
    const accuracy = { kind: 'metric' as const, key: 'val_accuracy', sortField: 'metrics.val_accuracy' };
    const loss = { kind: 'metric' as const, key: 'val_loss', sortField: 'metrics.val_loss' };
    const lr = { kind: 'param' as const, key: 'lr', sortField: 'params.lr' };
    expect(nextRunSort(null, accuracy)).toEqual({ field: 'metrics.val_accuracy', direction: 'desc' });
    expect(nextRunSort(null, loss)).toEqual({ field: 'metrics.val_loss', direction: 'asc' });
    expect(nextRunSort(null, lr)).toEqual({ field: 'params.lr', direction: 'asc' });
    expect(nextRunSort({ field: 'params.lr', direction: 'asc' }, lr)).toEqual({ field: 'params.lr', direction: 'desc' });
  });

  it('builds the GET /runs query', () => {
    const query = runsQuery(
      { filter: 'params.lr > 0.01', sort: { field: 'metrics.loss', direction: 'asc' } },
      { experiment: 'e1', cursor: 'abc' },
    );
    expect(query).toEqual({ experiment: 'e1', filter: 'params.lr > 0.01', sort: 'metrics.loss asc', limit: 50, cursor: 'abc' });
    expect(runsQuery({ filter: '', sort: null })).toEqual({ limit: 50 });
  });

  it('quotes keys the filter language would read otherwise', () => {
    expect(fieldName('params', 'optimizer.beta1')).toBe('params.optimizer.beta1');
    expect(fieldName('metrics', 'val loss')).toBe('metrics.`val loss`');
    expect(fieldName('params', '2nd')).toBe('params.`2nd`');
    // a metric key ending in an aggregate's name is not its minimum
    expect(fieldName('metrics', 'loss.min')).toBe('metrics.`loss.min`');
  });
});

describe('filterErrorPosition', () => {
  const filter = 'params.lr >> 0.1';
  it('takes the 0-based position of the API answer, else the one its message names', () => {
    expect(filterErrorPosition({ message: 'Invalid filter: at position 11: expected a value', position: 11 }, filter)).toBe(11);
    expect(filterErrorPosition({ message: "Invalid filter: at position 11: expected a value after '>' but found '>'" }, filter)).toBe(11);
    expect(filterErrorPosition({ message: 'unknown field foo', position: null }, filter)).toBeNull();
    // the end of the filter is a place too ("expected a value but found the end")
    expect(filterErrorPosition({ message: 'x', position: filter.length }, filter)).toBe(filter.length);
    expect(filterErrorPosition({ message: 'x', position: 99 }, filter)).toBeNull();
  });
});
