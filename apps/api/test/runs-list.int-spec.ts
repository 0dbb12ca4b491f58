import { ZRunList, type TRunSummary, type TRunDetail } from '@atelier/domain';
import { seedEpochs, seedExperiment } from './seed-trials';
import { startTestApp, type TestApp, errorOf } from './test-app';

/**
 * Ten runs logged from code, each a row of this table, and a search with three trials. Every
 * expectation below is worked out by hand from it.
 */
const RUNS = Array.from({ length: 10 }, (_, i) => {
  const n = i + 1;
  return {
    n,
    name: n === 1 ? 'Baseline' : `run-${n}`,
    params: {
      optimizer: n % 2 === 0 ? 'adam' : 'sgd',
      lr: [0.1, 0.01, 0.001, 0.0001, 0.05][i % 5]!,
      layers: n,
      augment: n % 3 === 0,
      // numbers in runs 1-3, text in 4-6, absent in 7-10
      ...(n <= 3 ? { mixed: 4 - n } : n <= 6 ? { mixed: ['b', 'a', 'c'][n - 4]! } : {}),
    },
    tags: n === 10 ? {} : { team: n % 2 === 0 ? 'vision' : 'nlp' },
    // run 7 diverged (NaN), run 9 never logged val_accuracy
    valAccuracy: n === 7 ? 'NaN' : n === 9 ? null : 0.5 + n * 0.04,
    losses: [2, 1 / n, 1.5],
  };
});

