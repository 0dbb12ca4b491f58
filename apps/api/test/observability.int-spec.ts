import { Writable } from 'node:stream';
import { JOB_NAMES, type TTrainFoldJob, ZExperimentDetail } from '@atelier/domain';
import { minimalSearch, startTestApp, type TestApp } from './test-app';

/** Value of one Prometheus sample line (`name{labels} value`), or undefined. */
function sample(text: string, name: string, labels: Record<string, string>): number | undefined {
  for (const line of text.split('\n')) {
    if (!line.startsWith(`${name}{`)) continue;
    if (Object.entries(labels).every(([key, value]) => line.includes(`${key}="${value}"`)))
      return Number(line.slice(line.lastIndexOf(' ') + 1));
  }
  return undefined;
}

describe('API logs and metrics (PostgreSQL + Redis)', () => {
  let t: TestApp;
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(...chunk.toString().split('\n').filter(Boolean));
      done();
    },
  });
  const http = () => t.api;
  const logged = () => lines.map((line) => JSON.parse(line) as Record<string, unknown>);

  beforeAll(async () => {
    t = await startTestApp({ LOG_LEVEL: 'info' }, { logDestination: destination });
  });
  afterAll(async () => {
    await (t as TestApp | undefined)?.close(); // undefined when the setup failed
  });

  it('logs JSON lines from boot on, one per request with its id, and no credentials', async () => {
    expect(logged().some((line) => line.service === 'atelier-api' && typeof line.msg === 'string' && line.time)).toBe(true);
    const response = await http()
      .get('/architectures?token=query-secret')
      .set('authorization', 'Bearer header-secret')
      .set('cookie', 'session=cookie-secret')
      .set('x-request-id', 'req-obs-1');
    expect(response.headers['x-request-id']).toBe('req-obs-1');
    const line = logged().find((entry) => entry.requestId === 'req-obs-1');
    expect(line).toMatchObject({
      level: response.status >= 400 ? 'warn' : 'info',
      request: { method: 'GET', url: '/architectures?token=[redacted]' },
      response: { statusCode: response.status },
    });
    expect(typeof line?.durationMs).toBe('number');
    expect(lines.join('\n')).not.toMatch(/query-secret|header-secret|cookie-secret/);
  });

  it('makes up a request id when the caller sends none or a malformed one', async () => {
    const fresh = await http().get('/health/live').expect(200);
    expect(fresh.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(fresh.body).toEqual({ status: 'ok' });
    const forged = await http().get('/health/live').set('x-request-id', 'a b {"level":"error"}');
    expect(forged.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('puts the request id into the training jobs the request queues', async () => {
    const response = await http()
      .post('/experiments')
      .set('x-request-id', 'req-obs-launch')
      .send(
        minimalSearch({
          name: 'request id',
          space: { architecture: ['mlp'], momentum: [0.9] },
          validation: { kind: 'kfold', folds: 2 },
          trainingSlice: 500,
          seed: 1,
        }),
      );
    expect(response.status).toBe(201);
    const experiment = ZExperimentDetail.parse(response.body);
    const jobs = await t.queue.getJobs(['wait', 'prioritized']);
    const mine = jobs.filter((job) => job.name === JOB_NAMES.trainFold && (job.data as TTrainFoldJob).experimentId === experiment.id);
    expect(mine).toHaveLength(2);
    expect(mine.map((job) => (job.data as TTrainFoldJob).requestId)).toEqual(['req-obs-launch', 'req-obs-launch']);
  });

  it('exports request durations by route pattern and status, the queue by state, SSE clients and process metrics', async () => {
    await http().get('/experiments/00000000-0000-4000-8000-00000000dead').expect(404);
    const text = (
      await http()
        .get('/metrics')
        .expect(200)
        .expect('content-type', /text\/plain/)
    ).text;
    expect(sample(text, 'atelier_http_request_duration_seconds_count', { method: 'GET', route: '/health/live', status_code: '200' })).toBe(
      2,
    );
    expect(sample(text, 'atelier_http_request_duration_seconds_count', { route: '/experiments/:id', status_code: '404' })).toBe(1);
    expect(text).not.toContain('00000000dead');
    expect(sample(text, 'atelier_http_request_duration_seconds_count', { method: 'POST', route: '/experiments', status_code: '201' })).toBe(
      1,
    );
    expect(sample(text, 'atelier_queue_jobs', { queue: 'training', state: 'prioritized' })).toBe(2);
    expect(sample(text, 'atelier_queue_jobs', { queue: 'training', state: 'active' })).toBe(0);
    expect(text).toMatch(/^atelier_sse_clients 0$/m);
    expect(text).toMatch(/^process_cpu_user_seconds_total \d/m);
    expect(text).toMatch(/^nodejs_version_info\{version="v\d+/m);
  });
});
