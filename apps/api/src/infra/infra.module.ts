import { type DynamicModule, Global, Inject, Injectable, Logger, Module, type OnApplicationShutdown } from '@nestjs/common';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { createPrismaClient, type PrismaClient } from '@atelier/db/client';
import { QUEUES } from '@atelier/domain';
import type { TApiConfig } from '../config';
import { CONFIG, PRISMA, REDIS, TRAINING_QUEUE } from './tokens';

/** Redis for request paths: fail a command after a short retry instead of hanging a request. */
export function createRedis(url: string, name: string): Redis {
  const redis = new Redis(url, { connectionName: name, maxRetriesPerRequest: 1, connectTimeout: 5_000, enableReadyCheck: true });
  // One line when the connection is lost and one when it is back, not one per retry.
  const logger = new Logger(`Redis ${name}`);
  let down = false;
  redis.on('error', (error: Error) => {
    if (!down) logger.warn(`connection lost: ${error.message}; retrying (/health reports it)`);
    down = true;
  });
  redis.on('ready', () => {
    if (down) logger.log('connection restored');
    down = false;
  });
  return redis;
}

/** Why a request path cannot use this connection now (null: it can): the queue's and the live streams' one check. */
export function redisUnavailableReason(redis: Redis): string | null {
  return redis.status === 'ready' ? null : `Redis is ${redis.status}`;
}

/** QUIT when connected (pending replies arrive first); otherwise drop the reconnect loop at once. */
export async function closeRedis(redis: Redis): Promise<void> {
  if (redis.status === 'ready') {
    const quit = redis.quit().then(() => undefined);
    const late = new Promise<void>((resolve) => setTimeout(resolve, CLOSE_TIMEOUT_MS).unref());
    await Promise.race([quit, late]);
  }
  redis.disconnect();
}

const CLOSE_TIMEOUT_MS = 5_000;

function withTimeout(promise: Promise<unknown>, ms: number): Promise<unknown> {
  const late = new Promise((_, reject) => setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms).unref());
  return Promise.race([promise, late]);
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
      // BullMQ waits for its connection to close the queue (forever if Redis is away); the
      // connection is ours and is closed next, so an unreachable Redis is simply skipped.
      ['queue', async () => (this.redis.status === 'ready' ? withTimeout(this.queue.close(), CLOSE_TIMEOUT_MS) : undefined)],
      ['redis', () => closeRedis(this.redis)],
      ['postgres', () => this.prisma.$disconnect()],
    ];
    for (const [name, close] of steps) {
      await close().catch((error: unknown) => this.logger.warn(`closing ${name}: ${(error as Error).message}`));
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
          useFactory: (redis: Redis) => {
            const queue = new Queue(QUEUES.training, { connection: redis, prefix: config.REDIS_PREFIX });
            // an EventEmitter without an 'error' listener would crash the process; the connection logs already
            queue.on('error', () => undefined);
            return queue;
          },
        },
        InfraShutdown,
      ],
      exports: [CONFIG, PRISMA, REDIS, TRAINING_QUEUE],
    };
  }
}
