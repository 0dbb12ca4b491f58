import request from 'supertest';
import { ZExperimentList } from '@atelier/domain';
import { seedExperiment, seedTrackedExperiment, type SeededExperiment } from './seed-trials';
import { startTestApp, type TestApp } from './test-app';

/** Tracked experiments (runs logged from code) beside searches: listed with the searches, refused by search-only routes. */
describe('tracked experiments in the search API (PostgreSQL)', () => {
  let t: TestApp;
  const http = () => request(t.app.getHttpServer());
  let search: SeededExperiment;
  let tracked: SeededExperiment;

  beforeAll(async () => {
    t = await startTestApp();
    search = await seedExperiment(t.prisma, {
      name: 'a search',
      createdAt: new Date(Date.UTC(2026, 11, 1)),
      trials: [{ number: 1, meanValAccuracy: 0.8, stdValAccuracy: 0.01 }],
    });
    tracked = await seedTrackedExperiment(t.prisma, {
      name: 'notebook runs',
      tags: { team: 'vision' },
      createdAt: new Date(Date.UTC(2026, 11, 2)),
      runs: [
        { status: 'completed', params: { lr: 0.1, 'optimizer.beta1': 0.9 } },
        { status: 'running', params: { lr: 0.01 } },
      ],
    });
  });
  afterAll(async () => {
    await t.close();
  });

  it('lists tracked experiments with the searches: kind tracked, no dataset or strategy, their tags and run counts', async () => {
    const list = ZExperimentList.parse((await http().get('/experiments').expect(200)).body);
    expect(list.items.map((e) => [e.name, e.kind])).toEqual([
      ['notebook runs', 'tracked'],
      ['a search', 'search'],
    ]);
    const [item, searched] = list.items;
    expect(item).toMatchObject({
      id: tracked.id,
      kind: 'tracked',
      dataset: null,
      strategy: null,
      tags: { team: 'vision' },
      status: 'running',
      trialCount: 2,
      bestTrial: null,
    });
    expect(item!.trialCounts).toMatchObject({ running: 1, completed: 1, queued: 0 });
    expect(searched).toMatchObject({ kind: 'search', dataset: 'fashion-mnist', strategy: { kind: 'grid' }, tags: {} });
    // search-only filters leave tracked experiments out; sorting by dataset puts them last
    expect(ZExperimentList.parse((await http().get('/experiments?dataset=fashion-mnist').expect(200)).body).items.map((e) => e.id)).toEqual([search.id]);
    expect(ZExperimentList.parse((await http().get('/experiments?strategy=grid').expect(200)).body).total).toBe(1);
    for (const order of ['asc', 'desc']) {
      const sorted = ZExperimentList.parse((await http().get(`/experiments?sort=dataset&order=${order}`).expect(200)).body);
      expect(sorted.items.map((e) => e.id)).toEqual([search.id, tracked.id]);
    }
    expect(ZExperimentList.parse((await http().get('/experiments?q=notebook').expect(200)).body).items.map((e) => e.id)).toEqual([tracked.id]);
  });

  it("answers 409 pointing to the runs for every search-only route of a tracked experiment, and changes nothing", async () => {
    const routes: [string, string][] = [
      ['GET', `/experiments/${tracked.id}`],
      ['GET', `/experiments/${tracked.id}/overview`],
      ['GET', `/experiments/${tracked.id}/metrics`],
      ['GET', `/experiments/${tracked.id}/leaderboard`],
      ['GET', `/experiments/${tracked.id}/trials`],
      ['GET', `/experiments/${tracked.id}/trials.csv`],
      ['POST', `/experiments/${tracked.id}/pause`],
      ['POST', `/experiments/${tracked.id}/resume`],
      ['POST', `/experiments/${tracked.id}/cancel`],
      ['POST', `/experiments/${tracked.id}/refit`],
    ];
    for (const [method, route] of routes) {
      const response = method === 'GET' ? await http().get(route) : await http().post(route);
      expect([route, response.status, response.body.error]).toEqual([route, 409, 'conflict']);
      expect(response.body.message).toContain(`GET /runs?experiment=${tracked.id}`);
    }
    const detail = await http().get(`/experiments/${tracked.id}`);
    expect(detail.body.message).toBe(
      `Experiment 'notebook runs' is a tracked experiment (runs logged from code), not a search: list its runs with GET /runs?experiment=${tracked.id}.`,
    );
    const row = await t.prisma.experiment.findUniqueOrThrow({ where: { id: tracked.id } });
    expect(row.status).toBe('running');
    // a run logged from code is not a trial of a search either
    await http().get(`/trials/${tracked.trialIds[0]}`).expect(404);
    await http().get(`/trials/${tracked.trialIds[0]}/folds/0/metrics`).expect(404);
    await http().get(`/compare?trials=${tracked.trialIds[0]}`).expect(404);
  });
});
