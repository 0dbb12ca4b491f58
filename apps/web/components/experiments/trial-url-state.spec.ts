import { INITIAL_TABLE_STATE, type TrialTableState } from './trial-table';
import { isTableSort, selectionFromParams, tableStateFromParams, writeSelection, writeTableState } from './trial-url-state';

describe('the trials table in the URL', () => {
  it('round-trips sort, filter and page, and leaves other keys alone', () => {
    const state: TrialTableState = {
      sort: 'metrics.val_loss',
      order: 'desc',
      offset: 50,
      limit: 25,
      filter: "params.optimizer = 'sgd' and metrics.val_accuracy > 0.9",
    };
    const params = writeTableState(new URLSearchParams('show=1,2&brush=lr'), state);
    expect(params.toString()).toBe(
      'show=1%2C2&brush=lr&sort=metrics.val_loss&order=desc&offset=50&filter=params.optimizer+%3D+%27sgd%27+and+metrics.val_accuracy+%3E+0.9',
    );
    expect(tableStateFromParams(new URLSearchParams(params.toString()))).toEqual(state);
  });

  it('writes nothing for the defaults, drops the older filter keys, and reads an empty query as the defaults', () => {
    expect(writeTableState(new URLSearchParams('sort=number&status=failed&range=epochs&min=1'), INITIAL_TABLE_STATE).toString()).toBe('');
    expect(tableStateFromParams(new URLSearchParams(''))).toEqual(INITIAL_TABLE_STATE);
  });

  it('reads a link made before the filter box as the same filter in the language', () => {
    expect(
      tableStateFromParams({
        sort: 'meanValAccuracy',
        order: 'desc',
        status: 'completed',
        optimizer: 'adam',
        range: 'learningRate',
        min: '0.001',
      }),
    ).toEqual({
      ...INITIAL_TABLE_STATE,
      sort: 'meanValAccuracy',
      order: 'desc',
      filter: "attributes.status = 'completed' and params.optimizer = 'adam' and params.learningRate >= 0.001",
    });
    // the filter box's own key wins
    expect(tableStateFromParams({ filter: ' metrics.loss < 1 ', status: 'completed' }).filter).toBe('metrics.loss < 1');
  });

  it('falls back to the default for what it cannot read', () => {
    const state = tableStateFromParams({
      sort: 'shoe-size',
      order: 'up',
      limit: '7',
      offset: '-3',
      status: 'exploded',
      range: 'colour',
      architecture: 'cnn-a',
    });
    expect(state).toEqual({ ...INITIAL_TABLE_STATE, filter: "params.architecture = 'cnn-a'" });
    // an offset off the page grid snaps to its page
    expect(tableStateFromParams({ offset: '60', limit: '50' })).toMatchObject({ offset: 50, limit: 50 });
    // a server page's searchParams may repeat a key
    expect(tableStateFromParams({ status: ['running', 'failed'] }).filter).toBe("attributes.status = 'running'");
  });

  it('takes a sort the API takes: a column of the table, or a field of the language without a direction', () => {
    expect(
      ['number', 'meanValAccuracy', 'dropout', 'params.dropout', 'metrics.val_loss.min', 'attributes.started', 'params.`my key`'].map(
        isTableSort,
      ),
    ).toEqual([true, true, true, true, true, true, true]);
    expect(['colour', 'metrics.val_loss desc', 'params.', ''].map(isTableSort)).toEqual([false, false, false, false]);
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
