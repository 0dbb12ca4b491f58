import { progressChannel, ZProgressEvent, type TProgressEvent } from '@atelier/domain';
import type { Redis } from 'ioredis';
import type { Logger } from '../infra/logger';

export interface ProgressPublisher {
  publish(event: TProgressEvent): Promise<void>;
}

/**
 * Live progress on Redis pub/sub. Events are validated with the shared schema so the API
 * can trust what it streams; a publish failure is logged, never fails the training.
 */
export function createProgressPublisher(redis: Redis, prefix: string, logger: Logger): ProgressPublisher {
  return {
    async publish(event) {
      const parsed = ZProgressEvent.parse(event);
      try {
        await redis.publish(progressChannel(prefix, parsed.experimentId), JSON.stringify(parsed));
      } catch (error) {
        logger.warn('progress event not published', { type: parsed.type, error: (error as Error).message });
      }
    },
  };
}
