/** Thrown when a service the worker needs does not answer within the start-up wait: the worker exits 1 with this message. */
export class ServiceUnreachableError extends Error {}

export interface WaitOptions {
  /** The service's name in the message, e.g. "Redis". */
  service: string;
  /** Its URL without a password, as the message shows it. */
  redactedUrl: string;
  /** One try: resolves when the service answers, rejects with why not; gets the time left. */
  attempt(remainingMs: number): Promise<void>;
  /** What the operator should check, e.g. "Check REDIS_URL and that Redis is running". */
  hint: string;
  timeoutMs: number;
  retryMs?: number;
  /** Makes the error an instance of a subclass (RedisUnreachableError). */
  errorClass?: new (message: string) => ServiceUnreachableError;
}

/**
 * Retries `attempt` every `retryMs` until it succeeds or `timeoutMs` is over (a worker may start
 * before its services: compose and Kubernetes start them side by side), then rejects with a
 * message naming the service, the URL and the last error, so a wrong URL is a clear failure at
 * start instead of a worker that logs "started" and then retries forever.
 */
export async function waitUntilReachable(options: WaitOptions): Promise<void> {
  const { timeoutMs, retryMs = 500 } = options;
  const deadline = Date.now() + timeoutMs;
  let lastError = 'no answer';
  for (;;) {
    try {
      await options.attempt(Math.max(100, deadline - Date.now()));
      return;
    } catch (error) {
      lastError = (error as Error).message || String(error);
    }
    // the whole wait is given: the last attempt is made at the deadline, not a retry before it
    const remaining = deadline - Date.now();
    if (remaining <= 0) {
      const ErrorClass = options.errorClass ?? ServiceUnreachableError;
      throw new ErrorClass(
        `${options.service} is not reachable at ${options.redactedUrl} after ${Math.round(timeoutMs / 1000)} s (${lastError}). ` +
          `${options.hint}; WORKER_STARTUP_TIMEOUT_MS sets how long to wait.`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, Math.min(retryMs, remaining)));
  }
}
