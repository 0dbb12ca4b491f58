import { ZApiError, type TApiError } from '@atelier/domain';

/**
 * Why a call failed: the API answered with an error (`http`), the API could not be reached
 * (`network`, reported as 503 so callers treat it like an outage), or the API answered
 * something this client cannot read (`invalid-response`, reported as 502).
 */
export type ApiErrorKind = 'http' | 'network' | 'invalid-response';

export interface ApiErrorBody {
  /** Short machine-readable code, e.g. 'validation_failed', 'not_found', 'api_unreachable' */
  error: string;
  message: string;
  /** One entry per invalid field, from the API's zod validation */
  issues?: TApiError['issues'];
  /** A runs filter or sort that does not parse: the 0-based offset of the problem in it. */
  position?: number | null;
  kind?: ApiErrorKind;
}

/** The one error every call of the client throws. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly issues: TApiError['issues'];
  readonly position: number | null;
  readonly kind: ApiErrorKind;

  constructor(status: number, body: ApiErrorBody) {
    super(body.message);
    this.name = 'ApiError';
    this.status = status;
    this.code = body.error;
    this.issues = body.issues;
    this.position = body.position ?? null;
    this.kind = body.kind ?? 'http';
  }

  get isNotFound(): boolean {
    return this.status === 404;
  }

  /** The API is down or unreachable, or answered 503: worth retrying later. */
  get isUnavailable(): boolean {
    return this.kind === 'network' || this.status === 503;
  }
}

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError;
}

/**
 * The error of a non-2xx answer. `body` is what openapi-fetch read: parsed JSON, or the raw
 * text when it was not JSON (a proxy's HTML page, a body-size limit in front of the API).
 */
export function errorFromResponse(response: Response, body: unknown): ApiError {
  const parsed = ZApiError.safeParse(body);
  if (parsed.success) {
    // the runs list's 400 says where its filter went wrong, beside the usual fields
    const position = (body as { position?: unknown }).position;
    return new ApiError(response.status, {
      ...parsed.data,
      position: typeof position === 'number' && Number.isInteger(position) ? position : null,
    });
  }
  if (response.status === 413) return new ApiError(413, { error: 'http_413', message: 'The upload is too large for the server.' });
  const text = typeof body === 'string' ? body : '';
  return new ApiError(response.status, {
    error: `http_${response.status}`,
    message: `The API answered ${response.status} ${response.statusText}`.trim() + (text && text.length < 300 ? `: ${text}` : ''),
  });
}

/** fetch threw: no answer at all. undici hides the reason (ECONNREFUSED, DNS…) one level down. */
export function networkError(baseUrl: string, cause: unknown): ApiError {
  const error = cause as (Error & { cause?: Error }) | undefined;
  const reason = error?.cause?.message || error?.message || 'network error';
  return new ApiError(503, {
    error: 'api_unreachable',
    message: `Cannot reach the Atelier API at ${baseUrl} (${reason})`,
    kind: 'network',
  });
}

export function invalidResponse(what: string, detail: string): ApiError {
  return new ApiError(502, { error: 'invalid_response', message: `The API sent ${what} ${detail}`, kind: 'invalid-response' });
}
