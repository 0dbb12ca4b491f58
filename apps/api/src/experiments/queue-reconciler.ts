import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { trainFoldJobId } from '@atelier/domain';
import type { TApiConfig } from '../config';
import { CONFIG, REDIS, TRAINING_QUEUE } from '../infra/tokens';
import { QueuedFoldsRepository, type QueuedFold } from './queued-folds.repository';
import { TrainingJobs } from './training-jobs';

/** Folds read from the database and checked in Redis per round trip. */
export const RECONCILE_PAGE = 1_000;
/**
 * A job that finished while its fold is queued in the database is stale (a resume that crashed
 * before removing a paused fold's finished job): it is replaced, but only once it finished this
 * long ago, so a worker's own fold update, made around the job's end, has long landed.
 */
export const STALE_FINISHED_MS = 60_000;

export interface ReconcileResult {
  /** Queued folds of queued or running searches looked at. */
  checked: number;
  /** Jobs added because Redis had none (or only a finished one) for a queued fold. */
  enqueued: number;
}

/**
 * The outbox's other half: POST /experiments saves a search and then queues its jobs, resume
 * moves folds back to queued and then queues them, and a crash between the two steps would leave
 * folds queued in the database that no worker will ever see. At start-up and every
 * ATELIER_RECONCILE_INTERVAL_MS this queues them. Idempotent and safe with several API processes
 * without a lock: job ids are deterministic (trainFoldJobId), so a fold queued twice, by two
 * reconcilers or by a reconciler and the request that is still queueing it, is one job in BullMQ.
 */
@Injectable()
export class QueueReconciler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('QueueReconciler');
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> = Promise.resolve();
  private busy = false;

  constructor(
    private readonly folds: QueuedFoldsRepository,
    private readonly jobs: TrainingJobs,
    @Inject(TRAINING_QUEUE) private readonly queue: Queue,
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(CONFIG) private readonly config: TApiConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.tick();
    this.timer = setInterval(() => this.tick(), this.config.ATELIER_RECONCILE_INTERVAL_MS);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  private tick(): void {
    // a pass that outlasts the interval (a huge queue, a slow Redis) is not doubled by the next
    if (this.busy) return;
    this.busy = true;
    this.running = this.reconcile()
      .then((result) => {
        if (result.enqueued > 0) this.logger.warn(`queued ${result.enqueued} of ${result.checked} queued folds that Redis did not hold`);
      })
      .catch((error: unknown) => this.logger.warn(`reconciling the training queue failed: ${(error as Error).message}; retrying later`))
      .finally(() => {
        this.busy = false;
      });
  }

  /** One pass over every queued fold of every queued or running search, a page at a time. */
  async reconcile(): Promise<ReconcileResult> {
    const result: ReconcileResult = { checked: 0, enqueued: 0 };
    if (this.jobs.unavailableReason()) return result;
    let after: string | null = null;
    for (;;) {
      const page = await this.folds.page(after, RECONCILE_PAGE);
      if (page.length === 0) return result;
      result.checked += page.length;
      result.enqueued += await this.repair(page);
      after = page[page.length - 1]?.foldRunId ?? null;
    }
  }

  /** Queues the folds of `page` that Redis has no live job for; returns how many. */
  private async repair(page: readonly QueuedFold[]): Promise<number> {
    const pipeline = this.redis.pipeline();
    // every BullMQ job hash has a timestamp (when it was added); a finished one a finishedOn
    for (const fold of page) pipeline.hmget(this.queue.toKey(trainFoldJobId(fold)), 'timestamp', 'finishedOn');
    const replies = (await pipeline.exec()) ?? [];
    const staleBefore = Date.now() - STALE_FINISHED_MS;
    const missing: QueuedFold[] = [];
    const stale: QueuedFold[] = [];
    page.forEach((fold, index) => {
      const [error, fields] = replies[index] ?? [null, null];
      if (error) throw error;
      const [added, finishedOn] = (fields as (string | null)[] | null) ?? [null, null];
      if (added === null) missing.push(fold);
      else if (finishedOn !== null && Number(finishedOn) < staleBefore) stale.push(fold);
    });
    if (missing.length === 0 && stale.length === 0) return 0;
    // the database is read again just before queueing: a fold a worker finished meanwhile is not trained twice
    const still = new Set(await this.folds.stillQueued([...missing, ...stale].map((f) => f.foldRunId)));
    const toQueue = [...missing, ...stale].filter((f) => still.has(f.foldRunId));
    if (toQueue.length === 0) return 0;
    // a finished job keeps its id, so the fold's new job would be a no-op until it goes
    const staleIds = stale.filter((f) => still.has(f.foldRunId)).map(trainFoldJobId);
    await Promise.all(staleIds.map((id) => this.queue.remove(id).catch(() => 0)));
    const byPriority = new Map<number, QueuedFold[]>();
    for (const fold of toQueue) byPriority.set(fold.priority, [...(byPriority.get(fold.priority) ?? []), fold]);
    for (const [priority, folds] of byPriority) {
      await this.jobs.enqueue(
        folds.map(({ experimentId, trialId, trialNumber, fold, rung }) => ({ experimentId, trialId, trialNumber, fold, rung })),
        priority,
      );
    }
    return toQueue.length;
  }
}
