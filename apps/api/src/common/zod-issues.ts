import { closest, distance } from 'fastest-levenshtein';
import type { z } from 'zod';
import { explainUnionIssues, type TApiError } from '@atelier/domain';

type Issue = NonNullable<TApiError['issues']>[number];

/** `space.batchSize[0]`: the path a user sees in their own JSON. */
export function formatPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((out, key) => (typeof key === 'number' ? `${out}[${key}]` : out ? `${out}.${String(key)}` : String(key)), '');
}

export function zodIssues(error: z.ZodError, root?: string): Issue[] {
  // an unknown key first: a typo is usually why a required field is "missing" beside it
  const issues = [...error.issues].sort((a, b) => Number(b.code === 'unrecognized_keys') - Number(a.code === 'unrecognized_keys'));
  return explainUnionIssues(issues as never).map((issue) => {
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

/**
 * The known key a typo most likely meant: the nearest by edit distance (case differences
 * count as near misses first: 'learningrate' → 'learningRate'), and only when it is near
 * enough to be a typo rather than another word.
 */
export function nearestKey(key: string, known: readonly string[]): string | null {
  if (known.length === 0) return null;
  const sameLetters = known.find((name) => name.toLowerCase() === key.toLowerCase());
  if (sameLetters) return sameLetters;
  const best = closest(key, [...known]);
  return distance(key, best) <= Math.max(2, Math.floor(best.length / 3)) ? best : null;
}

/**
 * The message of an `unrecognized_keys` issue, the one place it is worded: unknown keys are
 * refused rather than dropped, because a dropped typo silently runs a different search.
 */
export function unknownFieldsMessage(keys: readonly string[], known: readonly string[]): string {
  const described = keys.map((key) => {
    const near = nearestKey(key, known);
    return near ? `'${key}' (did you mean '${near}'?)` : `'${key}'`;
  });
  const [only] = keys;
  if (keys.length === 1 && only !== undefined) {
    const near = nearestKey(only, known);
    return `unknown field '${only}'; ${near ? `did you mean '${near}'?` : `known fields: ${known.join(', ')}`}`;
  }
  return `unknown fields ${described.join(', ')}; known fields: ${known.join(', ')}`;
}
