import { ZAnyExperimentDetail, ZExperimentList, ZRunDetail, ZTrackedExperimentDetail, type TRunDetail } from '@atelier/domain';
import { seedExperiment, seedTrackedExperiment, type SeededExperiment } from './seed-trials';
import { startTestApp, type TestApp, errorOf, type OpenApiDocument } from './test-app';

/**
 * Tracked experiments (runs logged from code) beside searches: listed with the searches, read by
 * GET /experiments/:id, refused by the search-only routes, their status following their runs.
 */
describe('tracked experiments in the search API (PostgreSQL)', () => {
  let t: TestApp;
  const http = () => t.api;
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
    expect(ZExperimentList.parse((await http().get('/experiments?dataset=fashion-mnist').expect(200)).body).items.map((e) => e.id)).toEqual(
      [search.id],
    );
    expect(ZExperimentList.parse((await http().get('/experiments?strategy=grid').expect(200)).body).total).toBe(1);
    for (const order of ['asc', 'desc']) {
      const sorted = ZExperimentList.parse((await http().get(`/experiments?sort=dataset&order=${order}`).expect(200)).body);
      expect(sorted.items.map((e) => e.id)).toEqual([search.id, tracked.id]);
    }
    expect(ZExperimentList.parse((await http().get('/experiments?q=notebook').expect(200)).body).items.map((e) => e.id)).toEqual([
      tracked.id,
    ]);
  });

  it('reads a tracked experiment with GET /experiments/:id: its summary, notes, tags and run counts', async () => {
    await t.prisma.experiment.update({
      where: { id: tracked.id },
      data: { notes: 'Baselines for **v2**.', description: 'from the notebook' },
    });
    const response = await http().get(`/experiments/${tracked.id}`).expect(200);
    const detail = ZTrackedExperimentDetail.parse(response.body);
    expect(ZAnyExperimentDetail.parse(response.body).kind).toBe('tracked');
    expect(detail).toMatchObject({
      id: tracked.id,
      kind: 'tracked',
      name: 'notebook runs',
      description: 'from the notebook',
      notes: 'Baselines for **v2**.',
      dataset: null,
      strategy: null,
      tags: { team: 'vision' },
      status: 'running',
      trialCount: 2,
      bestTrial: null,
      finishedAt: null,
      createdAt: new Date(Date.UTC(2026, 11, 2)).toISOString(),
    });
    expect(detail.runCounts).toEqual({
      queued: 0,
      running: 1,
      paused: 0,
      waiting: 0,
      stopped: 0,
      completed: 1,
      failed: 0,
      cancelled: 0,
      lost: 0,
    });
    expect(detail.trialCounts).toMatchObject({ running: 1, completed: 1, queued: 0 });
    // the list row is the same summary
    const row = ZExperimentList.parse((await http().get('/experiments').expect(200)).body).items.find((e) => e.id === tracked.id)!;
    const { notes: _notes, runCounts: _runCounts, lastSeenAt: _lastSeenAt, ...summary } = detail;
    expect(row).toEqual(summary);
    await http().get('/experiments/00000000-0000-4000-8000-000000000000').expect(404);
    await http().get('/experiments/not-an-id').expect(400);
  });

  it('documents GET /experiments/{id} as either kind, and PATCH /experiments/{id}', async () => {
    const document = (await http().get('/docs/openapi.json').expect(200)).body as OpenApiDocument;
    const get = document.paths['/experiments/{id}']!.get!;
    expect(get.responses['200']!.content['application/json']!.schema).toEqual({ $ref: '#/components/schemas/AnyExperimentDetail' });
    const either = document.components.schemas.AnyExperimentDetail!;
    expect(either.oneOf ?? either.anyOf).toEqual([
      { $ref: '#/components/schemas/ExperimentDetail' },
      { $ref: '#/components/schemas/TrackedExperimentDetail' },
    ]);
    expect(document.components.schemas.TrackedExperimentDetail!.properties.kind).toMatchObject({ const: 'tracked' });
    const patch = document.paths['/experiments/{id}']!.patch!;
    expect(patch.requestBody.content['application/json']!.schema).toEqual({ $ref: '#/components/schemas/UpdateExperimentRequestInput' });
    expect(Object.keys(patch.responses).sort()).toEqual(['200', '400', '401', '403', '404', '409']);
  });

  it('answers 409 pointing to the runs for every search-only route of a tracked experiment, and changes nothing', async () => {
    const routes: [string, string][] = [
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
      expect([route, response.status, errorOf(response).error]).toEqual([route, 409, 'conflict']);
      expect(errorOf(response).message).toContain(`GET /runs?experiment=${tracked.id}`);
    }
    const overview = await http().get(`/experiments/${tracked.id}/overview`);
    expect(errorOf(overview).message).toBe(
      `Experiment 'notebook runs' is a tracked experiment (runs logged from code), not a search: list its runs with GET /runs?experiment=${tracked.id}.`,
    );
    const row = await t.prisma.experiment.findUniqueOrThrow({ where: { id: tracked.id } });
    expect(row.status).toBe('running');
    // a run logged from code is not a trial of a search either
    await http().get(`/trials/${tracked.trialIds[0]}`).expect(404);
    await http().get(`/trials/${tracked.trialIds[0]}/folds/0/metrics`).expect(404);
    await http().get(`/compare?trials=${tracked.trialIds[0]}`).expect(404);
  });

  describe("a tracked experiment's status follows its runs", () => {
    async function createRun(experiment: string): Promise<TRunDetail> {
      return ZRunDetail.parse((await http().post('/runs').send({ experiment }).expect(201)).body);
    }
    const log = (run: TRunDetail, step = 0) =>
      http()
        .post(`/runs/${run.id}/log`)
        .send({ metrics: [{ key: 'loss', value: 1 / (step + 1), step }] })
        .expect(200);
    const end = (run: TRunDetail, status: 'finished' | 'failed' | 'killed') => http().patch(`/runs/${run.id}`).send({ status }).expect(200);
    const detailOf = async (id: string) => ZTrackedExperimentDetail.parse((await http().get(`/experiments/${id}`).expect(200)).body);
    /** The experiment as the list shows it, and whether each status filter finds it. */
    async function listed(id: string) {
      const row = ZExperimentList.parse((await http().get('/experiments').query({ limit: 100 }).expect(200)).body).items.find(
        (e) => e.id === id,
      )!;
      const filtered: string[] = [];
      for (const status of ['queued', 'running', 'completed', 'failed', 'cancelled']) {
        const page = ZExperimentList.parse((await http().get('/experiments').query({ status, limit: 100 }).expect(200)).body);
        if (page.items.some((e) => e.id === id)) filtered.push(status);
      }
      return { status: row.status, finishedAt: row.finishedAt, filtered };
    }
    /** Detail, list row and status filter agree on the status: the one the test expects. */
    async function expectStatus(id: string, status: string) {
      const detail = await detailOf(id);
      const list = await listed(id);
      expect({ detail: detail.status, list: list.status, filtered: list.filtered }).toEqual({
        detail: status,
        list: status,
        filtered: [status],
      });
      return detail;
    }

    it('is queued until a run logs, running while one runs, completed once all finished', async () => {
      const first = await createRun('status: finishing');
      const experimentId = first.experimentId;
      await expectStatus(experimentId, 'queued');
      await log(first);
      const running = await expectStatus(experimentId, 'running');
      expect(running.finishedAt).toBeNull();
      const second = await createRun('status: finishing');
      await log(second);
      await end(first, 'finished');
      // one run still going: the experiment is too
      await expectStatus(experimentId, 'running');
      await end(second, 'failed');
      const completed = await expectStatus(experimentId, 'completed');
      const secondEnded = (await t.prisma.run.findUniqueOrThrow({ where: { id: second.id } })).finishedAt!;
      expect(completed.finishedAt).toBe(secondEnded.toISOString());
      expect((await listed(experimentId)).finishedAt).toBe(secondEnded.toISOString());
      expect(completed.runCounts).toMatchObject({ completed: 1, failed: 1, running: 0 });
      // a new run logging makes it running again: the status is read from the runs, not stored
      const third = await createRun('status: finishing');
      await expectStatus(experimentId, 'completed');
      await log(third);
      await expectStatus(experimentId, 'running');
      expect((await t.prisma.experiment.findUniqueOrThrow({ where: { id: experimentId } })).status).toBe('running');
    });

    it('is failed when every run failed, cancelled when every run was killed', async () => {
      const failing = await createRun('status: failing');
      await log(failing);
      await end(failing, 'failed');
      await expectStatus(failing.experimentId, 'failed');
      const killed = await createRun('status: killed');
      await end(killed, 'killed');
      await expectStatus(killed.experimentId, 'cancelled');
    });

    it('is not running for a run gone silent (lost): failed, and running again when it logs', async () => {
      const silent = await createRun('status: silent');
      await log(silent);
      await expectStatus(silent.experimentId, 'running');
      const silentSince = new Date(Date.now() - (t.config.ATELIER_RUN_LOST_AFTER_SECONDS + 5) * 1000);
      await t.prisma.run.update({ where: { id: silent.id }, data: { lastSeenAt: silentSince } });
      const lost = await expectStatus(silent.experimentId, 'failed');
      expect(lost.runCounts).toMatchObject({ running: 0, lost: 1 });
      // as stored it still runs: the list's counts of stored statuses say so, the shown ones do not
      expect(lost.trialCounts.running).toBe(1);
      expect(lost.finishedAt).toBe(silentSince.toISOString());
      expect(lost.lastSeenAt).toBe(silentSince.toISOString());
      await log(silent, 1);
      await expectStatus(silent.experimentId, 'running');
    });

    it('sorts by the status shown, in lifecycle order', async () => {
      const page = ZExperimentList.parse(
        (await http().get('/experiments').query({ sort: 'status', order: 'asc', limit: 100 }).expect(200)).body,
      );
      const order = ['queued', 'running', 'paused', 'completed', 'failed', 'cancelled'];
      const ranks = page.items.map((e) => order.indexOf(e.status));
      expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
      expect(page.items.filter((e) => e.kind === 'tracked').length).toBeGreaterThan(3);
    });
  });
});
