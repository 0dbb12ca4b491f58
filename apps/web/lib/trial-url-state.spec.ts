import { INITIAL_TABLE_STATE, type TrialTableState } from './trial-table';
import { selectionFromParams, tableStateFromParams, writeSelection, writeTableState } from './trial-url-state';

describe('the trials table in the URL', () => {
  it('round-trips sort, filters, range and page, and leaves other keys alone', () => {
    const state: TrialTableState = {
      sort: 'meanValAccuracy',
      order: 'desc',
      offset: 50,
      limit: 25,
      values: { status: 'completed', optimizer: 'sgd' },
      range: { field: 'learningRate', min: '0.001', max: '' },
    };
    const params = writeTableState(new URLSearchParams('show=1,2&brush=lr'), state);
    expect(params.toString()).toBe('show=1%2C2&brush=lr&sort=meanValAccuracy&order=desc&offset=50&status=completed&optimizer=sgd&range=learningRate&min=0.001');
    expect(tableStateFromParams(new URLSearchParams(params.toString()))).toEqual(state);
  });

  it('writes nothing for the defaults and reads an empty query as the defaults', () => {
    expect(writeTableState(new URLSearchParams('sort=number&status=failed'), INITIAL_TABLE_STATE).toString()).toBe('');
    expect(tableStateFromParams(new URLSearchParams(''))).toEqual(INITIAL_TABLE_STATE);
  });

  it('falls back to the default for what it cannot read', () => {
    const state = tableStateFromParams({ sort: 'shoe-size', order: 'up', limit: '7', offset: '-3', status: 'exploded', range: 'colour', architecture: 'cnn-a' });
    expect(state).toEqual({ ...INITIAL_TABLE_STATE, values: { architecture: 'cnn-a' } });
    // an offset off the page grid snaps to its page
    expect(tableStateFromParams({ offset: '60', limit: '50' })).toMatchObject({ offset: 50, limit: 50 });
    // a server page's searchParams may repeat a key
    expect(tableStateFromParams({ status: ['running', 'failed'] }).values).toEqual({ status: 'running' });
  });
});

describe('the trials shown in the charts, in the URL', () => {
  it('round-trips a pick, the empty pick and the default', () => {
    expect(writeSelection(new URLSearchParams('sort=epochs'), new Set([12, 3, 7])).toString()).toBe('sort=epochs&show=3%2C7%2C12');
    expect(selectionFromParams(new URLSearchParams('show=3%2C7%2C12'))).toEqual(new Set([3, 7, 12]));
    expect(writeSelection(new URLSearchParams(), new Set()).toString()).toBe('show=none');
    expect(selectionFromParams({ show: 'none' })).toEqual(new Set());
    expect(writeSelection(new URLSearchParams('show=1'), null).toString()).toBe('');
    expect(selectionFromParams({})).toBeNull();
    expect(selectionFromParams({ show: 'x,0' })).toBeNull();
  });
});
