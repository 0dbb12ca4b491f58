import {
  clearFiltersHref,
  describeFilters,
  hasFilters,
  INITIAL_LIST_STATE,
  listHref,
  listQuery,
  pageHref,
  parseListState,
  sortHref,
  statusHref,
  type ExperimentListState,
} from './experiment-list';

const filtered: ExperimentListState = {
  project: null,
  sort: 'bestValAccuracy',
  order: 'asc',
  status: ['running', 'queued'],
  dataset: 'mnist',
  strategy: 'asha',
  q: 'lr sweep',
  page: 3,
};

describe('experiments list URL state', () => {
  it('reads every choice from the URL, with each sort column’s own default order', () => {
    expect(parseListState({})).toEqual(INITIAL_LIST_STATE);
    expect(
      parseListState({
        sort: 'bestValAccuracy',
        order: 'asc',
        status: 'running,queued',
        dataset: 'mnist',
        strategy: 'asha',
        q: ' lr sweep ',
        page: '3',
      }),
    ).toEqual(filtered);
    expect(parseListState({ sort: 'name' })).toMatchObject({ sort: 'name', order: 'asc' });
    expect(parseListState({ sort: 'finishedAt' })).toMatchObject({ sort: 'finishedAt', order: 'desc' });
    // the key repeated, duplicates dropped
    expect(parseListState({ status: ['failed', 'cancelled,failed'] }).status).toEqual(['failed', 'cancelled']);
  });

  it('drops what it cannot use instead of failing, and reads empty form fields as no filter', () => {
    expect(parseListState({ sort: 'bogus', order: 'up', status: 'nope,running', dataset: 'Not a key', strategy: 'x', page: '-2' })).toEqual(
      {
        ...INITIAL_LIST_STATE,
        status: ['running'],
      },
    );
    expect(parseListState({ q: '', dataset: '', strategy: '', page: 'abc' })).toEqual(INITIAL_LIST_STATE);
    expect(parseListState({ q: 'x'.repeat(300) }).q).toHaveLength(200);
  });

  it('builds URLs that leave defaults out and read back to the same state', () => {
    expect(listHref(INITIAL_LIST_STATE)).toBe('/experiments');
    const href = listHref(filtered);
    expect(href).toBe('/experiments?sort=bestValAccuracy&order=asc&status=running%2Cqueued&dataset=mnist&strategy=asha&q=lr+sweep&page=3');
    expect(parseListState(Object.fromEntries(new URL(href, 'http://web.test').searchParams))).toEqual(filtered);
    expect(listHref({ ...INITIAL_LIST_STATE, sort: 'name', order: 'asc' })).toBe('/experiments?sort=name');
    expect(listHref({ ...INITIAL_LIST_STATE, order: 'asc' })).toBe('/experiments?order=asc');
  });

  it('sorts a new column in its default order, flips the current one, and goes back to page 1 keeping the filters', () => {
    expect(sortHref(INITIAL_LIST_STATE, 'name')).toBe('/experiments?sort=name');
    expect(sortHref(INITIAL_LIST_STATE, 'createdAt')).toBe('/experiments?order=asc');
    expect(sortHref(INITIAL_LIST_STATE, 'bestValAccuracy')).toBe('/experiments?sort=bestValAccuracy');
    expect(sortHref(filtered, 'bestValAccuracy')).toBe(
      '/experiments?sort=bestValAccuracy&status=running%2Cqueued&dataset=mnist&strategy=asha&q=lr+sweep',
    );
    expect(sortHref(filtered, 'dataset')).toBe('/experiments?sort=dataset&status=running%2Cqueued&dataset=mnist&strategy=asha&q=lr+sweep');
  });

  it('pages, switches status tabs and clears filters without losing the rest', () => {
    expect(pageHref(filtered, 4)).toContain('&q=lr+sweep&page=4');
    expect(pageHref(filtered, 1)).not.toContain('page=');
    expect(statusHref(filtered, 'completed')).toBe(
      '/experiments?sort=bestValAccuracy&order=asc&status=completed&dataset=mnist&strategy=asha&q=lr+sweep',
    );
    expect(statusHref(filtered, null)).toBe('/experiments?sort=bestValAccuracy&order=asc&dataset=mnist&strategy=asha&q=lr+sweep');
    expect(clearFiltersHref(filtered)).toBe('/experiments?sort=bestValAccuracy&order=asc');
    expect(hasFilters(filtered)).toBe(true);
    expect(hasFilters({ ...INITIAL_LIST_STATE, sort: 'name', page: 2 })).toBe(false);
  });

  it("keeps the switcher's project in every link and sends it as the API's ?project (none: every project)", () => {
    const inVision = parseListState({ project: 'vision', sort: 'name', q: 'lr' });
    expect(inVision).toEqual({ ...INITIAL_LIST_STATE, project: 'vision', sort: 'name', order: 'asc', q: 'lr' });
    // not a slug (an old or hand-typed link): every project, rather than an error page
    expect(parseListState({ project: 'Not A Slug!' }).project).toBeNull();
    expect(parseListState({ project: '' }).project).toBeNull();
    expect(listHref(inVision)).toBe('/experiments?project=vision&sort=name&q=lr');
    expect(sortHref(inVision, 'createdAt')).toBe('/experiments?project=vision&q=lr');
    expect(pageHref(inVision, 2)).toBe('/experiments?project=vision&sort=name&q=lr&page=2');
    expect(statusHref(inVision, 'running')).toBe('/experiments?project=vision&sort=name&status=running&q=lr');
    // the project is the switcher's, not a filter: clearing the filters keeps it
    expect(clearFiltersHref(inVision)).toBe('/experiments?project=vision&sort=name');
    expect(hasFilters({ ...INITIAL_LIST_STATE, project: 'vision' })).toBe(false);
    expect(listQuery(inVision)).toEqual({ limit: 20, offset: 0, sort: 'name', order: 'asc', q: 'lr', project: 'vision' });
    expect(listQuery({ ...inVision, project: null })).not.toHaveProperty('project');
  });

  it('turns the state into the API query and into words', () => {
    expect(listQuery(filtered)).toEqual({
      limit: 20,
      offset: 40,
      sort: 'bestValAccuracy',
      order: 'asc',
      status: 'running,queued',
      dataset: 'mnist',
      strategy: 'asha',
      q: 'lr sweep',
    });
    expect(listQuery(INITIAL_LIST_STATE)).toEqual({ limit: 20, offset: 0, sort: 'createdAt', order: 'desc' });
    expect(describeFilters(filtered)).toEqual([
      'status running or queued',
      'dataset mnist',
      'strategy ASHA',
      '“lr sweep” in the name or description',
    ]);
  });
});
