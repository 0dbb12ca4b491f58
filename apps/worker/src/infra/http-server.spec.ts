import { startWorkerHttpServer, type WorkerReadiness } from './http-server';
import type { Logger } from './logger';
import { createWorkerMetrics } from './metrics';

const quiet: Logger = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };

describe('worker http endpoint', () => {
  it('serves Prometheus text, liveness, and readiness that follows the probe', async () => {
    const metrics = createWorkerMetrics({ workerId: 'w1', concurrency: 1 });
    metrics.epochTrained({ job: 'train-fold', images: 10, seconds: 1 });
    let readiness: WorkerReadiness = { ok: true, redis: { ok: true }, taking: true };
    const server = await startWorkerHttpServer({
      host: '127.0.0.1',
      port: 0,
      metrics,
      logger: quiet,
      readiness: () => Promise.resolve(readiness),
    });
    const base = `http://127.0.0.1:${server.port}`;
    try {
      const scrape = await fetch(`${base}/metrics`);
      expect(scrape.headers.get('content-type')).toContain('text/plain');
      expect(await scrape.text()).toMatch(/atelier_training_images_total\{job="train-fold",worker="w1"\} 10/);
      expect((await fetch(`${base}/health/live`)).status).toBe(200);
      expect((await fetch(`${base}/health`)).status).toBe(200);
      readiness = { ok: false, redis: { ok: false, error: 'ECONNREFUSED' }, taking: true };
      const down = await fetch(`${base}/health`);
      expect(down.status).toBe(503);
      expect(await down.json()).toMatchObject({ status: 'degraded', redis: { ok: false, error: 'ECONNREFUSED' } });
      expect((await fetch(`${base}/nope`)).status).toBe(404);
    } finally {
      await server.close();
    }
  });
});
