import { seedExperiment } from './seed-trials';
import { startTestApp, type TestApp, errorOf, minimalSearch } from './test-app';

const REQUEST = minimalSearch({ name: 'no redis' });

describe('the API without Redis', () => {
  let t: TestApp;
  beforeAll(async () => {
    // nothing listens on port 1: the API must still start, report it, and refuse to half-create
    t = await startTestApp({ REDIS_URL: 'redis://127.0.0.1:1', ATELIER_CORS_ORIGINS: 'http://web.example, http://localhost:5173' });
  });
  afterAll(async () => {
    await (t as TestApp | undefined)?.close(); // undefined when the setup failed
  });

  it('reports degraded health with 503, naming the failing dependency', async () => {
    const response = await t.api.get('/health');
    expect(response.status).toBe(503);
    expect(response.body).toMatchObject({ status: 'degraded', postgres: { ok: true }, redis: { ok: false } });
    expect(typeof (response.body as { redis: { error?: string } }).redis.error).toBe('string');
  });

  it('answers 503 to a create, and stores nothing', async () => {
    const response = await t.api.post('/experiments').send(REQUEST);
    expect(response.status).toBe(503);
    expect(errorOf(response).message).toMatch(/^The training queue is unavailable \(.*\), so the experiment was not created/);
    expect(await t.prisma.experiment.count()).toBe(0);
    expect(await t.prisma.run.count()).toBe(0);
  });

  it('answers 503 at once to pause, cancel and a live stream, and changes nothing', async () => {
    const search = await seedExperiment(t.prisma, { name: 'running without redis', trials: [{ number: 1, status: 'running' }] });
    for (const action of ['pause', 'cancel'] as const) {
      const started = Date.now();
      const response = await t.api.post(`/experiments/${search.id}/${action}`);
      expect([action, response.status]).toEqual([action, 503]);
      expect(Date.now() - started).toBeLessThan(1500);
      expect(errorOf(response).message).toMatch(
        new RegExp(
          `^The training queue is unavailable \\(Redis is \\w+\\), so the experiment was not ${action === 'pause' ? 'paused' : 'cancelled'}: it keeps running`,
        ),
      );
    }
    expect((await t.prisma.experiment.findUniqueOrThrow({ where: { id: search.id } })).status).toBe('running');
    expect((await t.prisma.run.findMany({ where: { experimentId: search.id } })).map((run) => run.status)).toEqual(['running']);
    const stream = await t.api.get(`/experiments/${search.id}/events`);
    expect(stream.status).toBe(503);
    expect(errorOf(stream).message).toMatch(/^Live progress is unavailable \(Redis is \w+\)/);
  });

  it("allows the origins of ATELIER_CORS_ORIGINS and no other, preflight included for the SDK's JSON POSTs with a token", async () => {
    const allowed = await t.api.options('/experiments').set('origin', 'http://web.example').set('access-control-request-method', 'POST');
    expect(allowed.status).toBe(204);
    expect(allowed.headers['access-control-allow-origin']).toBe('http://web.example');
    const sdk = await t.api
      .options('/runs/00000000-0000-4000-8000-000000000000/log')
      .set('origin', 'http://localhost:5173')
      .set('access-control-request-method', 'POST')
      .set('access-control-request-headers', 'authorization,content-type');
    expect(sdk.status).toBe(204);
    expect(sdk.headers['access-control-allow-origin']).toBe('http://localhost:5173');
    expect(sdk.headers['access-control-allow-headers']?.split(',')).toEqual(expect.arrayContaining(['authorization', 'content-type']));
    expect(sdk.headers['access-control-allow-methods']).toContain('POST');
    const refused = await t.api.options('/runs').set('origin', 'http://evil.example').set('access-control-request-method', 'POST');
    expect(refused.headers['access-control-allow-origin']).toBeUndefined();
    const other = await t.api.get('/datasets').set('origin', 'http://evil.example');
    expect(other.headers['access-control-allow-origin']).toBeUndefined();
  });
});
