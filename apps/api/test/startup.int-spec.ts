import request from 'supertest';
import { startTestApp, type TestApp, errorOf } from './test-app';

const REQUEST = {
  name: 'no redis',
  dataset: 'mnist',
  space: { architecture: ['cnn-a'], batchSize: [32], epochs: [1], activation: ['relu'], optimizer: ['adam'], learningRate: [0.01], momentum: [0] },
};

describe('the API without Redis', () => {
  let t: TestApp;
  beforeAll(async () => {
    // nothing listens on port 1: the API must still start, report it, and refuse to half-create
    t = await startTestApp({ REDIS_URL: 'redis://127.0.0.1:1', CORS_ORIGIN: 'http://web.example' });
  });
  afterAll(async () => {
    await (t as TestApp | undefined)?.close(); // undefined when the setup failed
  });

  it('reports degraded health with 503, naming the failing dependency', async () => {
    const response = await request(t.app.getHttpServer()).get('/health');
    expect(response.status).toBe(503);
    expect(response.body).toMatchObject({ status: 'degraded', postgres: { ok: true }, redis: { ok: false } });
    expect(typeof (response.body as { redis: { error?: string } }).redis.error).toBe('string');
  });

  it('answers 503 to a create, and stores nothing', async () => {
    const response = await request(t.app.getHttpServer()).post('/experiments').send(REQUEST);
    expect(response.status).toBe(503);
    expect(errorOf(response).message).toMatch(/^The training queue is unavailable \(.*\), so the experiment was not created/);
    expect(await t.prisma.experiment.count()).toBe(0);
    expect(await t.prisma.run.count()).toBe(0);
  });

  it('allows CORS_ORIGIN and no other origin', async () => {
    const allowed = await request(t.app.getHttpServer())
      .options('/experiments')
      .set('origin', 'http://web.example')
      .set('access-control-request-method', 'POST');
    expect(allowed.status).toBe(204);
    expect(allowed.headers['access-control-allow-origin']).toBe('http://web.example');
    const other = await request(t.app.getHttpServer()).get('/datasets').set('origin', 'http://evil.example');
    expect(other.headers['access-control-allow-origin']).toBeUndefined();
  });
});
