/**
 * Why a request to Atelier did not succeed, in the three ways the SDK treats differently:
 * - `network`: no answer at all (connection refused, DNS, reset): retried with back-off;
 * - `unavailable`: the API answered 5xx, 429 or 408 (the database is down, a restart): retried;
 * - `refused`: any other 4xx; sending the same request again would be refused again.
 */
export type FailureKind = 'network' | 'unavailable' | 'refused';

/** The error init() throws, and logModel() or logArtifact() reject with, when Atelier cannot be reached or refuses. */
export class AtelierError extends Error {
  /** Always 'AtelierError'. */
  override readonly name = 'AtelierError';

  /** @internal */
  constructor(
    message: string,
    /** How it failed; see {@link FailureKind}. */
    readonly kind: FailureKind,
    /** The HTTP status, when the API answered. */
    readonly status?: number,
  ) {
    super(message);
  }

  /** Whether the same request may succeed later (a network error or an unavailable API). */
  get retryable(): boolean {
    return this.kind !== 'refused';
  }
}

export function failureKindOf(status: number): FailureKind {
  return status >= 500 || status === 429 || status === 408 ? 'unavailable' : 'refused';
}
