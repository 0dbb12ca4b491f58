import { BadRequestException, type ArgumentsHost, NotFoundException, PayloadTooLargeException } from '@nestjs/common';
import { ApiErrorFilter, toApiError } from './api-error.filter';
import { ApiException, badRequest, conflict } from './api-exception';

describe('toApiError', () => {
  it('keeps the body of our own exceptions, issues included', () => {
    expect(toApiError(badRequest('bad grid', [{ path: 'space', message: 'too big' }]))).toEqual({
      statusCode: 400,
      error: 'validation_failed',
      message: 'bad grid',
      issues: [{ path: 'space', message: 'too big' }],
    });
    expect(toApiError(conflict('already completed'))).toEqual({ statusCode: 409, error: 'conflict', message: 'already completed' });
  });

  it("maps Nest's exceptions (unknown route, body too large) to the same shape", () => {
    expect(toApiError(new NotFoundException('Cannot GET /nope'))).toEqual({
      statusCode: 404,
      error: 'not_found',
      message: 'Cannot GET /nope',
    });
    expect(toApiError(new PayloadTooLargeException('request entity too large'))).toEqual({
      statusCode: 413,
      error: 'payload_too_large',
      message: 'request entity too large',
    });
  });

  it('says malformed JSON is malformed JSON', () => {
    const parseError = new SyntaxError('Unexpected token } in JSON at position 9');
    const body = toApiError(new BadRequestException(parseError.message, { cause: parseError }));
    expect(body).toEqual({
      statusCode: 400,
      error: 'invalid_json',
      message: 'The request body is not valid JSON: Unexpected token } in JSON at position 9',
    });
  });

  it('hides the details of unexpected errors behind a 500', () => {
    expect(toApiError(new Error('connection string postgres://secret'))).toEqual({
      statusCode: 500,
      error: 'internal_error',
      message: 'Internal server error: the API logged the details.',
    });
  });
});

describe('ApiErrorFilter', () => {
  function host(headersSent = false) {
    const response = { headersSent, status: jest.fn(), json: jest.fn(), end: jest.fn() };
    response.status.mockReturnValue(response);
    const argumentsHost = { switchToHttp: () => ({ getResponse: () => response }) } as unknown as ArgumentsHost;
    return { response, argumentsHost };
  }

  it('answers with the status and the ZApiError body', () => {
    const { response, argumentsHost } = host();
    new ApiErrorFilter().catch(new NotFoundException('Cannot GET /x'), argumentsHost);
    expect(response.status).toHaveBeenCalledWith(404);
    expect(response.json).toHaveBeenCalledWith({ statusCode: 404, error: 'not_found', message: 'Cannot GET /x' });
  });

  it("sends a route's documented extra fields beside the standard ones, which they cannot override", () => {
    const { response, argumentsHost } = host();
    const warnings = [{ kind: 'single-class', count: 3, message: 'one class' }];
    new ApiErrorFilter().catch(
      new ApiException(422, 'unconfirmed_warnings', 'not imported', undefined, { warnings, statusCode: 200 }),
      argumentsHost,
    );
    expect(response.status).toHaveBeenCalledWith(422);
    expect(response.json).toHaveBeenCalledWith({ statusCode: 422, error: 'unconfirmed_warnings', message: 'not imported', warnings });
  });

  it('only ends a response that already started (an event stream)', () => {
    const { response, argumentsHost } = host(true);
    new ApiErrorFilter().catch(conflict('x'), argumentsHost);
    expect(response.status).not.toHaveBeenCalled();
    expect(response.end).toHaveBeenCalled();
  });
});
