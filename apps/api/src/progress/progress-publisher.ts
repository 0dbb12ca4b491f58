import { Inject, Injectable } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { publishProgress } from '@atelier/db';
import type { TProgressEvent } from '@atelier/domain';
import type { TApiConfig } from '../config';
import { CONFIG, REDIS } from '../infra/tokens';

/** Publishes progress events on the experiment's channel, with their ids for replay, as workers do. */
@Injectable()
export class ProgressPublisher {
  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(CONFIG) private readonly config: TApiConfig,
  ) {}

  async publish(event: TProgressEvent): Promise<void> {
    await publishProgress(this.redis, this.config.REDIS_PREFIX, event);
  }
}
