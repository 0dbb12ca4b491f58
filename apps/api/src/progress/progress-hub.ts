import { Inject, Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { progressHead, progressSince, type ProgressReplay } from '@atelier/db';
import { progressChannel, type TProgressEnvelope, ZProgressEnvelope } from '@atelier/domain';
import type { TApiConfig } from '../config';
import { unavailable } from '../common/api-exception';
import { closeRedis, createRedis, redisUnavailableReason } from '../infra/infra.module';
import { CONFIG, REDIS } from '../infra/tokens';

const SUBSCRIBE_WAIT_MS = 5_000;

/** Called with each event and its id (the replay stream's, which the SSE frame carries). */
export type ProgressListener = (envelope: TProgressEnvelope) => void;

/** Escapes Redis glob characters so a prefix is matched literally in PSUBSCRIBE. */
export function escapeGlob(text: string): string {
  return text.replace(/[*?[\]\\]/g, (c) => `\\${c}`);
}

/**
 * Fans progress events out to the SSE streams of this process. ONE subscriber connection,
 * pattern-subscribed to every experiment's channel, serves any number of streams: no
 * SUBSCRIBE/UNSUBSCRIBE churn per browser tab, and any number of API instances can run,
 * since each receives what workers publish.
 */
@Injectable()
export class ProgressHub implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('ProgressHub');
  private readonly listeners = new Map<string, Set<ProgressListener>>();
  private readonly channelPrefix: string;
  private subscriber: Redis | null = null;

  constructor(
    @Inject(CONFIG) private readonly config: TApiConfig,
    @Inject(REDIS) private readonly redis: Redis,
  ) {
    this.channelPrefix = progressChannel(config.REDIS_PREFIX, '');
  }

  async onModuleInit(): Promise<void> {
    const subscriber = createRedis(this.config.REDIS_URL, 'atelier-api-progress');
    // A subscriber must keep retrying while Redis is away: it re-subscribes on reconnect.
    subscriber.options.maxRetriesPerRequest = null;
    subscriber.on('pmessage', (_pattern: string, channel: string, message: string) => this.dispatch(channel, message));
    this.subscriber = subscriber;
    // ioredis re-subscribes after a reconnect; if Redis is away at boot, start anyway (and
    // /health says so) rather than hang: the subscription completes when Redis is back.
    const subscribed = subscriber.psubscribe(`${escapeGlob(this.channelPrefix)}*`);
    const timeout = new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), SUBSCRIBE_WAIT_MS).unref());
    const outcome = await Promise.race([
      subscribed.then(
        () => 'ok' as const,
        (error: unknown) => error as Error,
      ),
      timeout,
    ]);
    if (outcome !== 'ok')
      this.logger.warn(`live progress is not subscribed yet (${outcome === 'timeout' ? 'Redis does not answer' : outcome.message})`);
  }

  async onApplicationShutdown(): Promise<void> {
    this.listeners.clear();
    if (this.subscriber) await closeRedis(this.subscriber).catch(() => undefined);
    this.subscriber = null;
  }

  /** Calls `listener` with each event of the experiment until the returned function is called. */
  subscribe(experimentId: string, listener: ProgressListener): () => void {
    let set = this.listeners.get(experimentId);
    if (!set) this.listeners.set(experimentId, (set = new Set()));
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size === 0 && this.listeners.get(experimentId) === set) this.listeners.delete(experimentId);
    };
  }

  /** The events of the experiment after `afterId`, from its replay stream (see publishProgress). */
  replay(experimentId: string, afterId: string): Promise<ProgressReplay> {
    this.requireRedis();
    return progressSince(this.redis, this.config.REDIS_PREFIX, experimentId, afterId);
  }

  /** The id of the experiment's newest event (null: none kept): where a stream that starts now resumes from. */
  head(experimentId: string): Promise<string | null> {
    this.requireRedis();
    return progressHead(this.redis, this.config.REDIS_PREFIX, experimentId);
  }

  /** A live stream needs Redis: without it, a 503 at once rather than a stream that never says anything. */
  private requireRedis(): void {
    const down = redisUnavailableReason(this.redis);
    if (down) throw unavailable(`Live progress is unavailable (${down}). Try again once it is back: GET /health reports it.`);
  }

  /** Open live streams of this process, over every experiment (the SSE-clients gauge). */
  totalListeners(): number {
    let total = 0;
    for (const set of this.listeners.values()) total += set.size;
    return total;
  }

  listenerCount(experimentId: string): number {
    return this.listeners.get(experimentId)?.size ?? 0;
  }

  private dispatch(channel: string, message: string): void {
    if (!channel.startsWith(this.channelPrefix)) return;
    const listeners = this.listeners.get(channel.slice(this.channelPrefix.length));
    if (!listeners || listeners.size === 0) return;
    let envelope: TProgressEnvelope;
    try {
      envelope = ZProgressEnvelope.parse(JSON.parse(message));
    } catch (error) {
      this.logger.warn(`dropped a malformed progress event on ${channel}: ${(error as Error).message.slice(0, 200)}`);
      return;
    }
    for (const listener of [...listeners]) listener(envelope);
  }
}
