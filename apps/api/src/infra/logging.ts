import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Params } from 'nestjs-pino';
import pino, { type DestinationStream, type Level } from 'pino';

/** Query parameters that can carry a credential; their values are masked in logged URLs. */
const SECRET_QUERY = /([?&](?:token|access_token|api_key|apikey|key|password|secret)=)[^&]*/gi;

export function maskUrl(url: string | undefined): string | undefined {
  return url?.replace(SECRET_QUERY, '$1[redacted]');
}

/** Paths whose requests are not logged one line each: probes and scrapes every few seconds. */
const QUIET_PATHS = new Set(['/health', '/health/live', '/metrics']);

/**
 * nestjs-pino's settings: JSON lines (ISO time, level label, service), one line per request with
 * its id, method, route, status and duration, and nothing that carries a credential: request
 * headers are not logged at all, URLs have their token-like query values masked, and any field
 * named like a secret is redacted.
 */
export function loggingParams(options: { level: Level | 'silent'; destination?: DestinationStream }): Params {
  return {
    pinoHttp: {
      logger: pino(
        {
          level: options.level,
          base: { service: 'atelier-api', pid: process.pid },
          timestamp: pino.stdTimeFunctions.isoTime,
          formatters: { level: (label) => ({ level: label }) },
          redact: {
            paths: [
              'password',
              'token',
              'authorization',
              'cookie',
              'secret',
              '*.password',
              '*.token',
              '*.authorization',
              '*.cookie',
              '*.secret',
            ],
            censor: '[redacted]',
          },
        },
        options.destination ?? pino.destination({ dest: 1, sync: true }),
      ),
      // set by requestContextMiddleware, which runs first
      genReqId: (request) => (request as IncomingMessage & { id: string }).id,
      autoLogging: { ignore: (request) => QUIET_PATHS.has((request.url ?? '').split('?', 1).join('')) },
      customLogLevel: (_request, response, error) =>
        error || response.statusCode >= 500 ? 'error' : response.statusCode >= 400 ? 'warn' : 'info',
      customSuccessMessage: (request, response) => `${request.method} ${maskUrl(request.url)} ${response.statusCode}`,
      customErrorMessage: (request, response) => `${request.method} ${maskUrl(request.url)} ${response.statusCode}`,
      customAttributeKeys: { req: 'request', res: 'response', responseTime: 'durationMs' },
      // on every line logged while the request is handled, not only on its summary line
      customProps: (request) => ({ requestId: (request as IncomingMessage & { id: string }).id }),
      serializers: {
        request: (request: IncomingMessage & { id?: string; raw?: IncomingMessage }) => ({
          method: request.method,
          url: maskUrl(request.url),
          remoteAddress: (request as { remoteAddress?: string }).remoteAddress,
        }),
        response: (response: ServerResponse & { statusCode: number }) => ({ statusCode: response.statusCode }),
      },
    },
  };
}
