import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import { STATUS_CODES } from 'node:http';
import type { Response } from 'express';
import { type TApiError, ZApiError } from '@atelier/domain';
import { NotASearchError } from '@atelier/db';
import { ApiException } from './api-exception';
import { databaseOutage } from './database-outage';
import { redisOutage } from './redis-outage';

const CODES: Record<number, string> = {
  400: 'bad_request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  405: 'method_not_allowed',
  409: 'conflict',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  422: 'unprocessable_entity',
  429: 'too_many_requests',
  503: 'service_unavailable',
};

/** Maps anything thrown to the one error shape (ZApiError); only unexpected errors are 500s. */
export function toApiError(exception: unknown): TApiError {
  if (exception instanceof HttpException) {
    const status = exception.getStatus();
    const body = exception.getResponse();
    if (exception instanceof ApiException) return ZApiError.parse(body);
    if (status === 400 && exception.cause instanceof SyntaxError) {
      return { statusCode: 400, error: 'invalid_json', message: `The request body is not valid JSON: ${exception.cause.message}` };
    }
    const raw = typeof body === 'string' ? body : (body as { message?: unknown }).message;
    const message = Array.isArray(raw) ? raw.join('; ') : typeof raw === 'string' ? raw : exception.message;
    return { statusCode: status, error: CODES[status] ?? snake(STATUS_CODES[status] ?? 'error'), message };
  }
  // A search-only route asked about a tracked experiment: one rule for every such route.
  if (exception instanceof NotASearchError) return { statusCode: 409, error: 'conflict', message: `The ${exception.message}` };
  const outage = databaseOutage(exception);
  if (outage) {
    return {
      statusCode: 503,
      error: 'service_unavailable',
      message: `The database (PostgreSQL) is unavailable (${outage}). Try again once it is back: GET /health reports it.`,
    };
  }
  const redisDown = redisOutage(exception);
  if (redisDown) {
    return {
      statusCode: 503,
      error: 'service_unavailable',
      message: `Redis (the queue and live progress) is unavailable (${redisDown}). Try again once it is back: GET /health reports it.`,
    };
  }
  return { statusCode: 500, error: 'internal_error', message: 'Internal server error: the API logged the details.' };
}

function snake(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_|_$/g, '');
}

@Catch()
export class ApiErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('ApiErrorFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    const body = { ...(exception instanceof ApiException ? exception.extra : undefined), ...toApiError(exception) };
    if (body.statusCode >= 500 && !(exception instanceof HttpException)) {
      this.logger.error(exception instanceof Error ? (exception.stack ?? exception.message) : String(exception));
    }
    // A stream (SSE) that already started cannot change its status: just end it.
    if (response.headersSent) {
      response.end();
      return;
    }
    const retryAfter = exception instanceof ApiException ? exception.extra?.retryAfterSeconds : undefined;
    if (typeof retryAfter === 'number') response.setHeader('Retry-After', String(retryAfter));
    response.status(body.statusCode).json(body);
  }
}
