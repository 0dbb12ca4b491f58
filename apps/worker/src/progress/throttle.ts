/**
 * True at most once per interval. Live progress bars need a few updates per second, not one
 * per batch: a small batch size on a fast backend would otherwise flood Redis and the browser.
 */
export function createThrottle(intervalMs: number, now: () => number = Date.now): () => boolean {
  let last = Number.NEGATIVE_INFINITY;
  return () => {
    const t = now();
    if (t - last < intervalMs) return false;
    last = t;
    return true;
  };
}

/**
 * Wraps an async check so it runs at most once per `maxAgeMs`, answering from the last result
 * in between (the cancellation key is checked between batches, which can be milliseconds apart).
 * Once the check has answered true it stays true: a cancellation is never undone.
 */
export function createCachedCheck(check: () => Promise<boolean>, maxAgeMs: number, now: () => number = Date.now): () => Promise<boolean> {
  let checkedAt = Number.NEGATIVE_INFINITY;
  let value = false;
  let inflight: Promise<boolean> | null = null;
  return async () => {
    if (value) return true;
    if (now() - checkedAt < maxAgeMs) return value;
    if (!inflight) {
      inflight = check()
        .then((result) => {
          value = value || result;
          checkedAt = now();
          return value;
        })
        .finally(() => {
          inflight = null;
        });
    }
    return inflight;
  };
}
