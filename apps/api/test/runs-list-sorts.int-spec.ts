import { Prisma } from '@atelier/db/client';
import { parseRunSort, ZRunList, type TRunDetail, type TRunSort, type TRunSummary } from '@atelier/domain';
import { startTestApp, type TestApp, errorOf } from './test-app';

/**
 * Every sort GET /runs accepts (issue 18: each an index walk, compileSortPhases) against the order
 * the API documents, worked out here in JavaScript from the runs' own fields: the runs with a value
 * by it, ties by id in the sort's direction, then the runs without one (a missing or NaN metric, a
 * null column, an absent tag) by id ascending. Each sort is read whole and page by page (pages of
 * 1, 2, 3 and 5), with and without a filter: every run once, in that order. Then the trigger-kept
 * tables (run_tag_sort, run_param_sort) against a recount after inserts, updates and deletes.
 */

const SORTS = [
  'attributes.created desc',
  'attributes.created asc',
  'attributes.started desc',
  'attributes.started asc',
  'attributes.finished desc',
  'attributes.lastSeen desc',
  'attributes.lastSeen asc',
  'attributes.name asc',
  'attributes.name desc',
  'attributes.number desc',
  'attributes.number asc',
  'attributes.id asc',
  'attributes.id desc',
  'attributes.status asc',
  'attributes.status desc',
  'attributes.source asc',
  'attributes.source desc',
  'attributes.experiment asc',
  'attributes.experiment desc',
  'metrics.loss desc',
  'metrics.loss.last asc',
  'metrics.loss.min asc',
  'metrics.loss.min desc',
  'metrics.loss.max desc',
  'metrics.loss.max asc',
  'tags.user asc',
  'tags.user desc',
  'tags.team desc',
  'params.layers asc',
  'params.layers desc',
];

// the last ones bound a sort of their own field (compileSortPhases says them again on the walked column)
const FILTERS = [
  null,
  "tags.team = 'vision'",
  "attributes.status = 'completed'",
  'params.layers >= 3',
  "tags.user in ('u0', 'u2')",
  'metrics.loss.min < 0.6 and params.layers = 1',
];

type Value = string | number | null;

/** The value a sort reads from a listed run: null where it has none. */
function valueOf(run: TRunSummary, sort: TRunSort): Value {
  const { field } = sort;
  switch (field.kind) {
    case 'metric': {
      const value = run.metrics[field.key]?.[field.aggregate];
      return typeof value === 'number' && !Number.isNaN(value) ? value : null;
    }
    case 'tag':
      return run.tags[field.key] ?? null;
    case 'param': {
      // numbers only here (runs-list-count.int-spec.ts sorts mixed types)
      const value = run.params[field.key];
      return typeof value === 'number' ? value : null;
    }
    case 'attribute': {
      const columns: Record<string, Value> = {
        id: run.id,
        name: run.name,
        number: run.number,
        status: run.status,
        source: run.source,
        experiment: run.experimentName,
        // ISO strings of one format order as the instants do
        created: run.createdAt,
        started: run.startedAt,
        finished: run.finishedAt,
        lastSeen: run.lastSeenAt,
      };
      return columns[field.name] ?? null;
    }
  }
}

const compare = (a: string | number, b: string | number) => (a < b ? -1 : a > b ? 1 : 0);

/** The documented order of `runs` under `sort`. */
function expectedOrder(runs: TRunSummary[], text: string, key: (run: TRunSummary) => number): number[] {
  const parsed = parseRunSort(text);
  if (!parsed.ok) throw new Error(parsed.error.message);
  const sort = parsed.value;
  const sign = sort.direction === 'desc' ? -1 : 1;
  return [...runs]
    .sort((a, b) => {
      const va = valueOf(a, sort);
      const vb = valueOf(b, sort);
      if (va === null || vb === null) {
        if (va !== null) return -1;
        if (vb !== null) return 1;
        return compare(a.id, b.id);
      }
      return sign * (compare(va, vb) || compare(a.id, b.id));
    })
    .map(key);
}

