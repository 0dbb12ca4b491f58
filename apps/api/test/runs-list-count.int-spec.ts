import { ZRunList, type TRunDetail } from '@atelier/domain';
import { startTestApp, type TestApp, errorOf } from './test-app';

/**
 * GET /runs over many runs (issue 18) counts the matching runs only up to
 * ATELIER_RUN_LIST_COUNT_LIMIT, here 4, and reads a page phase after phase of its sort (a
 * parameter's numbers, then its texts, then its booleans, then the runs without it) with LIMIT.
 * Eight runs; every expectation is worked out by hand from this table:
 *   n   x      layers  loss
 *   1   3      1       0.9
 *   2   1      2       0.8
 *   3   'b'    3       0.7
 *   4   'a'    4       NaN
 *   5   true   5       —
 *   6   —      6       0.4
 *   7   2      7       0.3
 *   8   —      8       0.2
 */
const X: Record<number, number | string | boolean> = { 1: 3, 2: 1, 3: 'b', 4: 'a', 5: true, 7: 2 };
const LOSS: Record<number, number | 'NaN'> = { 1: 0.9, 2: 0.8, 3: 0.7, 4: 'NaN', 6: 0.4, 7: 0.3, 8: 0.2 };

describe('GET /runs: a capped total and a page read phase by phase (PostgreSQL)', () => {
  let t: TestApp;
  const ids = new Map<number, string>();

  async function list(query: Record<string, string | number>) {
    const response = await t.api.get('/runs').query({ experiment: 'capped', ...query });
    expect([response.status, errorOf(response).message]).toEqual([200, undefined]);
    const body = ZRunList.parse(response.body);
    return { ...body, numbers: body.items.map((item) => item.number) };
  }

  /** Every page of the query, following nextCursor, as run numbers per page. */
  async function pages(query: Record<string, string | number>): Promise<number[][]> {
    const seen: number[][] = [];
    let cursor: string | null = null;
    do {
      const page = await list(cursor ? { ...query, cursor } : query);
      seen.push(page.numbers);
      cursor = page.nextCursor;
    } while (cursor && seen.length < 20);
    return seen;
  }

  beforeAll(async () => {
    t = await startTestApp({ ATELIER_RUN_LIST_COUNT_LIMIT: '4' });
    for (let n = 1; n <= 8; n++) {
      const params = { layers: n, ...(X[n] !== undefined ? { x: X[n] } : {}) };
      const created = await t.api
        .post('/runs')
        .send({ experiment: 'capped', name: `run-${n}`, params })
        .expect(201);
      const id = (created.body as TRunDetail).id;
      ids.set(n, id);
      if (LOSS[n] !== undefined) {
        await t.api
          .post(`/runs/${id}/log`)
          .send({ metrics: [{ key: 'loss', value: LOSS[n], step: 1 }] })
          .expect(200);
      }
    }
  });
  afterAll(async () => {
    await (t as TestApp | undefined)?.close(); // undefined when the setup failed
  });

  it('counts up to the limit and says when more runs match', async () => {
    // 8 match, more than the count's limit of 4: a lower bound while pages follow
    expect(await list({ limit: 2 })).toMatchObject({ total: 4, totalIsLowerBound: true });
    expect((await list({ limit: 2 })).numbers).toEqual([8, 7]);
    // past the limit, the runs listed so far
    expect(await list({ limit: 6 })).toMatchObject({ total: 6, totalIsLowerBound: true });
    // the last page knows how many there are
    expect(await list({})).toMatchObject({ total: 8, totalIsLowerBound: false, nextCursor: null, numbers: [8, 7, 6, 5, 4, 3, 2, 1] });
    const [, last] = await pages({ limit: 4 });
    expect(last).toEqual([4, 3, 2, 1]);
    // 5 match: more than the limit
    expect(await list({ filter: 'params.layers >= 4', limit: 1 })).toMatchObject({ total: 4, totalIsLowerBound: true });
    // exactly the limit, and fewer: exact
    expect(await list({ filter: 'params.layers >= 5', limit: 1 })).toMatchObject({ total: 4, totalIsLowerBound: false });
    expect(await list({ filter: 'params.layers >= 6', limit: 1 })).toMatchObject({ total: 3, totalIsLowerBound: false });
    expect(await list({ filter: 'params.layers > 8' })).toMatchObject({ total: 0, totalIsLowerBound: false, items: [] });
    // the count joins the filter's metrics: NaN and missing losses do not match
    expect(await list({ filter: 'metrics.loss < 0.75', limit: 1 })).toMatchObject({ total: 4, totalIsLowerBound: false });
  });

  it('gives a next cursor exactly when another page follows', async () => {
    expect((await list({ filter: 'params.layers >= 6', limit: 3 })).nextCursor).toBeNull();
    const first = await list({ filter: 'params.layers >= 6', limit: 2 });
    expect([first.numbers, first.nextCursor === null]).toEqual([[8, 7], false]);
    expect(await pages({ filter: 'params.layers >= 6', limit: 2 })).toEqual([[8, 7], [6]]);
  });

  it('sorts by a parameter across its phases: numbers, texts, booleans, then runs without it', async () => {
    const all = (await list({ sort: 'params.x asc' })).numbers;
    expect(all.slice(0, 6)).toEqual([2, 7, 1, 4, 3, 5]);
    expect(all.slice(6).sort()).toEqual([6, 8]);
    expect((await list({ sort: 'params.x desc' })).numbers.slice(0, 6)).toEqual([1, 7, 2, 3, 4, 5]);
    // pages of 3 and of 2 end inside a phase, at its end, and past it (the cursor then skips it by counting)
    const missing = [ids.get(6)!, ids.get(8)!].sort().map((id) => (id === ids.get(6) ? 6 : 8));
    expect(await pages({ sort: 'params.x asc', limit: 3 })).toEqual([[2, 7, 1], [4, 3, 5], missing]);
    expect(await pages({ sort: 'params.x asc', limit: 2 })).toEqual([[2, 7], [1, 4], [3, 5], missing]);
    expect(await pages({ sort: 'params.x asc', limit: 1 })).toEqual([[2], [7], [1], [4], [3], [5], [missing[0]!], [missing[1]!]]);
  });

  it('sorts by a metric: numbers by value, then NaN and missing, by id', async () => {
    const byId = (ns: number[]) => [...ns].sort((a, b) => ids.get(a)!.localeCompare(ids.get(b)!));
    expect(await pages({ sort: 'metrics.loss asc', limit: 3 })).toEqual([[8, 7, 6], [3, 2, 1], byId([4, 5])]);
    expect(await pages({ sort: 'metrics.loss desc', limit: 6 })).toEqual([[1, 2, 3, 6, 7, 8], byId([4, 5])]);
  });

  it('keeps the parameter order as params are logged later and runs are deleted', async () => {
    // run 8 takes x = 0 with a log: it now sorts first
    await t.api
      .post(`/runs/${ids.get(8)}/log`)
      .send({ params: { x: 0 } })
      .expect(200);
    expect((await list({ sort: 'params.x asc' })).numbers).toEqual([8, 2, 7, 1, 4, 3, 5, 6]);
    expect((await list({ filter: 'params.x < 2', sort: 'params.x desc' })).numbers).toEqual([2, 8]);
    const stored = await t.prisma.$queryRaw<{ key: string; num: number | null }[]>`
      SELECT key, num FROM run_param_sort WHERE run_id = ${ids.get(8)}::uuid ORDER BY key`;
    expect(stored).toEqual([
      { key: 'layers', num: 8 },
      { key: 'x', num: 0 },
    ]);
    await t.prisma.run.delete({ where: { id: ids.get(8)! } });
    expect(await t.prisma.$queryRaw`SELECT key FROM run_param_sort WHERE run_id = ${ids.get(8)}::uuid`).toEqual([]);
    expect((await list({ sort: 'params.x asc' })).numbers).toEqual([2, 7, 1, 4, 3, 5, 6]);
  });
});

