import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import type { z } from 'zod';
import { RUN_LIMITS, type TRunFilterError, ZLogRequest } from '@atelier/domain';
import { ApiException, badRequest } from '../common/api-exception';
import { strictRequestSchema } from '../common/strict-schema';
import { zodIssues } from '../common/zod-issues';

type Issue = { path: string; message: string };

/**
 * One sentence naming where each problem is, as the user wrote it: "metrics[3].value must be a
 * number or NaN/Infinity/-Infinity". The run schemas phrase their rules as "must …" so a path
 * reads as the subject; any other message follows a colon.
 */
export function describeIssues(issues: readonly Issue[]): string {
  return issues
    .slice(0, 10)
    .map((issue) => {
      if (!issue.path || issue.message.startsWith(issue.path)) return issue.message;
      return /^must\b/.test(issue.message) ? `${issue.path} ${issue.message}` : `${issue.path}: ${issue.message}`;
    })
    .join('; ')
    .concat(issues.length > 10 ? `; and ${issues.length - 10} more` : '');
}

/** The issues of a run request, with zod's wording of unknown fields replaced by one that lists them. */
export function runIssues(error: z.ZodError): Issue[] {
  return zodIssues(error).map((issue, index) => {
    const raw = error.issues[index] as { code?: string; keys?: string[] } | undefined;
    if (raw?.code === 'unrecognized_keys' && raw.keys) {
      const where = issue.path || 'the request';
      return { path: issue.path, message: `${where} has no field ${raw.keys.map((key) => `'${key}'`).join(', ')}` };
    }
    return issue;
  });
}

export function invalidRunRequest(what: string, issues: Issue[]): ApiException {
  return badRequest(`Invalid ${what}: ${describeIssues(issues)}`, issues);
}

/**
 * A filter or sort of the filter language that does not parse: a 400 whose `position` (0-based)
 * and `expected` let a client put a caret under the problem. Every list that takes the language
 * (GET /runs, GET /experiments/{id}/trials) answers with it.
 */
export function filterError(parameter: 'filter' | 'sort', error: TRunFilterError): ApiException {
  return new ApiException(
    400,
    'validation_failed',
    `Invalid ${parameter}: ${error.message}`,
    [{ path: parameter, message: error.message }],
    {
      position: error.position,
      expected: error.expected,
    },
  );
}

/**
 * The body of POST /runs/{id}/log. The batch size is checked first (413 above
 * RUN_LIMITS.pointsPerLog, before a point is read), then every point, with messages that name
 * its index in the batch.
 */
export const ValidLogBody = createParamDecorator((_data: unknown, context: ExecutionContext) => {
  const body: unknown = context.switchToHttp().getRequest<Request>().body ?? {};
  const metrics = body && typeof body === 'object' ? (body as { metrics?: unknown }).metrics : undefined;
  if (Array.isArray(metrics) && metrics.length > RUN_LIMITS.pointsPerLog) {
    throw new ApiException(
      413,
      'payload_too_large',
      `A log batch holds at most ${RUN_LIMITS.pointsPerLog} points; this one has ${metrics.length}. Send them in batches of ${RUN_LIMITS.pointsPerLog} or fewer: nothing was stored.`,
    );
  }
  const result = strictRequestSchema(ZLogRequest).safeParse(body);
  if (!result.success) throw invalidRunRequest('log batch', runIssues(result.error));
  return result.data;
});
