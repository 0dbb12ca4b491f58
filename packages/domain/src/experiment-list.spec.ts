import { defaultExperimentOrder, ZExperimentListQuery } from './experiment-list';

const messages = (input: unknown) => {
  const result = ZExperimentListQuery.safeParse(input);
  return result.success ? [] : result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
};

describe('ZExperimentListQuery', () => {
  it('fills the defaults and leaves order to the sort column', () => {
    expect(ZExperimentListQuery.parse({})).toEqual({ limit: 50, offset: 0, sort: 'createdAt' });
    expect(defaultExperimentOrder('createdAt')).toBe('desc');
    expect(defaultExperimentOrder('bestValAccuracy')).toBe('desc');
    expect(defaultExperimentOrder('name')).toBe('asc');
    expect(defaultExperimentOrder('dataset')).toBe('asc');
  });

  it('parses a status list (comma-separated or repeated), the filters and a trimmed search', () => {
    const query = ZExperimentListQuery.parse({
      sort: 'bestValAccuracy',
      order: 'asc',
      status: ['running', 'queued,paused'],
      dataset: 'mnist',
      strategy: 'asha',
      q: '  Sweep ',
      limit: '10',
      offset: '20',
    });
    expect(query).toEqual({
      sort: 'bestValAccuracy',
      order: 'asc',
      status: ['running', 'queued', 'paused'],
      dataset: 'mnist',
      strategy: 'asha',
      q: 'Sweep',
      limit: 10,
      offset: 20,
    });
    expect(ZExperimentListQuery.parse({ q: '   ' }).q).toBeUndefined();
  });

  it('names the parameter of every bad value and the unknown keys', () => {
    expect(messages({ sort: 'bogus' })).toEqual([
      'sort: sort must be one of: createdAt, name, status, dataset, trialCount, bestValAccuracy, finishedAt',
    ]);
    expect(messages({ order: 'up' })).toEqual(["order: order must be 'asc' or 'desc'"]);
    expect(messages({ strategy: 'x' })).toEqual(['strategy: strategy must be one of: grid, random, asha, hyperband, tpe']);
    expect(messages({ status: 'running,nope' })).toEqual([
      'status.1: status must be one of: queued, running, paused, completed, failed, cancelled',
    ]);
    expect(messages({ status: ',' })).toEqual(['status: status: give at least one value, comma-separated']);
    expect(messages({ q: 'x'.repeat(201) })).toEqual(['q: q must be at most 200 characters']);
    expect(messages({ q: ` ${'x'.repeat(200)} ` })).toEqual([]);
    expect(messages({ dataset: 'Not A Key' })).toEqual(['dataset: dataset key must be lower-case letters, digits and dashes']);
    expect(messages({ colour: 'red' })).toEqual([
      ": unknown query parameter 'colour'; the list accepts: project, limit, offset, sort, order, status, dataset, strategy, q, include",
    ]);
  });
});
