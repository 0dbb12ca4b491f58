import { Inject, Injectable } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import { tooManyRequests, unavailable } from '../common/api-exception';
import type { TApiConfig } from '../config';
import { CONFIG, REDIS } from '../infra/tokens';

const WINDOW_SECONDS = 15 * 60;

/**
 * Sign-in attempts per email and per client address (rate-limiter-flexible's atomic Redis
 * counter, shared by every API process). Redis away: 503, never an unlimited sign-in.
 */
@Injectable()
export class SignInLimiter {
  private readonly perEmail: RateLimiterRedis;
  private readonly perIp: RateLimiterRedis;

  constructor(@Inject(REDIS) redis: Redis, @Inject(CONFIG) config: TApiConfig) {
    const common = { storeClient: redis, duration: WINDOW_SECONDS, rejectIfRedisNotReady: true };
    this.perEmail = new RateLimiterRedis({
      ...common,
      keyPrefix: `${config.REDIS_PREFIX}:signin:email`,
      points: config.ATELIER_SIGNIN_LIMIT_PER_EMAIL,
    });
    this.perIp = new RateLimiterRedis({
      ...common,
      keyPrefix: `${config.REDIS_PREFIX}:signin:ip`,
      points: config.ATELIER_SIGNIN_LIMIT_PER_IP,
    });
  }

  /** Counts one attempt; throws 429 (retryAfterSeconds) past either limit, 503 without Redis. */
  async attempt(email: string, ip: string): Promise<void> {
    try {
      await Promise.all([this.perEmail.consume(email), this.perIp.consume(ip)]);
    } catch (error) {
      if (error instanceof RateLimiterRes) {
        const seconds = Math.max(1, Math.ceil(error.msBeforeNext / 1000));
        throw tooManyRequests(`too many sign-in attempts: try again in ${seconds} s`, seconds);
      }
      throw unavailable(
        `sign-in is unavailable while Redis is unreachable (${error instanceof Error ? error.message : 'not ready'}): try again shortly`,
      );
    }
  }

  /** A successful sign-in clears its email's count (its address keeps counting). */
  async succeeded(email: string): Promise<void> {
    await this.perEmail.delete(email).catch(() => undefined);
  }
}