describe.each([
  ['walked in index order', {}],
  // every phase as PostgreSQL reads it when a walk runs out of time: through the filter, then sorted
  ['read through the filter (ATELIER_RUN_LIST_WALK_MS=0)', { ATELIER_RUN_LIST_WALK_MS: '0' }],
])('GET /runs: every sort in its documented order, paged without gaps or repeats, %s (PostgreSQL)', (_, env) => {
  let t: TestApp;
  let all: TRunSummary[] = [];

  async function list(query: Record<string, string | number>) {
    const response = await t.api.get('/runs').query(query);
    expect([response.status, errorOf(response).message]).toEqual([200, undefined]);
    return ZRunList.parse(response.body);
  }

  /** Every page of the query, following nextCursor, as the runs' keys. */
  async function pages(query: Record<string, string | number>): Promise<number[][]> {
    const seen: number[][] = [];
    let cursor: string | null = null;
    do {
      const page = await list(cursor ? { ...query, cursor } : query);
      seen.push(page.items.map(key));
      cursor = page.nextCursor;
    } while (cursor && seen.length < 100);
    return seen;
  }

  // a run's key: the order it was created in (1..12; 'sorts-a' numbers its runs 1..6 again), 101 for the trial
  const numberOffset = new Map<string, number>();
  const key = (run: TRunSummary) => run.number + numberOffset.get(run.experimentId)!;

  beforeAll(async () => {
    t = await startTestApp(env);
    // runs 1..12 over two tracked experiments ('sorts-b' before 'sorts-a' in creation, after it by name)
    const created: TRunDetail[] = [];
    for (let n = 1; n <= 12; n++) {
      const tags: Record<string, string> = {};
      if (n % 5 !== 0) tags.user = `u${n % 3}`;
      if (n % 2 === 0) tags.team = n % 4 === 0 ? 'vision' : 'nlp';
      const response = await t.api
        .post('/runs')
        .send({
          experiment: n <= 6 ? 'sorts-b' : 'sorts-a',
          ...(n % 4 === 0 ? {} : { name: `run-${n % 3}` }),
          params: { layers: n % 5 },
          tags,
        })
        .expect(201);
      created.push(response.body as TRunDetail);
    }
    // loss curves whose last, min and max differ, with ties, a NaN last, and runs without any
    const curves: Record<number, (number | 'NaN')[]> = {
      1: [0.9, 0.5, 0.7],
      2: [0.5, 0.6],
      3: [0.8, 0.5, 0.5],
      4: [0.7, 'NaN'],
      6: [0.4],
      7: [1.2, 0.3, 0.9],
      8: ['NaN'],
      9: [0.9, 0.9],
      11: [0.6, 0.2, 0.6],
    };
    for (const [n, values] of Object.entries(curves)) {
      await t.api
        .post(`/runs/${created[Number(n) - 1]!.id}/log`)
        .send({ metrics: values.map((value, step) => ({ key: 'loss', value, step })) })
        .expect(200);
    }
    // the attributes, with ties and nulls, set in SQL (timestamps a log or a PATCH would set to now)
    const ids = created.map((run) => run.id);
    await t.prisma.$executeRaw`
      UPDATE run r SET
        created_at = timestamptz '2026-01-01' + make_interval(mins => (a.n % 4)::int),
        started_at = CASE WHEN a.n % 6 = 5 THEN NULL ELSE timestamptz '2026-01-02' + make_interval(mins => (a.n % 3)::int) END,
        finished_at = CASE WHEN a.n % 3 = 0 THEN NULL ELSE timestamptz '2026-01-03' + make_interval(mins => (a.n % 5)::int) END,
        last_seen_at = CASE WHEN a.n = 10 THEN NULL WHEN a.n = 2 THEN now() - interval '1 day'
                            ELSE timestamptz '2026-01-04' + make_interval(mins => (a.n % 2)::int) END,
        status = (ARRAY['completed', 'running', 'running', 'failed', 'queued', 'completed', 'cancelled', 'completed', 'running', 'failed', 'completed', 'completed'])[a.n]
        FROM unnest(${ids}::uuid[]) WITH ORDINALITY AS a(id, n)
       WHERE r.id = a.id`;
    // run 3 and 9 running and heard from now; run 2 running but silent for a day: lost
    await t.prisma.$executeRaw`UPDATE run SET last_seen_at = now() WHERE id = ANY(${[ids[2]!, ids[8]!]}::uuid[])`;
    // a search's trial (source 'search'), in the same project
    const [project] = await t.prisma.$queryRaw<[{ projectId: string }]>`
      SELECT project_id AS "projectId" FROM experiment WHERE id = ${created[0]!.experimentId}::uuid`;
    const search = await t.prisma.experiment.create({
      data: {
        projectId: project.projectId,
        name: 'sorts-s',
        status: 'completed',
        strategy: { kind: 'grid' },
        space: {},
        validation: {},
        seed: 1,
      },
    });
    await t.prisma.$executeRaw`
      INSERT INTO run (id, experiment_id, number, name, status, params, tags, created_at)
      VALUES (gen_random_uuid(), ${search.id}::uuid, 1, 'trial', 'completed', '{"layers": 4}', '{"user": "u1", "team": "vision"}',
              timestamptz '2026-01-01 00:02')`;
    numberOffset.set(created[0]!.experimentId, 0);
    numberOffset.set(created[6]!.experimentId, 6);
    numberOffset.set(search.id, 100);
    all = (await list({ limit: 100 })).items;
    expect(all).toHaveLength(13);
    expect(all.map((run) => run.status).sort()).toEqual(
      [
        'cancelled',
        'completed',
        'completed',
        'completed',
        'completed',
        'completed',
        'completed',
        'failed',
        'failed',
        'lost',
        'queued',
        'running',
        'running',
      ].sort(),
    );
  });
  afterAll(async () => {
    await (t as TestApp | undefined)?.close(); // undefined when the setup failed
  });

  it.each(SORTS)('%s: the documented order, whole and page by page, with and without a filter', async (sort) => {
    for (const filter of FILTERS) {
      const query = { sort, ...(filter ? { filter } : {}) };
      const matching = filter ? (await list({ filter, limit: 100 })).items : all;
      const expected = expectedOrder(matching, sort, key);
      const whole = (await list({ ...query, limit: 100 })).items.map(key);
      expect({ sort, filter, order: whole }).toEqual({ sort, filter, order: expected });
      for (const limit of [1, 2, 3, 5]) {
        const paged = await pages({ ...query, limit });
        expect(paged.every((page) => page.length === limit || page === paged.at(-1))).toBe(true);
        expect({ sort, filter, limit, order: paged.flat() }).toEqual({ sort, filter, limit, order: expected });
      }
    }
  });

  it('orders ties by id in the sort direction and puts runs without a value last by id, in both directions', async () => {
    const byId = (numbers: number[]) =>
      numbers
        .map((n) => all.find((run) => key(run) === n)!)
        .sort((a, b) => compare(a.id, b.id))
        .map(key);
    // loss min: 0.2 (11), 0.3 (7), 0.4 (6), 0.5 (1, 2, 3: ties), 0.7 (4), 0.9 (9); NaN (8) and none (5, 10, 12, trial) last
    const ascending = (await list({ sort: 'metrics.loss.min asc', limit: 100 })).items.map(key);
    expect(ascending.slice(0, 3)).toEqual([11, 7, 6]);
    expect(ascending.slice(3, 6)).toEqual(byId([1, 2, 3]));
    expect(ascending.slice(6, 8)).toEqual([4, 9]);
    expect(ascending.slice(8)).toEqual(byId([8, 5, 10, 12, 101]));
    const descending = (await list({ sort: 'metrics.loss.min desc', limit: 100 })).items.map(key);
    expect(descending.slice(0, 5)).toEqual([9, 4, ...byId([1, 2, 3]).reverse()]);
    expect(descending.slice(8)).toEqual(byId([8, 5, 10, 12, 101]));
    // max: 1.2 (7) first descending
    expect((await list({ sort: 'metrics.loss.max desc', limit: 1 })).items.map(key)).toEqual([7]);
    // status: cancelled, completed ×6, failed ×2, lost, queued, running ×2
    const statuses = (await list({ sort: 'attributes.status asc', limit: 100 })).items.map((run) => run.status);
    expect(statuses).toEqual([
      'cancelled',
      ...Array<string>(6).fill('completed'),
      'failed',
      'failed',
      'lost',
      'queued',
      'running',
      'running',
    ]);
    // source: the search's trial first ascending, last descending
    expect((await list({ sort: 'attributes.source asc', limit: 1 })).items.map(key)).toEqual([101]);
    expect((await list({ sort: 'attributes.source desc', limit: 100 })).items.map(key).at(-1)).toBe(101);
    // names: unnamed runs (4, 8, 12) last in both directions
    for (const direction of ['asc', 'desc']) {
      expect((await list({ sort: `attributes.name ${direction}`, limit: 100 })).items.map(key).slice(-3)).toEqual(byId([4, 8, 12]));
    }
  });
});

