import { RUN_LIMITS, type TLogRequest, type TMetricPoint, type TParamValue } from '@atelier/domain';
import { retryDelayMs } from './backoff.js';
import { AtelierError } from './errors.js';

export interface OutboxOptions {
  /** Sends one batch; throws an AtelierError (or anything: taken as a network error) when it fails. */
  send(batch: TLogRequest): Promise<void>;
  /** Where the SDK's few warnings go (console.warn by default). */
  warn(message: string): void;
  /** A batch leaves at least this often while points wait. */
  flushIntervalMs?: number;
  /** Points of one request; a batch leaves at once when this many wait. */
  batchPoints?: number;
  /** Points kept while the API cannot be reached; newer ones are dropped above it, so memory stays bounded. */
  maxQueuedPoints?: number;
  random?: () => number;
}

export const OUTBOX_DEFAULTS = { flushIntervalMs: 1000, batchPoints: 500, maxQueuedPoints: 100_000 } as const;

/** Counts of a run's metric points so far. */
export interface OutboxTotals {
  /** Points the API stored. */
  sent: number;
  /** Points still waiting (the API could not be reached in time). */
  pending: number;
  /** Points dropped: over maxQueuedPoints, or in a batch the API refused. */
  dropped: number;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * The queue between a training loop and the API. `log` only appends (it never waits and never
 * throws); one sender drains the queue in order, a batch at a time, and keeps a batch that could
 * not be sent at the head of the queue, retrying with back-off, so that an outage delays points
 * but loses none. Sending a batch again is harmless: the API stores a point once per (key, fold,
 * step). Parameters and tags travel in their own requests, so that a refused parameter (set before
 * with another value: a 409) never takes metric points down with it.
 */
export class Outbox {
  private readonly options: Required<Omit<OutboxOptions, 'send' | 'warn' | 'random'>> &
    Pick<OutboxOptions, 'send' | 'warn'> & { random: () => number };
  private points: TMetricPoint[] = [];
  private params: Record<string, TParamValue> = {};
  private tags: Record<string, string> = {};
  private sender: Promise<void> | null = null;
  private timer: ReturnType<typeof setInterval> | null = null;
  private attempt = 0;
  /** No request before this time (ms since the epoch): the back-off after a failure. */
  private retryAt = 0;
  /** Points of the request being sent: they count against maxQueuedPoints too. */
  private inFlight = 0;
  private warnedUnreachable = false;
  private warnedFull = false;
  private readonly refusalsWarned = new Set<number>();
  private keepAlive = false;
  private deadline = Number.POSITIVE_INFINITY;
  private readonly totals = { sent: 0, dropped: 0 };

