import { createParamDecorator, type ExecutionContext, SetMetadata } from '@nestjs/common';
import type { Request } from 'express';
import type { z } from 'zod';
import { ZApiError } from '@atelier/domain';
import { badRequest } from './api-exception';
import { summarizeIssues, zodIssues } from './zod-issues';

export interface ResponseContract {
  description: string;
  schema?: z.ZodType;
  /** Defaults to application/json. */
  contentType?: string;
}

/**
 * What a route accepts and answers, declared once with the shared zod schemas: the same
 * declaration validates the request (through the @Valid* parameter decorators) and
 * generates the OpenAPI document, so the two cannot drift apart.
 */
export interface RouteContract {
  summary: string;
  /** Defaults to `<controller><Method>`, e.g. experimentsCancel. */
  operationId?: string;
  description?: string;
  tags?: string[];
  params?: z.ZodObject;
  query?: z.ZodObject;
  body?: z.ZodType;
  responses: Record<number, ResponseContract>;
}

/** The 503 of a route that queues jobs: Redis did not answer, and this is what became of the request. */
export const queueUnreachable = (outcome: string): ResponseContract => ({
  description: `The queue (Redis) is unreachable; ${outcome}`,
  schema: ZApiError,
});

/**
 * The 409 of a search-only route asked about a tracked experiment (runs logged from code): there
 * is no search to show or act on, and the message points to its runs.
 */
export const notASearch: ResponseContract = {
  description: 'A tracked experiment (runs logged from code) has no search; the message points to GET /runs?experiment=<id>',
  schema: ZApiError,
};

export const CONTRACT_METADATA = 'atelier:contract';

export const Contract = (contract: RouteContract) => SetMetadata(CONTRACT_METADATA, contract);

export function getContract(handler: object): RouteContract | undefined {
  return Reflect.getMetadata(CONTRACT_METADATA, handler) as RouteContract | undefined;
}

type Part = 'params' | 'query' | 'body';
const LABEL: Record<Part, string> = { params: 'path parameter', query: 'query parameter', body: 'request body' };

/** Parses one part of the request with the schema the route's contract declares for it. */
export function validatePart(contract: RouteContract | undefined, part: Part, value: unknown): unknown {
  const schema = contract?.[part];
  if (!schema) throw new Error(`route has no contract for its ${part}: declare it in @Contract`);
  const result = schema.safeParse(part === 'body' && value === undefined ? {} : value);
  if (result.success) return result.data;
  const issues = zodIssues(result.error);
  const message = part === 'body' ? `Invalid request: ${summarizeIssues(issues)}` : `Invalid ${LABEL[part]}: ${summarizeIssues(issues)}`;
  throw badRequest(message, issues);
}

const fromContract = (part: Part) =>
  createParamDecorator((_data: unknown, context: ExecutionContext) => {
    const request = context.switchToHttp().getRequest<Request>();
    return validatePart(getContract(context.getHandler()), part, request[part]);
  });

/** The request body, parsed with the route contract's `body` schema (defaults applied). */
export const ValidBody = fromContract('body');
/** The path parameters, parsed with the route contract's `params` schema. */
export const ValidParams = fromContract('params');
/** The query string, parsed with the route contract's `query` schema. */
export const ValidQuery = fromContract('query');
