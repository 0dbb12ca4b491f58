import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';

export const REQUEST_ID_HEADER = 'x-request-id';

// An id from a proxy or a client is kept when it is a plain token; anything else (too long,
// spaces, control characters that could forge log lines) is replaced.
const ACCEPTED_ID = /^[A-Za-z0-9._:-]{1,128}$/;

interface RequestContext {
  requestId: string;
}

const storage = new AsyncLocalStorage<RequestContext>();

/** The id of the request being handled, wherever in its async work this runs; undefined outside one. */
export function currentRequestId(): string | undefined {
  return storage.getStore()?.requestId;
}

/**
 * The first middleware: gives every request an id (the caller's x-request-id or a new UUID),
 * answers with it, and keeps it for the request's async work: its log lines and the jobs it queues.
 */
export function requestContextMiddleware(request: Request, response: Response, next: NextFunction): void {
  const inbound = request.headers[REQUEST_ID_HEADER];
  const requestId = typeof inbound === 'string' && ACCEPTED_ID.test(inbound) ? inbound : randomUUID();
  (request as Request & { id: string }).id = requestId;
  response.setHeader(REQUEST_ID_HEADER, requestId);
  storage.run({ requestId }, next);
}
