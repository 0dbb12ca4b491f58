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
      // encode, not parse: it validates the event and spells a diverged epoch's NaN loss as
      // "NaN" (JSON.stringify would write null, which no reader accepts as a loss)
      const wire = ZProgressEvent.encode(event);
      try {
        await redis.publish(progressChannel(prefix, wire.experimentId), JSON.stringify(wire));
      } catch (error) {
        logger.warn('progress event not published', { type: wire.type, error: (error as Error).message });
      }
    },
  };
}
