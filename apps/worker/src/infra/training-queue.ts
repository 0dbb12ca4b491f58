import {
  JOB_NAMES,
  QUEUES,
  refitJobOptions,
  trainFoldJobOptions,
  type TRefitJobInput,
  type TTrainFoldJobInput,
  ZRefitJob,
  ZTrainFoldJob,
} from '@atelier/domain';
import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { currentJobContext } from './logger';

/**
 * The worker's side of the training queue: jobs that finishing work creates (ASHA promotions,
 * the refit of a finished search). Same ids and options as the API's, so a job added twice is
 * a no-op.
 */
export interface TrainingQueue {
  addFolds(jobs: readonly TTrainFoldJobInput[], experimentPriority: number): Promise<void>;
  addRefit(job: TRefitJobInput, experimentPriority: number): Promise<void>;
  close(): Promise<void>;
}

export function createTrainingQueue(connection: Redis, prefix: string): TrainingQueue {
  let queue: Queue | null = null;
  // Created on first use: most jobs never add another.
  const get = () => (queue ??= new Queue(QUEUES.training, { connection, prefix }));
  return {
    async addFolds(jobs, experimentPriority) {
      if (jobs.length === 0) return;
      await get().addBulk(
        jobs.map((job) => {
          // A promotion carries the request id of the job that earned it.
          const data = ZTrainFoldJob.parse({ ...job, requestId: job.requestId ?? currentJobContext()?.requestId });
          return { name: JOB_NAMES.trainFold, data, opts: trainFoldJobOptions(data, experimentPriority) };
        }),
      );
    },
    async addRefit(job, experimentPriority) {
      const data = ZRefitJob.parse({ ...job, requestId: job.requestId ?? currentJobContext()?.requestId });
      await get().add(JOB_NAMES.refit, data, refitJobOptions(data, experimentPriority));
    },
    async close() {
      await queue?.close();
    },
  };
}
