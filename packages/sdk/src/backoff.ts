/**
 * How long the SDK waits before sending a batch again after a network error or a 5xx: doubling
 * from half a second up to thirty, each wait moved by up to ±20 % so that many training scripts
 * cut off by the same outage do not all come back in the same instant.
 */
export const BACKOFF = { firstMs: 500, maxMs: 30_000, jitter: 0.2 } as const;

/** The wait before retry number `attempt` (0 for the first retry); `random` is in [0, 1). */
export function retryDelayMs(attempt: number, random: () => number = Math.random): number {
  const base = Math.min(BACKOFF.maxMs, BACKOFF.firstMs * 2 ** Math.max(0, attempt));
  const spread = 1 + BACKOFF.jitter * (2 * random() - 1);
  return Math.round(base * spread);
}
