import { INITIAL_TABLE_STATE, nextSort, rangeError, tableQuery } from './trial-table';

describe('trials table state', () => {
  it('sorts scores best first and flips a column sorted again', () => {
    expect(nextSort(INITIAL_TABLE_STATE, 'meanValAccuracy')).toEqual({ sort: 'meanValAccuracy', order: 'desc' });
    expect(nextSort(INITIAL_TABLE_STATE, 'learningRate')).toEqual({ sort: 'learningRate', order: 'asc' });
    expect(nextSort(INITIAL_TABLE_STATE, 'number')).toEqual({ sort: 'number', order: 'desc' });
  });

  it('turns filters into the API query, accuracies from percent', () => {
    const query = tableQuery({
      ...INITIAL_TABLE_STATE,
      offset: 50,
      values: { status: 'completed', optimizer: '', architecture: 'cnn-a' },
      range: { field: 'meanValAccuracy', min: '80', max: '' },
    });
    expect(query).toEqual({ sort: 'number', order: 'asc', offset: 50, limit: 25, status: 'completed', architecture: 'cnn-a', 'meanValAccuracy.min': '0.8' });
    expect(tableQuery({ ...INITIAL_TABLE_STATE, range: { field: 'learningRate', min: '1e-3', max: '0.1' } })).toMatchObject({
      'learningRate.min': '0.001',
      'learningRate.max': '0.1',
    });
  });

  it('reports a bound that is not a number', () => {
    expect(rangeError({ ...INITIAL_TABLE_STATE, range: { field: 'epochs', min: 'abc', max: '' } })).toBe('min must be a number');
    expect(rangeError(INITIAL_TABLE_STATE)).toBeNull();
  });
});