describe('run_tag_sort and run_param_sort: kept equal to a recount through inserts, updates and deletes (PostgreSQL)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await (t as TestApp | undefined)?.close(); // undefined when the setup failed
  });

  /** The kept rows and the same rows recounted from run.tags and run.params, independently of the triggers' functions. */
  async function keptAndRecounted() {
    const keptTags = await t.prisma.$queryRaw`SELECT run_id::text, key, value FROM run_tag_sort ORDER BY 1, 2`;
    const recountedTags = await t.prisma.$queryRaw`
      SELECT r.id::text AS run_id, t.key, r.tags ->> t.key AS value
        FROM run r, jsonb_object_keys(r.tags) AS t(key)
       WHERE r.tags ->> t.key IS NOT NULL ORDER BY 1, 2`;
    const keptParams = await t.prisma.$queryRaw`SELECT run_id::text, key, num, txt, bool FROM run_param_sort ORDER BY 1, 2`;
    const recountedParams = await t.prisma.$queryRaw`
      SELECT r.id::text AS run_id, p.key,
             CASE WHEN jsonb_typeof(r.params -> p.key) = 'number' THEN (r.params ->> p.key)::float8 END AS num,
             CASE WHEN jsonb_typeof(r.params -> p.key) = 'string' THEN r.params ->> p.key END AS txt,
             CASE WHEN jsonb_typeof(r.params -> p.key) = 'boolean' THEN (r.params ->> p.key)::boolean END AS bool
        FROM run r, jsonb_object_keys(r.params) AS p(key) ORDER BY 1, 2`;
    return { tags: { kept: keptTags, recounted: recountedTags }, params: { kept: keptParams, recounted: recountedParams } };
  }

  it('equals a recount after every step of a random sequence of writes', async () => {
    let seed = 20261209;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
    const keys = ['user', 'team', 'stage'];
    const values = ['a', 'b', 'c', 'vision'];
    const ids: string[] = [];
    // runs created through the API, still running: a log is accepted (a bulk insert's are completed)
    const logged: string[] = [];
    let paramKeys = 0;
    let experimentId = '';
    const steps: Record<string, () => Promise<unknown>> = {
      async create() {
        const tags = Object.fromEntries(keys.filter(() => next() < 0.6).map((k) => [k, pick(values)]));
        const response = await t.api
          .post('/runs')
          .send({ experiment: 'kept', params: { lr: next(), opt: pick(values) }, tags })
          .expect(201);
        experimentId = (response.body as TRunDetail).experimentId;
        ids.push((response.body as TRunDetail).id);
        logged.push((response.body as TRunDetail).id);
      },
      async patchTags() {
        const patch = Object.fromEntries(keys.filter(() => next() < 0.5).map((k) => [k, next() < 0.4 ? null : pick(values)]));
        await t.api
          .patch(`/runs/${pick(ids)}`)
          .send({ tags: patch })
          .expect(200);
      },
      async logTagsAndParams() {
        await t.api
          .post(`/runs/${pick(logged)}/log`)
          // a parameter a run holds cannot change (409): each log adds a new one
          .send({ tags: { [pick(keys)]: pick(values) }, params: { [`p${paramKeys++}`]: pick([1, 'x', true]) } })
          .expect(200);
      },
      async bulkInsert() {
        if (!experimentId) return;
        const base = 1000 + ids.length * 10;
        const inserted = await t.prisma.$queryRaw<{ id: string }[]>`
          INSERT INTO run (id, experiment_id, number, status, params, tags)
          SELECT gen_random_uuid(), ${experimentId}::uuid, ${base}::int + n, 'completed',
                 jsonb_build_object('lr', n * 0.1, 'opt', 'bulk'), jsonb_build_object('user', 'u' || n, 'team', CASE WHEN n % 2 = 0 THEN 'vision' END)
            FROM generate_series(1, 3) AS n
          RETURNING id::text`;
        ids.push(...inserted.map((row) => row.id));
      },
      async sqlUpdate() {
        // a write that replaces the documents (a migration, an import)
        await t.prisma.$executeRaw`
          UPDATE run SET tags = jsonb_build_object('stage', ${pick(values)}::text), params = params - 'opt'
           WHERE id = ${pick(ids)}::uuid`;
      },
      async remove() {
        if (ids.length < 4) return;
        const id = ids.splice(Math.floor(next() * ids.length), 1)[0]!;
        if (logged.includes(id) && logged.length === 1) return void ids.push(id);
        logged.splice(logged.indexOf(id) >>> 0, logged.includes(id) ? 1 : 0);
        await t.prisma.run.delete({ where: { id } });
      },
    };
    const names = Object.keys(steps);
    await steps.create!();
    await steps.create!();
    const done: string[] = [];
    for (let i = 0; i < 40; i++) {
      const name = pick(names);
      await steps[name]!();
      done.push(name);
      const { tags, params } = await keptAndRecounted();
      expect({ after: done.join(' '), rows: tags.kept }).toEqual({ after: done.join(' '), rows: tags.recounted });
      expect({ after: done.join(' '), rows: params.kept }).toEqual({ after: done.join(' '), rows: params.recounted });
    }
    expect(new Set(done).size).toBe(names.length);
    expect(((await keptAndRecounted()).tags.kept as unknown[]).length).toBeGreaterThan(5);
  });
});

