import {
  type TAugmentation,
  type TSearchSpace,
  type TSearchStrategy,
  type TValidationPlan,
  ZAugmentation,
  ZSearchSpace,
  ZSearchStrategy,
  ZValidationPlan,
} from '@atelier/domain';

/**
 * An experiment row is a search (Atelier's workers run its trials) or a tracked experiment (runs
 * logged from code), and the search-only columns are null for the latter. Search code paths read
 * a row through searchExperimentOf once, and from then on have the columns typed and non-null:
 * no `!` scattered around, and one clear error for a tracked experiment or a damaged row.
 */

/** The experiment is a tracked one: search-only operations do not apply (the API answers 409). */
export class NotASearchError extends Error {
  constructor(
    readonly experimentId: string,
    readonly kind: string,
  ) {
    super(
      `experiment ${experimentId} is a ${kind} experiment (runs logged from code), not a search: list its runs with GET /runs?experiment=${experimentId}`,
    );
    this.name = 'NotASearchError';
  }
}

/** The columns searchExperimentOf reads; any other selected column passes through unchanged. */
export interface SearchExperimentColumns {
  id: string;
  kind: string;
  strategy: unknown;
  seed?: number | null;
  space?: unknown;
  validation?: unknown;
  augmentation?: unknown;
  dataset?: object | null;
}

type Parsed<R, K extends keyof R, T> = K extends keyof R ? { [P in K]: T } : unknown;

/** A search experiment row: the selected search-only columns parsed and non-null. */
export type SearchExperiment<R extends SearchExperimentColumns> = Omit<
  R,
  'kind' | 'strategy' | 'seed' | 'space' | 'validation' | 'augmentation' | 'dataset'
> & {
  kind: 'search';
  strategy: TSearchStrategy;
} & Parsed<R, 'seed', number> &
  Parsed<R, 'space', TSearchSpace> &
  Parsed<R, 'validation', TValidationPlan> &
  Parsed<R, 'augmentation', TAugmentation | null> &
  Parsed<R, 'dataset', NonNullable<R['dataset']>>;

/**
 * Parses the search-only columns the row holds (those the query selected) with the shared
 * schemas. Throws NotASearchError for a tracked experiment, and an Error naming the column for a
 * search whose column is null or does not parse (a damaged row: retrying will not help).
 */
export function searchExperimentOf<R extends SearchExperimentColumns>(row: R): SearchExperiment<R> {
  if (row.kind !== 'search') throw new NotASearchError(row.id, row.kind);
  const column = <T>(name: string, value: unknown, parse: (value: unknown) => T): T => {
    if (value === null || value === undefined) throw new Error(`search experiment ${row.id} has no ${name}: the row is damaged`);
    try {
      return parse(value);
    } catch (error) {
      // a ZodError's issues, one line each, rather than its JSON message
      const issues = (error as { issues?: { path: PropertyKey[]; message: string }[] }).issues;
      const detail = issues
        ? issues.map((issue) => `${issue.path.join('.') || '(value)'}: ${issue.message}`).join('; ')
        : (error as Error).message;
      throw new Error(`search experiment ${row.id} has an invalid ${name} (${detail})`, { cause: error });
    }
  };
  const parsed: Record<string, unknown> = {
    ...(row as Record<string, unknown>),
    strategy: column('strategy', row.strategy, (v) => ZSearchStrategy.parse(v)),
  };
  if ('seed' in row) parsed.seed = column('seed', row.seed, (v) => v as number);
  if ('space' in row) parsed.space = column('space', row.space, (v) => ZSearchSpace.parse(v));
  if ('validation' in row) parsed.validation = column('validation plan', row.validation, (v) => ZValidationPlan.parse(v));
  if ('augmentation' in row) parsed.augmentation = row.augmentation === null ? null : ZAugmentation.parse(row.augmentation);
  if ('dataset' in row) parsed.dataset = column('dataset', row.dataset, (v) => v);
  return parsed as SearchExperiment<R>;
}
