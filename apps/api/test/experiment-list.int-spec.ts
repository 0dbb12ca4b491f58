import { type TExperimentList, ZExperimentList } from '@atelier/domain';
import { seedExperiment, type SeededExperiment } from './seed-trials';
import { startTestApp, type TestApp, errorOf, type OpenApiDocument } from './test-app';

const minute = (n: number) => new Date(Date.UTC(2026, 10, 20, 12, n));

/**
 * Six experiments covering every sort key's ties and missing values:
 *
 * | key | name        | status    | dataset       | strategy | trials | best val. accuracy          | created | finished |
 * |-----|-------------|-----------|---------------|----------|--------|-----------------------------|---------|----------|
 * | A   | Alpha sweep | completed | fashion-mnist | grid     | 3      | 0.85 (recorded)             | 1       | 10       |
 * | B   | beta search | running   | mnist         | random   | 4      | 0.90 (recorded so far)      | 2       | —        |
 * | C   | Gamma ASHA  | completed | fashion-mnist | asha     | 2      | 0.88 (recorded; leader 0.95) | 3       | 30       |
 * | D   | delta       | queued    | mnist         | grid     | 2      | —                           | 4       | —        |
 * | E   | Epsilon     | failed    | fashion-mnist | grid     | 1      | —                           | 4       | 50       |
 * | F   | zeta random | cancelled | fashion-mnist | random   | 5      | 0.85 (recorded)             | 5       | 60       |
 *
 * D and E were created at the same instant: the id (descending) orders them.
 */