describe('GET /runs: a count out of time (PostgreSQL)', () => {
  let t: TestApp;

  beforeAll(async () => {
    // 1 ms to count: counting 10,001 of 20,000 runs takes longer
    t = await startTestApp({ ATELIER_RUN_LIST_COUNT_MS: '1' });
    const created = await t.api
      .post('/runs')
      .send({ experiment: 'many', params: { layers: 0 } })
      .expect(201);
    await t.prisma.$executeRaw`
      INSERT INTO run (id, experiment_id, number, status, params, tags, created_at)
      SELECT gen_random_uuid(), ${(created.body as TRunDetail).experimentId}::uuid, n, 'completed',
             jsonb_build_object('layers', n % 7), '{}', now() - make_interval(secs => n)
        FROM generate_series(2, 20001) AS n`;
  });
  afterAll(async () => {
    await (t as TestApp | undefined)?.close(); // undefined when the setup failed
  });

  it('answers the runs listed so far as a lower bound, and the page in full', async () => {
    const response = await t.api
      .get('/runs')
      .query({ experiment: 'many', filter: 'params.layers >= 0', sort: 'attributes.number asc', limit: 10 })
      .expect(200);
    const body = ZRunList.parse(response.body);
    expect([body.total, body.totalIsLowerBound, body.nextCursor === null]).toEqual([10, true, false]);
    expect(body.items.map((item) => item.number)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    const next = ZRunList.parse(
      (
        await t.api
          .get('/runs')
          .query({ experiment: 'many', filter: 'params.layers >= 0', sort: 'attributes.number asc', limit: 10, cursor: body.nextCursor! })
          .expect(200)
      ).body,
    );
    expect([next.total, next.totalIsLowerBound, next.items[0]!.number]).toEqual([20, true, 11]);
  });
});
