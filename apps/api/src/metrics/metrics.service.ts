import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Queue } from 'bullmq';
import type { NextFunction, Request, Response } from 'express';
import { collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import { QUEUES } from '@atelier/domain';
import { ProgressHub } from '../progress/progress-hub';
import { TRAINING_QUEUE } from '../infra/tokens';

/** BullMQ's job states; `wait` and `prioritized` together are the jobs no worker has taken yet. */
export const QUEUE_STATES = ['wait', 'prioritized', 'active', 'delayed', 'waiting-children', 'completed', 'failed'] as const;

const QUEUE_TIMEOUT_MS = 2_000;

/** Express's matched route pattern (`/experiments/:id`), so the label stays one per route, not one per id. */
function routeOf(request: Request): string {
  const path = (request.route as { path?: unknown } | undefined)?.path;
  if (typeof path === 'string') return `${request.baseUrl}${path}` || '/';
  return request.path.startsWith('/docs') ? '/docs' : '(unmatched)';
}

/**
 * The API's Prometheus registry: request durations by route and status, the training queue's
 * jobs by state (read from Redis at scrape time, so any API replica reports the same numbers),
 * live SSE clients of this process, and Node's process metrics.
 */
@Injectable()
export class MetricsService {
  readonly registry = new Registry();
  private readonly logger = new Logger('Metrics');
  private readonly requests: Histogram<'method' | 'route' | 'status_code'>;

  constructor(
    @Inject(TRAINING_QUEUE) private readonly queue: Queue,
    private readonly hub: ProgressHub,
  ) {
    collectDefaultMetrics({ register: this.registry });
    this.requests = new Histogram({
      name: 'atelier_http_request_duration_seconds',
      help: 'API request durations, by method, route pattern and status code',
      labelNames: ['method', 'route', 'status_code'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [this.registry],
    });
    const { queue: trainingQueue, logger } = this;
    let warned = false;
    new Gauge({
      name: 'atelier_queue_jobs',
      help: 'Jobs of a BullMQ queue by state (wait + prioritized: not taken by a worker yet)',
      labelNames: ['queue', 'state'],
      registers: [this.registry],
      async collect() {
        let timer: NodeJS.Timeout | undefined;
        try {
          const counts = await Promise.race([
            trainingQueue.getJobCounts(...QUEUE_STATES),
            new Promise<never>((_, reject) => {
              timer = setTimeout(() => reject(new Error(`Redis did not answer within ${QUEUE_TIMEOUT_MS} ms`)), QUEUE_TIMEOUT_MS);
            }),
          ]);
          for (const state of QUEUE_STATES) this.set({ queue: QUEUES.training, state }, counts[state] ?? 0);
          warned = false;
        } catch (error) {
          // No number is better than a stale one: the series disappears until Redis answers.
          this.reset();
          if (!warned) logger.warn(`queue depth not collected: ${(error as Error).message}`);
          warned = true;
        } finally {
          clearTimeout(timer);
        }
      },
    });
    const progress = this.hub;
    new Gauge({
      name: 'atelier_sse_clients',
      help: 'Open live-progress streams (server-sent events) of this API process',
      registers: [this.registry],
      collect() {
        this.set(progress.totalListeners());
      },
    });
  }

  /** Express middleware timing every request; registered first so errors and 404s are timed too. */
  readonly httpMiddleware = (request: Request, response: Response, next: NextFunction): void => {
    const stop = this.requests.startTimer();
    response.once('finish', () => stop({ method: request.method, route: routeOf(request), status_code: String(response.statusCode) }));
    // An SSE stream or a download the client dropped never finishes; time it to the close.
    response.once('close', () => {
      if (!response.writableFinished) stop({ method: request.method, route: routeOf(request), status_code: String(response.statusCode) });
    });
    next();
  };
}
