import { type DynamicModule, Global, Inject, Injectable, Logger, Module, type OnApplicationShutdown } from '@nestjs/common';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { createPrismaClient, type PrismaClient } from '@atelier/db/client';
import { QUEUES } from '@atelier/domain';
import type { TApiConfig } from '../config';
import { CONFIG, PRISMA, REDIS, TRAINING_QUEUE } from './tokens';

/** Redis for request paths: fail a command after a short retry instead of hanging a request. */
export function createRedis(url: string, name: string): Redis {
  return new Redis(url, { connectionName: name, maxRetriesPerRequest: 1, connectTimeout: 5_000, enableReadyCheck: true });
}

/** Closes what the module opened, in reverse order, when Nest shuts down. */
@Injectable()
class InfraShutdown implements OnApplicationShutdown {
  private readonly logger = new Logger('Shutdown');

  constructor(
    @Inject(PRISMA) private readonly prisma: PrismaClient,
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(TRAINING_QUEUE) private readonly queue: Queue,
  ) {}

  async onApplicationShutdown(): Promise<void> {
    const steps: [string, () => Promise<unknown>][] = [
      ['queue', () => this.queue.close()],
      ['redis', () => this.redis.quit()],
      ['postgres', () => this.prisma.$disconnect()],
    ];
    for (const [name, close] of steps) {
      await close().catch((error: Error) => this.logger.warn(`closing ${name}: ${error.message}`));
    }
  }
}

/** Config, Prisma, Redis and the training queue, shared by every domain module. */
@Global()
@Module({})
export class InfraModule {
  static forRoot(config: TApiConfig): DynamicModule {
    return {
      module: InfraModule,
      providers: [
        { provide: CONFIG, useValue: config },
        { provide: PRISMA, useFactory: () => createPrismaClient(config.DATABASE_URL) },
        { provide: REDIS, useFactory: () => createRedis(config.REDIS_URL, 'atelier-api') },
        {
          provide: TRAINING_QUEUE,
          inject: [REDIS],
          // BullMQ reuses a connection it is given for a Queue (only Workers need a blocking one).
          useFactory: (redis: Redis) => new Queue(QUEUES.training, { connection: redis, prefix: config.REDIS_PREFIX }),
        },
        InfraShutdown,
      ],
      exports: [CONFIG, PRISMA, REDIS, TRAINING_QUEUE],
    };
  }
}