describe('GET /experiments: sorting, filtering and paging (PostgreSQL)', () => {
  let t: TestApp;
  const http = () => t.api;
  const seeded: Record<'A' | 'B' | 'C' | 'D' | 'E' | 'F', SeededExperiment> = {} as never;
  /** D and E, whose createdAt tie, in the order the tie-break (id descending) gives. */
  let DE: string[];

  const keyOf = (id: string) => Object.entries(seeded).find(([, e]) => e.id === id)?.[0] ?? id;
  async function list(query: string): Promise<TExperimentList> {
    return ZExperimentList.parse((await http().get(`/experiments${query}`).expect(200)).body);
  }
  async function order(query: string): Promise<string> {
    return (await list(query)).items.map((e) => keyOf(e.id)).join('');
  }

  beforeAll(async () => {
    t = await startTestApp();
    const strategy = { random: { kind: 'random', trials: 5 }, asha: { kind: 'asha', minEpochs: 1, maxEpochs: 9, reductionFactor: 3 } };
    seeded.A = await seedExperiment(t.prisma, {
      name: 'Alpha sweep',
      description: 'Baseline grid',
      status: 'completed',
      createdAt: minute(1),
      finishedAt: minute(10),
      trials: [0.8, 0.85, 0.83].map((meanValAccuracy, i) => ({ number: i + 1, meanValAccuracy, stdValAccuracy: 0.01 })),
    });
    seeded.B = await seedExperiment(t.prisma, {
      name: 'beta search',
      dataset: 'mnist',
      strategy: strategy.random,
      createdAt: minute(2),
      trials: [0.9, null, null, null].map((meanValAccuracy, i) => ({
        number: i + 1,
        status: i === 0 ? 'completed' : 'queued',
        meanValAccuracy,
      })),
    });
    seeded.C = await seedExperiment(t.prisma, {
      name: 'Gamma ASHA',
      description: 'Uses 100% of the data_set',
      status: 'completed',
      strategy: strategy.asha,
      createdAt: minute(3),
      finishedAt: minute(30),
      trials: [
        { number: 1, status: 'stopped', rung: 0, meanValAccuracy: 0.95, stdValAccuracy: 0.02 },
        { number: 2, status: 'completed', rung: 2, meanValAccuracy: 0.88, stdValAccuracy: 0.01 },
      ],
    });
    seeded.D = await seedExperiment(t.prisma, {
      name: 'delta',
      status: 'queued',
      dataset: 'mnist',
      createdAt: minute(4),
      trials: [1, 2].map((number) => ({ number, status: 'queued' })),
    });
    seeded.E = await seedExperiment(t.prisma, {
      name: 'Epsilon',
      status: 'failed',
      createdAt: minute(4),
      finishedAt: minute(50),
      trials: [{ number: 1, status: 'failed' }],
    });
    seeded.F = await seedExperiment(t.prisma, {
      name: 'zeta random',
      status: 'cancelled',
      strategy: strategy.random,
      createdAt: minute(5),
      finishedAt: minute(60),
      trials: [0.85, 0.6, 0.7, 0.5, null].map((meanValAccuracy, i) => ({ number: i + 1, meanValAccuracy })),
    });
    // the worker records the best trial so far at every settle; ASHA's is at the top rung, not the highest score
    await t.prisma.experiment.update({ where: { id: seeded.A.id }, data: { bestTrialId: seeded.A.trialIds[1]! } });
    await t.prisma.experiment.update({ where: { id: seeded.B.id }, data: { bestTrialId: seeded.B.trialIds[0]! } });
    await t.prisma.experiment.update({ where: { id: seeded.C.id }, data: { bestTrialId: seeded.C.trialIds[1]! } });
    await t.prisma.experiment.update({ where: { id: seeded.F.id }, data: { bestTrialId: seeded.F.trialIds[0]! } });
    DE = [seeded.D.id, seeded.E.id].sort().reverse().map(keyOf);
  });
  afterAll(async () => {
    await (t as TestApp | undefined)?.close(); // undefined when the setup failed
  });

  it('lists newest first by default, ties by id, with the recorded best trial', async () => {
    const all = await list('');
    expect(all.total).toBe(6);
    expect(all.items.map((e) => keyOf(e.id)).join('')).toBe(`F${DE.join('')}CBA`);
    const byKey = Object.fromEntries(all.items.map((e) => [keyOf(e.id), e]));
    expect(byKey.C!.bestTrial).toEqual({ id: seeded.C.trialIds[1], number: 2, meanValAccuracy: 0.88, stdValAccuracy: 0.01 });
    expect(byKey.B!.bestTrial).toMatchObject({ id: seeded.B.trialIds[0], number: 1, meanValAccuracy: 0.9 });
    expect(byKey.D!.bestTrial).toBeNull();
    expect(byKey.B).toMatchObject({ dataset: 'mnist', strategy: { kind: 'random' }, status: 'running', trialCount: 4, finishedAt: null });
    expect(byKey.B!.trialCounts).toMatchObject({ completed: 1, queued: 3, running: 0 });
    expect(byKey.C).toMatchObject({
      description: 'Uses 100% of the data_set',
      finishedAt: minute(30).toISOString(),
      createdAt: minute(3).toISOString(),
    });
  });

  describe('sorts by every key in both orders, ties by createdAt (newest first) then id', () => {
    const cases: [string, () => string, () => string][] = [
      ['createdAt', () => `ABC${DE.join('')}F`, () => `F${DE.join('')}CBA`],
      // case-insensitive
      ['name', () => 'ABDECF', () => 'FCEDBA'],
      // the lifecycle: queued, running, paused, completed, failed, cancelled
      ['status', () => 'DBCAEF', () => 'FECABD'],
      ['dataset', () => 'FECADB', () => 'DBFECA'],
      ['trialCount', () => 'EDCABF', () => 'FBADCE'],
      // the recorded best (C: 0.88, not its 0.95 leader); A and F tie at 0.85; D and E have none: last both ways
      ['bestValAccuracy', () => `FACB${DE.join('')}`, () => `BCFA${DE.join('')}`],
      // unfinished last both ways
      ['finishedAt', () => 'ACEFDB', () => 'FECADB'],
    ];
    it.each(cases)('%s', async (sort, asc, desc) => {
      expect(await order(`?sort=${sort}&order=asc`)).toBe(asc());
      expect(await order(`?sort=${sort}&order=desc`)).toBe(desc());
    });

    it('defaults to ascending for text columns and descending for dates, counts and scores', async () => {
      expect(await order('?sort=name')).toBe('ABDECF');
      expect(await order('?sort=dataset')).toBe('FECADB');
      expect(await order('?sort=bestValAccuracy')).toBe(`BCFA${DE.join('')}`);
      expect(await order('?sort=finishedAt')).toBe('FECADB');
      expect(await order('?sort=trialCount')).toBe('FBADCE');
    });
  });

  describe('filters', () => {
    it('by status: one, a comma-separated list, or the key repeated', async () => {
      expect(await order('?status=completed')).toBe('CA');
      expect(await order('?status=running,queued')).toBe('DB');
      expect(await order('?status=failed&status=cancelled')).toBe('FE');
      expect(await list('?status=paused')).toEqual({ total: 0, items: [] });
    });

    it('by dataset and by strategy', async () => {
      expect(await order('?dataset=mnist')).toBe('DB');
      expect(await order('?strategy=random')).toBe('FB');
      expect(await order('?strategy=asha')).toBe('C');
      expect(await order('?strategy=grid&sort=name')).toBe('ADE');
      expect((await list('?dataset=no-such-dataset')).total).toBe(0);
    });

    it('by text in the name or description, ignoring case, trimmed, wildcards taken literally', async () => {
      expect(await order('?q=SWEEP')).toBe('A');
      expect(await order('?q=baseline')).toBe('A');
      expect(await order(`?q=${encodeURIComponent('  asha ')}`)).toBe('C');
      // every name or description has an e (C's only in its description)
      expect(await order('?q=E')).toBe(`F${DE.join('')}CBA`);
      // % and _ are characters here: "a_s" would otherwise match "Alpha sweep" ("a s")
      expect(await order(`?q=${encodeURIComponent('100%')}`)).toBe('C');
      expect(await order('?q=a_s')).toBe('C');
      expect(await order(`?q=${encodeURIComponent('%')}`)).toBe('C');
      expect(await order('?q=')).toBe(`F${DE.join('')}CBA`);
      expect((await list('?q=nothing-like-this')).total).toBe(0);
    });

    it('combined, with a sort', async () => {
      expect(await order('?dataset=fashion-mnist&strategy=grid&status=completed,failed')).toBe('EA');
      expect(await order('?dataset=fashion-mnist&strategy=grid&status=completed,failed&q=eps')).toBe('E');
      expect(await order('?dataset=fashion-mnist&status=completed,cancelled,failed&sort=bestValAccuracy&order=desc')).toBe('CFAE');
      expect(await order('?dataset=mnist&strategy=asha')).toBe('');
    });
  });

  it('pages with the total of the matches, also past the end', async () => {
    const page = await list('?sort=name&limit=2&offset=2');
    expect(page.total).toBe(6);
    expect(page.items.map((e) => keyOf(e.id)).join('')).toBe('DE');
    const filtered = await list('?dataset=fashion-mnist&limit=3&offset=3');
    expect(filtered.total).toBe(4);
    expect(filtered.items.map((e) => keyOf(e.id))).toEqual(['A']);
    expect(await list('?offset=10')).toEqual({ total: 6, items: [] });
    expect(await list('?dataset=mnist&offset=10')).toEqual({ total: 2, items: [] });
    // pages of a sort with ties and missing values fit together
    const pages = await Promise.all([0, 2, 4].map((offset) => order(`?sort=bestValAccuracy&limit=2&offset=${offset}`)));
    expect(pages.join('')).toBe(`BCFA${DE.join('')}`);
  });

  it('answers 400 naming the parameter for a bad sort, order, strategy, status, search, dataset or an unknown key', async () => {
    const cases: [string, RegExp][] = [
      [
        'sort=bogus',
        /^Invalid query parameter: sort: sort must be one of: createdAt, name, status, dataset, trialCount, bestValAccuracy, finishedAt$/,
      ],
      ['order=up', /^Invalid query parameter: order: order must be 'asc' or 'desc'$/],
      ['strategy=x', /^Invalid query parameter: strategy: strategy must be one of: grid, random, asha, hyperband, tpe$/],
      [
        'status=nope',
        /^Invalid query parameter: status\[0\]: status must be one of: queued, running, paused, completed, failed, cancelled$/,
      ],
      ['status=running,nope', /^Invalid query parameter: status\[1\]: status must be one of/],
      [`q=${'x'.repeat(201)}`, /^Invalid query parameter: q: q must be at most 200 characters$/],
      ['dataset=Fashion%20MNIST', /^Invalid query parameter: dataset: dataset key must be lower-case letters, digits and dashes$/],
      [
        'colour=red',
        /^Invalid query parameter: unknown query parameter 'colour'; the list accepts: project, limit, offset, sort, order, status, dataset, strategy, q, include$/,
      ],
      ['sort=name&order=up&colour=red', /^(?=.*order: order must be 'asc' or 'desc')(?=.*unknown query parameter 'colour')/],
    ];
    for (const [query, message] of cases) {
      const response = await http().get(`/experiments?${query}`);
      expect({ query, status: response.status, error: errorOf(response).error }).toEqual({
        query,
        status: 400,
        error: 'validation_failed',
      });
      expect(errorOf(response).message).toMatch(message);
    }
  });

  it('documents every option of the list as a query parameter', async () => {
    const document = (await http().get('/docs/openapi.json').expect(200)).body as OpenApiDocument;
    const parameters = document.paths['/experiments']!.get!.parameters;
    expect(parameters.map((p) => p.name)).toEqual([
      'project',
      'limit',
      'offset',
      'sort',
      'order',
      'status',
      'dataset',
      'strategy',
      'q',
      'include',
    ]);
    expect(parameters.every((p) => !p.required)).toBe(true);
    expect(parameters.find((p) => p.name === 'order')!.description).toMatch(/asc for name, status and dataset/);
    expect(document.paths['/experiments']!.get!.description).toMatch(/Unknown query parameters are refused with 400/);
  });
});