  constructor(options: OutboxOptions) {
    // an option given as undefined keeps its default
    const given = Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined)) as OutboxOptions;
    this.options = { ...OUTBOX_DEFAULTS, random: Math.random, ...given };
    this.options.batchPoints = Math.min(this.options.batchPoints, RUN_LIMITS.pointsPerLog);
    this.timer = setInterval(() => {
      if (this.hasWork()) this.kick();
    }, this.options.flushIntervalMs);
    if (typeof this.timer === 'object' && 'unref' in this.timer) this.timer.unref();
  }

  addPoints(points: readonly TMetricPoint[]): void {
    const room = this.options.maxQueuedPoints - this.points.length - this.inFlight;
    if (room < points.length) {
      this.totals.dropped += points.length - Math.max(0, room);
      if (!this.warnedFull) {
        this.warnedFull = true;
        this.options.warn(
          `atelier: ${this.options.maxQueuedPoints} points are waiting for the API; newer points are dropped until it answers again`,
        );
      }
    }
    if (room > 0) this.points.push(...points.slice(0, room));
    if (this.points.length >= this.options.batchPoints) this.kick();
  }

  addParams(params: Readonly<Record<string, TParamValue>>): void {
    Object.assign(this.params, params);
    this.kick();
  }

  addTags(tags: Readonly<Record<string, string>>): void {
    Object.assign(this.tags, tags);
    this.kick();
  }

  hasWork(): boolean {
    return this.points.length > 0 || Object.keys(this.params).length > 0 || Object.keys(this.tags).length > 0;
  }

  /**
   * Sends everything queued; resolves once the queue is empty or `timeoutMs` has passed (then
   * what is left stays queued). Never rejects.
   */
  async flush(timeoutMs = Number.POSITIVE_INFINITY): Promise<OutboxTotals> {
    this.keepAlive = true;
    this.deadline = Date.now() + timeoutMs;
    try {
      while (this.hasWork() && Date.now() < this.deadline) {
        this.kick();
        await this.sender;
      }
    } finally {
      this.keepAlive = false;
      this.deadline = Number.POSITIVE_INFINITY;
    }
    return this.summary();
  }

  /** Stops the periodic flush; what is queued stays (flush it first). */
  close(): void {
    if (this.timer !== null) clearInterval(this.timer);
    this.timer = null;
  }

  summary(): OutboxTotals {
    return { sent: this.totals.sent, pending: this.points.length, dropped: this.totals.dropped };
  }

  /** One warning per refusal status: a run deleted under a script would otherwise warn every second. */
  private warnOnce(message: string, status: number | undefined): void {
    const key = status ?? 0;
    if (this.refusalsWarned.has(key)) return;
    this.refusalsWarned.add(key);
    this.options.warn(message);
  }

  private kick(): void {
    this.sender ??= this.drain().finally(() => {
      this.sender = null;
    });
  }

  /** The one sender: one request at a time, in queue order, never before the back-off allows. */
  private async drain(): Promise<void> {
    while (this.hasWork()) {
      const wait = this.retryAt - Date.now();
      if (wait > 0) {
        // A periodic attempt leaves the waiting to the next tick, so retries never keep a script
        // that has finished alive; a flush waits, up to its deadline.
        if (!this.keepAlive) return;
        if (Date.now() + wait > this.deadline) {
          await sleep(Math.max(0, this.deadline - Date.now()));
          return;
        }
        await sleep(wait);
      }
      const { batch, points, restore } = this.nextBatch();
      this.inFlight = points;
      try {
        await this.options.send(batch);
        this.totals.sent += points;
        if (this.warnedUnreachable)
          this.options.warn(`atelier: the API answers again; sending the ${this.points.length} points that waited`);
        this.attempt = 0;
        this.retryAt = 0;
        this.warnedUnreachable = false;
      } catch (error) {
        const failure = error instanceof AtelierError ? error : new AtelierError(String(error), 'network');
        if (!failure.retryable) {
          // The API refused this batch and would refuse it again: drop it, keep the rest flowing.
          this.totals.dropped += points;
          this.warnOnce(`atelier: the API refused ${describe(batch)} and it was dropped: ${failure.message}`, failure.status);
          continue;
        }
        restore();
        if (!this.warnedUnreachable) {
          this.warnedUnreachable = true;
          this.options.warn(`atelier: cannot send to the API (${failure.message}); keeping the points and retrying`);
        }
        this.retryAt = Date.now() + retryDelayMs(this.attempt++, this.options.random);
      } finally {
        this.inFlight = 0;
      }
    }
  }

  /**
   * Takes the next request off the queue: parameters first, then tags, then up to batchPoints
   * points. `restore` puts it back at the head when it could not be sent.
   */
  private nextBatch(): { batch: TLogRequest; points: number; restore: () => void } {
    if (Object.keys(this.params).length > 0) {
      const params = this.params;
      this.params = {};
      // set again meanwhile: the newer value wins
      return { batch: { params }, points: 0, restore: () => (this.params = { ...params, ...this.params }) };
    }
    if (Object.keys(this.tags).length > 0) {
      const tags = this.tags;
      this.tags = {};
      return { batch: { tags }, points: 0, restore: () => (this.tags = { ...tags, ...this.tags }) };
    }
    const metrics = this.points.splice(0, this.options.batchPoints);
    return { batch: { metrics }, points: metrics.length, restore: () => void this.points.unshift(...metrics) };
  }
}

function describe(batch: TLogRequest): string {
  if (batch.params) return `the parameters ${Object.keys(batch.params).join(', ')}`;
  if (batch.tags) return `the tags ${Object.keys(batch.tags).join(', ')}`;
  return `a batch of ${batch.metrics?.length ?? 0} points`;
}