describe('GET /runs: a walk out of its time reads the phase through the filter instead (PostgreSQL)', () => {
  let t: TestApp;

  beforeAll(async () => {
    // 1 ms to walk: walking 20,000 runs for the matches of a filter takes longer
    t = await startTestApp({ ATELIER_RUN_LIST_WALK_MS: '1' });
    const created = await t.api
      .post('/runs')
      .send({ experiment: 'walked', params: { layers: 0 }, tags: { user: 'u0' } })
      .expect(201);
    await t.prisma.$executeRaw`
      INSERT INTO run (id, experiment_id, number, status, params, tags, created_at)
      SELECT gen_random_uuid(), ${(created.body as TRunDetail).experimentId}::uuid, n, CASE WHEN n % 4 = 3 THEN 'failed' ELSE 'completed' END,
             jsonb_build_object('layers', n % 7), jsonb_build_object('user', 'u' || (n % 20)), now() - make_interval(secs => n)
        FROM generate_series(2, 20001) AS n`;
  });
  afterAll(async () => {
    await (t as TestApp | undefined)?.close(); // undefined when the setup failed
  });

  it('answers the same page, in order, whether a phase was walked or read', async () => {
    // every run of u7 failed (7 % 4 = 3): sorted by status, the 'completed' phase has none of them
    const cases: [string, string][] = [
      ["tags.user = 'u7'", 'attributes.status asc'],
      ["attributes.status = 'failed'", 'tags.user asc'],
      ['params.layers = 3', 'attributes.created desc'],
      ["attributes.status = 'failed'", 'params.layers desc'],
    ];
    for (const [filter, sort] of cases) {
      for (let i = 0; i < 5; i++) {
        const response = await t.api.get('/runs').query({ filter, sort, limit: 50 });
        expect([response.status, errorOf(response).message]).toEqual([200, undefined]);
        const items = ZRunList.parse(response.body).items;
        expect(items).toHaveLength(50);
        const expected = await t.prisma.$queryRaw<{ id: string }[]>`
          SELECT r.id::text FROM run r
           WHERE ${filter.startsWith('tags') ? Prisma.sql`r.tags ->> 'user' = 'u7'` : filter.startsWith('attributes') ? Prisma.sql`r.status = 'failed'` : Prisma.sql`r.params ->> 'layers' = '3'`}
           ORDER BY ${sort.startsWith('attributes.status') ? Prisma.sql`r.status, r.id` : sort.startsWith('tags') ? Prisma.sql`r.tags ->> 'user', r.id` : sort.startsWith('params') ? Prisma.sql`(r.params ->> 'layers')::float8 DESC, r.id DESC` : Prisma.sql`r.created_at DESC, r.id DESC`}
           LIMIT 50`;
        expect({ filter, sort, ids: items.map((item) => item.id) }).toEqual({ filter, sort, ids: expected.map((row) => row.id) });
      }
    }
  });
});
