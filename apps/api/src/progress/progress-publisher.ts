import { Inject, Injectable } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { progressChannel, type TProgressEvent, ZProgressEvent } from '@atelier/domain';
import type { TApiConfig } from '../config';
import { CONFIG, REDIS } from '../infra/tokens';

/** Publishes progress events on the experiment's channel, as workers do. */
@Injectable()
export class ProgressPublisher {
  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(CONFIG) private readonly config: TApiConfig,
  ) {}

  async publish(event: TProgressEvent): Promise<void> {
    // encode: validates the event and spells a diverged epoch's NaN as "NaN" (JSON would write null)
    const wire = ZProgressEvent.encode(event);
    await this.redis.publish(progressChannel(this.config.REDIS_PREFIX, wire.experimentId), JSON.stringify(wire));
  }
}