describe('GET /runs: filter, sort, pages (PostgreSQL)', () => {
  let t: TestApp;
  const http = () => t.api;
  const ids = new Map<number, string>();
  let experimentId: string;
  let searchTrialIds: string[];

  async function list(
    query: Record<string, string | number>,
  ): Promise<{ numbers: number[]; total: number; items: TRunSummary[]; nextCursor: string | null }> {
    const response = await http().get('/runs').query(query);
    expect([response.status, errorOf(response).message]).toEqual([200, undefined]);
    const body = ZRunList.parse(response.body);
    return { numbers: body.items.map((item) => item.number), total: body.total, items: body.items, nextCursor: body.nextCursor };
  }
  const numbersOf = async (filter: string, sort = 'attributes.number asc') =>
    (await list({ experiment: 'table', filter, sort, limit: 100 })).numbers;

  beforeAll(async () => {
    t = await startTestApp();
    for (const run of RUNS) {
      const created = await http()
        .post('/runs')
        .send({ experiment: 'table', name: run.name, params: run.params, tags: run.tags })
        .expect(201);
      const createdRun = created.body as TRunDetail;
      ids.set(run.n, createdRun.id);
      experimentId = createdRun.experimentId;
      const metrics = run.losses.map((value, step) => ({ key: 'loss', value, step }));
      if (run.valAccuracy !== null) metrics.push({ key: 'val_accuracy', value: run.valAccuracy as number, step: 2 });
      await http().post(`/runs/${createdRun.id}/log`).send({ metrics }).expect(200);
    }
    // distinct creation times a minute apart, so "newest first" has one answer
    for (const run of RUNS)
      await t.prisma.run.update({ where: { id: ids.get(run.n)! }, data: { createdAt: new Date(Date.UTC(2026, 11, 1, 0, run.n)) } });
    await http()
      .patch(`/runs/${ids.get(2)}`)
      .send({ status: 'finished' })
      .expect(200);
    await http()
      .patch(`/runs/${ids.get(4)}`)
      .send({ status: 'failed' })
      .expect(200);

    const search = await seedExperiment(t.prisma, {
      name: 'grid',
      trials: [
        { number: 1, optimizer: 'adam', learningRate: 0.01 },
        { number: 2, optimizer: 'sgd', learningRate: 0.1 },
        { number: 3, optimizer: 'adam', learningRate: 0.001, status: 'running' },
      ],
    });
    searchTrialIds = search.trialIds;
    for (const [index, id] of search.trialIds.entries()) {
      await seedEpochs(t.prisma, id, 0, [{ loss: 1, accuracy: 0.5, valLoss: 1, valAccuracy: 0.6 + index / 10 }]);
    }
  });
  afterAll(async () => {
    await (t as TestApp | undefined)?.close(); // undefined when the setup failed
  });

  it('lists an experiment newest first by default, with the total', async () => {
    const page = await list({ experiment: 'table' });
    expect(page.numbers).toEqual([10, 9, 8, 7, 6, 5, 4, 3, 2, 1]);
    expect(page.total).toBe(10);
    expect(page.nextCursor).toBeNull();
    const first = page.items.at(-1)!;
    expect(first).toMatchObject({
      experimentId,
      experimentName: 'table',
      source: 'tracked',
      name: 'Baseline',
      status: 'running',
      params: { optimizer: 'sgd', lr: 0.1, layers: 1, augment: false, mixed: 3 },
      tags: { team: 'nlp' },
      metrics: {
        loss: { last: 1.5, lastStep: 2, min: 1, max: 2, count: 3 },
        val_accuracy: { last: 0.54, lastStep: 2, min: 0.54, max: 0.54, count: 1 },
      },
    });
    expect(page.items.find((item) => item.number === 7)!.metrics.val_accuracy).toEqual({
      last: 'NaN',
      lastStep: 2,
      min: 'NaN',
      max: 'NaN',
      count: 1,
    });
    expect((await list({ experiment: experimentId })).total).toBe(10);
  });

  it("lists every experiment's runs, a search's trials included", async () => {
    const all = await list({ limit: 100 });
    expect(all.total).toBe(13);
    const trials = await list({ filter: "attributes.source = 'search'", sort: 'attributes.number' });
    expect(trials.items.map((item) => item.id)).toEqual(searchTrialIds);
    expect(trials.items[0]).toMatchObject({ experimentName: 'grid', source: 'search', params: { optimizer: 'adam', learningRate: 0.01 } });
    expect(trials.items[0]!.metrics.val_accuracy).toMatchObject({ last: 0.6 });
    const adam = await list({
      filter: "params.optimizer = 'adam' and metrics.val_accuracy > 0.65",
      limit: 100,
      sort: 'metrics.val_accuracy desc',
    });
    // tracked: 4 (0.66), 6 (0.74), 8 (0.82), 10 (0.9); search: trial 3 (0.8)
    expect(adam.items.map((item) => [item.source, item.number])).toEqual([
      ['tracked', 10],
      ['tracked', 8],
      ['search', 3],
      ['tracked', 6],
      ['tracked', 4],
    ]);
  });

  it('compares parameters by their type', async () => {
    // numerically: 10 > 5 (as text '10' < '5')
    expect(await numbersOf('params.layers > 5')).toEqual([6, 7, 8, 9, 10]);
    expect(await numbersOf('params.lr <= 0.001')).toEqual([3, 4, 8, 9]);
    expect(await numbersOf('params.lr = 0.1')).toEqual([1, 6]);
    expect(await numbersOf('params.augment = true')).toEqual([3, 6, 9]);
    expect(await numbersOf('params.augment != true')).toEqual([1, 2, 4, 5, 7, 8, 10]);
    // a number does not equal text, and text compares as text
    expect(await numbersOf('params.mixed = 2')).toEqual([2]);
    expect(await numbersOf("params.mixed = 'a'")).toEqual([5]);
    expect(await numbersOf("params.mixed < 'c'")).toEqual([4, 5]);
    expect(await numbersOf('params.mixed >= 2')).toEqual([1, 2]);
    expect(await numbersOf('params.mixed is null')).toEqual([7, 8, 9, 10]);
    expect(await numbersOf("params.optimizer in ('sgd', 'rmsprop') and params.layers in (1, 3, 4)")).toEqual([1, 3]);
    expect(await numbersOf('params.nothing = 1')).toEqual([]);
  });

  it('filters on metric summaries, NaN comparing false', async () => {
    expect(await numbersOf('metrics.val_accuracy > 0.8')).toEqual([8, 10]);
    expect(await numbersOf('metrics.val_accuracy < 100')).toEqual([1, 2, 3, 4, 5, 6, 8, 10]);
    expect(await numbersOf('metrics.val_accuracy is null')).toEqual([9]);
    expect(await numbersOf('metrics.val_accuracy is not null and not metrics.val_accuracy < 100')).toEqual([7]);
    expect(await numbersOf('metrics.loss.min < 0.2')).toEqual([6, 7, 8, 9, 10]);
    expect(await numbersOf('metrics.loss.max = 2 and metrics.loss < 1.6 and metrics.loss.last > 1.4')).toEqual([
      1, 2, 3, 4, 5, 6, 7, 8, 9, 10,
    ]);
  });

  it('filters on tags and attributes, with and, or, not and parentheses', async () => {
    expect(await numbersOf("tags.team = 'vision'")).toEqual([2, 4, 6, 8]);
    // != needs the tag; not (…) is plain negation
    expect(await numbersOf("tags.team != 'vision'")).toEqual([1, 3, 5, 7, 9]);
    expect(await numbersOf("not tags.team = 'vision'")).toEqual([1, 3, 5, 7, 9, 10]);
    expect(await numbersOf("tags.team = 'vision' and (params.lr = 0.01 or params.lr = 0.0001) or attributes.number = 1")).toEqual([
      1, 2, 4,
    ]);
    expect(await numbersOf("attributes.name contains 'BASE'")).toEqual([1]);
    expect(await numbersOf("attributes.name like 'run-1%'")).toEqual([10]);
    expect(await numbersOf("attributes.name ilike 'RUN-_'")).toEqual([2, 3, 4, 5, 6, 7, 8, 9]);
    expect(await numbersOf("attributes.name not like 'run%'")).toEqual([1]);
    expect(await numbersOf("attributes.status in ('finished', 'failed')")).toEqual([2, 4]);
    expect(await numbersOf("attributes.status = 'running' and attributes.number <= 3")).toEqual([1, 3]);
    expect(await numbersOf("attributes.created >= '2026-12-01T00:08:00Z'")).toEqual([8, 9, 10]);
    expect(await numbersOf('attributes.finished is not null')).toEqual([2, 4]);
    expect(await numbersOf(`attributes.id = '${ids.get(5)}'`)).toEqual([5]);
    expect(await numbersOf("attributes.experiment = 'table' and attributes.source = 'tracked'")).toHaveLength(10);
  });

  it('sorts by a metric with NaN and missing values last in both directions', async () => {
    const desc = (await list({ experiment: 'table', sort: 'metrics.val_accuracy desc' })).numbers;
    expect(desc.slice(0, 8)).toEqual([10, 8, 6, 5, 4, 3, 2, 1]);
    expect(desc.slice(8).sort()).toEqual([7, 9]);
    const asc = (await list({ experiment: 'table', sort: 'metrics.val_accuracy asc' })).numbers;
    expect(asc.slice(0, 8)).toEqual([1, 2, 3, 4, 5, 6, 8, 10]);
    expect(asc.slice(8).sort()).toEqual([7, 9]);
    // the same order on every request (ties by id)
    expect((await list({ experiment: 'table', sort: 'metrics.val_accuracy asc' })).numbers).toEqual(asc);
    expect((await list({ experiment: 'table', sort: 'metrics.loss.min' })).numbers).toEqual([10, 9, 8, 7, 6, 5, 4, 3, 2, 1]);
  });

  it('sorts by a parameter: numbers, then text, then runs without it', async () => {
    const asc = (await list({ experiment: 'table', sort: 'params.mixed asc' })).numbers;
    expect(asc.slice(0, 6)).toEqual([3, 2, 1, 5, 4, 6]);
    expect(asc.slice(6).sort((a, b) => a - b)).toEqual([7, 8, 9, 10]);
    const desc = (await list({ experiment: 'table', sort: 'params.mixed desc' })).numbers;
    expect(desc.slice(0, 6)).toEqual([1, 2, 3, 6, 4, 5]);
    expect((await list({ experiment: 'table', sort: 'params.lr desc' })).numbers.slice(0, 2).sort()).toEqual([1, 6]);
    expect((await list({ experiment: 'table', sort: 'tags.team desc' })).numbers.slice(0, 4).sort()).toEqual([2, 4, 6, 8]);
    expect((await list({ experiment: 'table', sort: 'attributes.name' })).numbers).toEqual([1, 10, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it('pages with an opaque cursor through a filtered, sorted list', async () => {
    const query = { experiment: 'table', filter: 'params.layers >= 2', sort: 'metrics.loss.min desc', limit: 3 };
    const seen: number[] = [];
    let cursor: string | null = null;
    for (let page = 0; page < 5; page++) {
      const result = await list(cursor ? { ...query, cursor } : query);
      expect(result.total).toBe(9);
      seen.push(...result.numbers);
      cursor = result.nextCursor;
      if (!cursor) break;
    }
    expect(seen).toEqual([2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(cursor).toBeNull();

    const firstPage = await list(query);
    const other = await http()
      .get('/runs')
      .query({ ...query, filter: 'params.layers >= 3', cursor: firstPage.nextCursor! })
      .expect(400);
    expect(errorOf(other).message).toBe(
      'Invalid query parameter: cursor belongs to another query (its experiment, filter or sort differ); leave it out to start from the first page.',
    );
    const garbage = await http()
      .get('/runs')
      .query({ ...query, cursor: 'bm90IGEgY3Vyc29y' })
      .expect(400);
    expect(errorOf(garbage).issues).toEqual([{ path: 'cursor', message: 'not a cursor of this list' }]);
  });

  it('answers 400 with the position of a filter or sort that does not parse', async () => {
    const filter = await http().get('/runs').query({ filter: 'metrics.val_accuracy > and' }).expect(400);
    expect(filter.body).toEqual({
      statusCode: 400,
      error: 'validation_failed',
      message: "Invalid filter: at position 23: expected a value (a number, 'text', true or false) but found 'and'",
      issues: [{ path: 'filter', message: "at position 23: expected a value (a number, 'text', true or false) but found 'and'" }],
      position: 23,
      expected: ["a value (a number, 'text', true or false)"],
    });
    const type = await http().get('/runs').query({ filter: "metrics.loss > 'low'" }).expect(400);
    expect(errorOf(type).message).toBe("Invalid filter: at position 15: metrics.loss holds numbers: compare it with a number, not 'low'");
    const sort = await http().get('/runs').query({ sort: 'loss desc' }).expect(400);
    expect(sort.body).toMatchObject({
      position: 0,
      message: "Invalid sort: at position 0: 'loss' is not a field: a field starts with params., metrics., tags. or attributes.",
    });
    await http().get('/runs').query({ limit: 0 }).expect(400);
  });

  it('404 for an experiment that has neither that id nor that name', async () => {
    const response = await http().get('/runs').query({ experiment: 'nope' }).expect(404);
    expect(errorOf(response).message).toBe("No experiment has the id or name 'nope'.");
    await http().get('/runs').query({ experiment: '00000000-0000-4000-8000-000000000000' }).expect(404);
  });

  it('treats quotes and SQL in values and keys as data', async () => {
    const before = await t.prisma.run.count();
    expect(await numbersOf("params.optimizer = 'adam''; DROP TABLE run; --'")).toEqual([]);
    expect(await numbersOf("params.`x' OR 1=1 --` = 1 or tags.`a\\`b` = 'c'")).toEqual([]);
    expect(await numbersOf("attributes.name like '%'' OR ''1''=''1'")).toEqual([]);
    expect(await t.prisma.run.count()).toBe(before);
  });
});
