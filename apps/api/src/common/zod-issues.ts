import type { z } from 'zod';
import { explainUnionIssues, type TApiError } from '@atelier/domain';

type Issue = NonNullable<TApiError['issues']>[number];

/** `space.batchSize[0]`: the path a user sees in their own JSON. */
export function formatPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((out, key) => (typeof key === 'number' ? `${out}[${key}]` : out ? `${out}.${String(key)}` : String(key)), '');
}

export function zodIssues(error: z.ZodError, root?: string): Issue[] {
  return explainUnionIssues(error.issues as never).map((issue) => {
    const path = formatPath([...(root ? [root] : []), ...issue.path]);
    return { path, message: keyMessage(issue) ?? issue.message };
  });
}

/** A record key refused by its schema: zod says only "Invalid key in record"; the key's own rule says why. */
function keyMessage(issue: { code?: string; issues?: readonly { message: string }[] }): string | null {
  const inner = issue.code === 'invalid_key' ? issue.issues?.[0]?.message : undefined;
  return inner ? `invalid key: ${inner}` : null;
}

/** One sentence for the whole error: every issue, prefixed with where it is. */
export function summarizeIssues(issues: Issue[]): string {
  const parts = issues.map((issue) => (issue.path ? `${issue.path}: ${issue.message}` : issue.message));
  const [only] = parts;
  return parts.length === 1 && only !== undefined ? only : parts.map((part) => part.replace(/\.$/, '')).join('; ');
}
