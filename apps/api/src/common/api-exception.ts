import { HttpException } from '@nestjs/common';
import type { TApiError } from '@atelier/domain';

type Issue = NonNullable<TApiError['issues']>[number];

/** An HttpException that already carries the ZApiError body the filter sends. */
export class ApiException extends HttpException {
  /**
   * `extra`: fields beyond ZApiError that one route documents for one status (e.g. the import's
   * 422 `warnings`); the filter sends them beside the standard ones.
   */
  constructor(
    statusCode: number,
    error: string,
    message: string,
    issues?: Issue[],
    readonly extra?: Record<string, unknown>,
  ) {
    super({ statusCode, error, message, ...(issues && issues.length > 0 ? { issues } : {}) } satisfies TApiError, statusCode);
  }
}

export const badRequest = (message: string, issues?: Issue[]) => new ApiException(400, 'validation_failed', message, issues);
export const notFound = (message: string) => new ApiException(404, 'not_found', message);
export const conflict = (message: string) => new ApiException(409, 'conflict', message);
export const gone = (message: string) => new ApiException(410, 'gone', message);
export const unavailable = (message: string) => new ApiException(503, 'service_unavailable', message);
export const unauthorized = (message: string) => new ApiException(401, 'unauthorized', message);
export const forbidden = (message: string) => new ApiException(403, 'forbidden', message);
export const tooManyRequests = (message: string, retryAfterSeconds: number) =>
  new ApiException(429, 'too_many_requests', message, undefined, { retryAfterSeconds });
