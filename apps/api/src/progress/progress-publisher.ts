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
    const valid = ZProgressEvent.parse(event);
    await this.redis.publish(progressChannel(this.config.REDIS_PREFIX, valid.experimentId), JSON.stringify(valid));
  }
}
