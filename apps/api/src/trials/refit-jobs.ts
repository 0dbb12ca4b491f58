import { Inject, Injectable } from '@nestjs/common';
import type { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { JOB_NAMES, refitJobId, refitJobOptions, type TRefitJob, ZRefitJob } from '@atelier/domain';
import { redisUnavailableReason } from '../infra/infra.module';
import { currentRequestId } from '../infra/request-context';
import { REDIS, TRAINING_QUEUE } from '../infra/tokens';

const ENQUEUE_TIMEOUT_MS = 10_000;

/** The API's side of refit jobs: queue one on the training queue, the way the worker does for a finished search. */
@Injectable()
export class RefitJobs {
  constructor(
    @Inject(TRAINING_QUEUE) private readonly queue: Queue,
    @Inject(REDIS) private readonly redis: Redis,
  ) {}

  unavailableReason(): string | null {
    return redisUnavailableReason(this.redis);
  }

  /**
   * Adds the job; returns its id. A job of the same id that already finished (a refit the worker
   * skipped or that failed, so no artifact raised the generation) is removed first, or BullMQ
   * would keep the old one and the request would do nothing. A waiting or active one is kept.
   */
  async enqueue(job: TRefitJob, experimentPriority: number): Promise<string> {
    const data = ZRefitJob.parse({ ...job, requestId: job.requestId ?? currentRequestId() });
    const opts = refitJobOptions(data, experimentPriority);
    const existing = await this.queue.getJob(opts.jobId);
    if (existing) {
      const state = await existing.getState();
      if (state === 'completed' || state === 'failed') await this.queue.remove(opts.jobId);
      else return opts.jobId;
    }
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`adding the refit job timed out after ${ENQUEUE_TIMEOUT_MS} ms`)), ENQUEUE_TIMEOUT_MS);
    });
    await Promise.race([this.queue.add(JOB_NAMES.refit, data, opts), timeout]).finally(() => clearTimeout(timer));
    return refitJobId(data);
  }
}
