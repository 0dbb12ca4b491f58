import type { TProgressEvent } from '@atelier/domain';
import { publishProgress } from '@atelier/db';
import type { Redis } from 'ioredis';
import type { Logger } from '../infra/logger';

export interface ProgressPublisher {
  publish(event: TProgressEvent): Promise<void>;
}

/**
 * Live progress on Redis (publishProgress: pub/sub, with each event kept for replay). Events are
 * validated with the shared schema so the API can trust what it streams; a publish failure is
 * logged, never fails the training.
 */
export function createProgressPublisher(redis: Redis, prefix: string, logger: Logger): ProgressPublisher {
  return {
    async publish(event) {
      try {
        await publishProgress(redis, prefix, event);
      } catch (error) {
        logger.warn('progress event not published', { type: event.type, error: (error as Error).message });
      }
    },
  };
}
