import { JOB_NAMES, type TJobName } from '@atelier/domain';
import type { JobDefinition } from './job-definition';
import { refitJob } from './refit.job';
import { trainFoldJob } from './train-fold.job';

export type JobRegistry = ReadonlyMap<TJobName, JobDefinition<unknown>>;

/**
 * Maps every job kind to its one handler. Throws (and the worker refuses to start) when a
 * kind of `expected` has no handler, has two, or a handler names an unknown kind: a job
 * nobody can process would otherwise sit in the queue until its attempts run out.
 */
export function buildJobRegistry(
  definitions: readonly JobDefinition<unknown>[],
  expected: readonly string[] = Object.values(JOB_NAMES),
): JobRegistry {
  const byName = new Map<string, JobDefinition<unknown>[]>();
  for (const definition of definitions) byName.set(definition.name, [...(byName.get(definition.name) ?? []), definition]);
  const problems: string[] = [];
  for (const name of expected) {
    const count = byName.get(name)?.length ?? 0;
    if (count === 0) problems.push(`job "${name}" has no handler`);
    if (count > 1) problems.push(`job "${name}" has ${count} handlers`);
  }
  for (const name of byName.keys()) if (!expected.includes(name)) problems.push(`handler for unknown job "${name}" (not in JOB_NAMES)`);
  if (problems.length > 0) throw new Error(`Job registry is inconsistent: ${problems.join('; ')}`);
  // Every name left has exactly one definition (checked above).
  return new Map([...byName].flatMap(([name, [definition]]) => (definition ? [[name as TJobName, definition] as const] : [])));
}

/** Every job kind this worker handles: add a new kind's definition here. */
export const JOB_DEFINITIONS: readonly JobDefinition<unknown>[] = [trainFoldJob, refitJob];
