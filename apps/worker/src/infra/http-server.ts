import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from './logger';
import type { WorkerMetrics } from './metrics';

const PROBE_TIMEOUT_MS = 2_000;

export interface WorkerReadiness {
  ok: boolean;
  redis: { ok: boolean; error?: string };
  taking: boolean;
}

export interface WorkerHttpServer {
  port: number;
  close(): Promise<void>;
}

/** Resolves with the probe's readiness, or not ready when it does not answer within 2 s. */
async function withTimeout(check: () => Promise<WorkerReadiness>): Promise<WorkerReadiness> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<WorkerReadiness>((resolve) => {
    timer = setTimeout(
      () => resolve({ ok: false, redis: { ok: false, error: `no answer within ${PROBE_TIMEOUT_MS} ms` }, taking: false }),
      PROBE_TIMEOUT_MS,
    );
  });
  try {
    return await Promise.race([check(), late]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * The worker's operations endpoint, for Prometheus and for container probes:
 * GET /metrics (Prometheus text), GET /health/live (the process answers: liveness),
 * GET /health (Redis answers and the worker takes jobs: readiness; 503 otherwise).
 */
export async function startWorkerHttpServer(options: {
  host: string;
  port: number;
  metrics: WorkerMetrics;
  readiness: () => Promise<WorkerReadiness>;
  logger: Logger;
}): Promise<WorkerHttpServer> {
  const send = (response: ServerResponse, status: number, type: string, body: string) => {
    response.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' });
    response.end(body);
  };
  const handle = async (request: IncomingMessage, response: ServerResponse) => {
    const path = new URL(request.url ?? '/', 'http://worker').pathname;
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      send(response, 405, 'application/json', JSON.stringify({ message: 'only GET' }));
      return;
    }
    if (path === '/metrics') {
      send(response, 200, options.metrics.registry.contentType, await options.metrics.registry.metrics());
      return;
    }
    if (path === '/health/live') {
      send(response, 200, 'application/json', JSON.stringify({ status: 'ok' }));
      return;
    }
    if (path === '/health') {
      const readiness = await withTimeout(options.readiness);
      send(
        response,
        readiness.ok ? 200 : 503,
        'application/json',
        JSON.stringify({ status: readiness.ok ? 'ok' : 'degraded', ...readiness }),
      );
      return;
    }
    send(response, 404, 'application/json', JSON.stringify({ message: `no route ${path}; try /metrics, /health or /health/live` }));
  };
  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      const message = (error as Error).message;
      options.logger.error('metrics endpoint failed', { path: request.url, error: message });
      if (!response.headersSent) send(response, 500, 'application/json', JSON.stringify({ message }));
      else response.destroy();
    });
  });
  // Probes and scrapes are short; an idle keep-alive socket must not hold a shutdown up.
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  return {
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
