import { Inject, Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { LRUCache } from 'lru-cache';
import type { TApiConfig } from '../config';
import { closeRedis, createRedis } from '../infra/infra.module';
import { CONFIG, REDIS } from '../infra/tokens';

/**
 * How long a credential or a membership read is reused: the bound on how stale one can be on
 * another API process when Redis cannot carry the invalidation (on this process, never stale).
 */
export const AUTH_CACHE_TTL_MS = 5_000;
const AUTH_CACHE_ENTRIES = 10_000;

/**
 * What every request would otherwise read from PostgreSQL before its handler runs: the token or
 * session behind its credential, and the caller's role in the project it touches (two queries,
 * about 2 ms of a 10 ms GET /experiments on the 2-core machine; bench/auth). Found rows only:
 * an unknown token, project or record is read again each time.
 *
 * Any write that changes who may do what (a token revoked, a session ended, a user disabled or
 * promoted, a member added, changed or removed, a project deleted) calls invalidate(): this
 * process forgets everything at once, and the others hear it on a Redis channel. If Redis is
 * away, they forget within AUTH_CACHE_TTL_MS.
 */
@Injectable()
export class AuthCache implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('AuthCache');
  private readonly entries = new LRUCache<string, object | string>({ max: AUTH_CACHE_ENTRIES, ttl: AUTH_CACHE_TTL_MS });
  /** Bumped by every invalidation: a read that started before one is not kept. */
  private generation = 0;
  private readonly channel: string;
  private subscriber: Redis | null = null;

  constructor(
    @Inject(CONFIG) private readonly config: TApiConfig,
    @Inject(REDIS) private readonly redis: Redis,
  ) {
    this.channel = `${config.REDIS_PREFIX}:auth-changed`;
  }

  onModuleInit(): void {
    const subscriber = createRedis(this.config.REDIS_URL, 'atelier-api-auth');
    // keeps retrying while Redis is away, and ioredis subscribes again on reconnect
    subscriber.options.maxRetriesPerRequest = null;
    subscriber.on('message', () => this.forget());
    // Not awaited: the API starts without Redis (/health says so); meanwhile the TTL bounds staleness.
    subscriber
      .subscribe(this.channel)
      .catch((error: unknown) => this.logger.warn(`auth changes from other API processes are not heard: ${(error as Error).message}`));
    this.subscriber = subscriber;
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.subscriber) await closeRedis(this.subscriber).catch(() => undefined);
    this.subscriber = null;
  }

  /** The cached value of `key`, else `read()`'s, kept when it found something (not null or undefined). */
  async get<T>(key: string, read: () => Promise<T>): Promise<T> {
    const hit = this.entries.get(key);
    if (hit !== undefined) return hit as T;
    const generation = this.generation;
    const value = await read();
    if (value !== null && value !== undefined && generation === this.generation) this.entries.set(key, value);
    return value;
  }

  /** After a write to tokens, sessions, users, memberships or projects. */
  invalidate(): void {
    this.forget();
    this.redis
      .publish(this.channel, '1')
      .catch((error: unknown) => this.logger.warn(`could not tell other API processes: ${(error as Error).message}`));
  }

  private forget(): void {
    this.generation++;
    this.entries.clear();
  }
}
