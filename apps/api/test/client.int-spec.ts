import { createAtelierClient, type ApiError, type AtelierClient } from '@atelier/client';
import { startTestApp, TEST_ADMIN, type TestApp } from './test-app';

/**
 * @atelier/client against the real API: what the SDK and the CLI will do (create a run, log to
 * it, store a file, end it, find it again), through the generated types and the domain parsing.
 */
describe('the typed client against the API (PostgreSQL + Redis)', () => {
  let t: TestApp;
  let api: AtelierClient;
  beforeAll(async () => {
    t = await startTestApp();
    api = createAtelierClient({ baseUrl: t.url, token: TEST_ADMIN.token });
  });
  afterAll(async () => {
    await t.close();
  });

  it('creates a run, logs a batch, stores a file, ends the run and lists it by a parameter', async () => {
    const run = await api.createRun({ experiment: 'client-check', name: 'baseline', params: { lr: 0.01, optimizer: { name: 'adam' } } });
    expect(run.params).toEqual({ lr: 0.01, 'optimizer.name': 'adam' });

    const receipt = await api.logRun(run.id, {
      metrics: [
        { key: 'loss', value: 0.5, step: 1 },
        { key: 'loss', value: 'NaN', step: 2 },
      ],
    });
    expect([receipt.points, receipt.status]).toEqual([2, 'running']);

    const [artifact] = await api.logArtifacts(run.id, [
      { path: 'notes/summary.txt', content: new Blob(['hello'], { type: 'text/plain' }) },
    ]);
    expect([artifact?.name, artifact?.sizeBytes]).toEqual(['notes/summary.txt', 5]);
    const file = await api.download(api.downloadUrls.runArtifact(run.id, artifact!.id));
    expect(await file.text()).toBe('hello');

    const ended = await api.updateRun(run.id, { status: 'finished', notes: '# done' });
    expect(ended.notes).toBe('# done');

    const metrics = await api.getRunMetrics(run.id, { keys: ['loss'] });
    expect(metrics.series[0]?.points.map((p) => p.value)).toEqual([0.5, 'NaN']);

    const page = await api.listRuns({ experiment: 'client-check', filter: "params.optimizer.name = 'adam'" });
    expect(page.items.map((r) => r.id)).toEqual([run.id]);
  });

  it("throws the API's error, with the position of a refused filter and the issues of a refused body", async () => {
    const badFilter = (await api.listRuns({ filter: 'params.lr >' }).catch((e: unknown) => e)) as ApiError;
    expect([badFilter.status, badFilter.kind, typeof badFilter.position]).toEqual([400, 'http', 'number']);

    const badBody = (await api.createRun({ experiment: '' }).catch((e: unknown) => e)) as ApiError;
    expect(badBody.status).toBe(400);
    expect(badBody.issues?.map((issue) => issue.path)).toContain('experiment');

    const missing = (await api.getRun('00000000-0000-4000-8000-000000000000').catch((e: unknown) => e)) as ApiError;
    expect(missing.isNotFound).toBe(true);
  });

  it('reports an API that is not listening as a network failure', async () => {
    const down = createAtelierClient({ baseUrl: 'http://127.0.0.1:1' });
    await expect(down.listExperiments()).rejects.toMatchObject({ status: 503, kind: 'network', code: 'api_unreachable' });
  });
});
