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

/**
 * Like createCachedCheck, but never makes its caller wait: it answers the last result at once
 * and, when that is older than `maxAgeMs`, starts the next check in the background. For the
 * checks between training batches: awaiting a Redis round trip there stalls the fold (two
 * round trips every 250 ms were a few per cent of a small model's batches on a loaded machine),
 * and a cancellation is still seen within one interval plus one round trip. A failed check
 * keeps the last answer and is tried again after the interval. Once true it stays true.
 */
export function createBackgroundCheck(
  check: () => Promise<boolean>,
  maxAgeMs: number,
  options: { now?: () => number; onError?: (error: unknown) => void } = {},
): () => boolean {
  const now = options.now ?? Date.now;
  let checkedAt = Number.NEGATIVE_INFINITY;
  let value = false;
  let inflight = false;
  return () => {
    if (value || inflight || now() - checkedAt < maxAgeMs) return value;
    inflight = true;
    check()
      .then(
        (result) => {
          value = value || result;
        },
        (error: unknown) => options.onError?.(error),
      )
      .finally(() => {
        checkedAt = now();
        inflight = false;
      });
    return value;
  };
}
