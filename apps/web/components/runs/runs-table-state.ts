import { formatRunField, type TRunSummary } from '@atelier/domain';

/**
 * The runs table's pure part: which columns a page of runs has (a column per parameter and per
 * metric key found in it), which of them show (the column picker's choices over defaults), and
 * the sort and filter as the URL and GET /runs spell them. Plain functions (no 'use client'):
 * the server page reads the URL with them to load the first page.
 */

export type RunColumnKind = 'attribute' | 'param' | 'metric';

export interface RunColumn {
  /** Unique among the columns, and what the picker stores: `params.lr`, `metrics.loss`, `status`. */
  id: string;
  kind: RunColumnKind;
  /** The parameter or metric key; the attribute's name for attributes. */
  key: string;
  label: string;
  /** The field GET /runs sorts by (`sort=<field> desc`); null when the column cannot be sorted. */
  sortField: string | null;
  numeric: boolean;
}

/** Columns every run has, sorted by the `attributes.*` fields of the filter language. */
export const ATTRIBUTE_COLUMNS: readonly RunColumn[] = [
  { id: 'status', kind: 'attribute', key: 'status', label: 'Status', sortField: 'attributes.status', numeric: false },
  { id: 'createdAt', kind: 'attribute', key: 'createdAt', label: 'Created', sortField: 'attributes.created', numeric: false },
];

/** The name column always shows (it links to the run); the picker does not offer it. */
export const NAME_SORT_FIELD = 'attributes.name';

/** Until the user picks, a table shows every metric and the first this many parameters. */
export const DEFAULT_VISIBLE_PARAMS = 8;

/**
 * `params.lr`, or `params.\`batch size\`` for a key the filter language would otherwise read
 * differently: the language's own spelling (a metric field is its last value).
 */
export function fieldName(kind: 'params' | 'metrics' | 'tags', key: string): string {
  if (kind === 'metrics') return formatRunField({ kind: 'metric', key, aggregate: 'last' });
  return formatRunField({ kind: kind === 'params' ? 'param' : 'tag', key });
}

const byKey = (a: string, b: string) => a.localeCompare(b, 'en', { numeric: true, sensitivity: 'base' });

/** The columns of a page of runs: attributes, then every parameter key, then every metric key, each A→Z. */
export function discoverColumns(runs: readonly Pick<TRunSummary, 'params' | 'metrics'>[]): RunColumn[] {
  const params = new Map<string, boolean>();
  const metrics = new Set<string>();
  for (const run of runs) {
    for (const [key, value] of Object.entries(run.params)) params.set(key, (params.get(key) ?? true) && typeof value === 'number');
    for (const key of Object.keys(run.metrics)) metrics.add(key);
  }
  return [
    ...ATTRIBUTE_COLUMNS,
    ...[...params.keys()].sort(byKey).map((key): RunColumn => ({
      id: `params.${key}`,
      kind: 'param',
      key,
      label: key,
      sortField: fieldName('params', key),
      numeric: params.get(key) ?? false,
    })),
    ...[...metrics].sort(byKey).map((key): RunColumn => ({
      id: `metrics.${key}`,
      kind: 'metric',
      key,
      label: key,
      sortField: fieldName('metrics', key),
      numeric: true,
    })),
  ];
}

/** What the user chose in the column picker: explicit choices win; columns never chosen follow the defaults. */
export interface ColumnChoices {
  shown: string[];
  hidden: string[];
}

export const NO_CHOICES: ColumnChoices = { shown: [], hidden: [] };

/** Choices from storage; anything unreadable is no choice at all. */
export function parseColumnChoices(text: string | null): ColumnChoices {
  if (!text) return NO_CHOICES;
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value !== 'object' || value === null) return NO_CHOICES;
    const list = (field: unknown) => (Array.isArray(field) ? field.filter((item): item is string => typeof item === 'string') : []);
    return { shown: list((value as ColumnChoices).shown), hidden: list((value as ColumnChoices).hidden) };
  } catch {
    return NO_CHOICES;
  }
}

/**
 * Whether a column shows: the user's choice, else `byDefault`'s answer (a table of its own
 * defaults, as a search's trials table); without it, attributes and metrics yes, the first
 * DEFAULT_VISIBLE_PARAMS parameters yes.
 */
export function visibleColumns(
  columns: readonly RunColumn[],
  choices: ColumnChoices,
  byDefault?: (column: RunColumn) => boolean,
): RunColumn[] {
  const shown = new Set(choices.shown);
  const hidden = new Set(choices.hidden);
  let params = 0;
  return columns.filter((column) => {
    const visible = byDefault ? byDefault(column) : column.kind !== 'param' || params++ < DEFAULT_VISIBLE_PARAMS;
    if (shown.has(column.id)) return true;
    if (hidden.has(column.id)) return false;
    return visible;
  });
}

/** Shows or hides one column, keeping every other choice. */
export function chooseColumn(choices: ColumnChoices, id: string, visible: boolean): ColumnChoices {
  const shown = choices.shown.filter((c) => c !== id);
  const hidden = choices.hidden.filter((c) => c !== id);
  return visible ? { shown: [...shown, id], hidden } : { shown, hidden: [...hidden, id] };
}

/** Every column of a kind shown or hidden at once ("all parameters", "no metrics"). */
export function chooseAll(choices: ColumnChoices, columns: readonly RunColumn[], visible: boolean): ColumnChoices {
  return columns.reduce((next, column) => chooseColumn(next, column.id, visible), choices);
}

export type TSortDirection = 'asc' | 'desc';

export interface RunSort {
  field: string;
  direction: TSortDirection;
}

/** The table's state in its URL (`?filter=&sort=`, the API's own spelling), so reloads and links keep it. */
export interface RunsTableState {
  /** The filter as applied (what GET /runs received), trimmed; '' for none. */
  filter: string;
  /** Null: the API's default order (newest first). */
  sort: RunSort | null;
}

export const INITIAL_RUNS_STATE: RunsTableState = { filter: '', sort: null };

type UrlParams = URLSearchParams | Readonly<Record<string, string | string[] | undefined>>;

function read(params: UrlParams, key: string): string {
  if (params instanceof URLSearchParams) return params.get(key) ?? '';
  const value = params[key];
  return (Array.isArray(value) ? value[0] : value) ?? '';
}

/** `metrics.loss desc` → { field, direction }; a bare field sorts ascending, as the API reads it. */
export function parseSort(text: string): RunSort | null {
  const trimmed = text.trim();
  if (!trimmed) return null;
  const match = /^(.*?)(?:\s+(asc|desc))?$/i.exec(trimmed);
  const field = match?.[1]?.trim();
  if (!field) return null;
  return { field, direction: (match?.[2]?.toLowerCase() as TSortDirection | undefined) ?? 'asc' };
}

export function formatSort(sort: RunSort | null): string {
  return sort ? `${sort.field} ${sort.direction}` : '';
}

export function runsStateFromParams(params: UrlParams): RunsTableState {
  return { filter: read(params, 'filter').trim(), sort: parseSort(read(params, 'sort')) };
}

const RUNS_KEYS = ['filter', 'sort'] as const;

/** Writes the state into `params`, leaving out defaults and every key it does not own. */
export function writeRunsState(params: URLSearchParams, state: RunsTableState): URLSearchParams {
  for (const key of RUNS_KEYS) params.delete(key);
  if (state.filter) params.set('filter', state.filter);
  if (state.sort) params.set('sort', formatSort(state.sort));
  return params;
}

/** Scores and times read best newest / largest first; names, statuses and settings A→Z. */
export function defaultDirection(column: Pick<RunColumn, 'kind' | 'key'>): TSortDirection {
  if (column.kind === 'metric') return /loss|error/i.test(column.key) ? 'asc' : 'desc';
  return column.kind === 'attribute' && column.key === 'createdAt' ? 'desc' : 'asc';
}

/** A click on a header: the same column flips, another starts in its own direction. */
export function nextRunSort(current: RunSort | null, column: Pick<RunColumn, 'kind' | 'key' | 'sortField'>): RunSort | null {
  if (!column.sortField) return current;
  if (current?.field === column.sortField) return { field: column.sortField, direction: current.direction === 'asc' ? 'desc' : 'asc' };
  return { field: column.sortField, direction: defaultDirection(column) };
}

/** The runs the table loads per request ("Load more" asks for the next as many). */
export const RUNS_PAGE_SIZE = 50;

/** GET /runs of a state: the experiment's runs, filtered and sorted by the API. */
export function runsQuery(state: RunsTableState, options: { experiment?: string; cursor?: string | null; limit?: number } = {}) {
  return {
    ...(options.experiment ? { experiment: options.experiment } : {}),
    ...(state.filter ? { filter: state.filter } : {}),
    ...(state.sort ? { sort: formatSort(state.sort) } : {}),
    limit: options.limit ?? RUNS_PAGE_SIZE,
    ...(options.cursor ? { cursor: options.cursor } : {}),
  };
}

/**
 * Where a filter went wrong: the 0-based offset the API's 400 gives (its `position`), else the
 * one its message names ("at position 14"); null when neither does or it lies past the end of
 * the filter (the message shows either way).
 */
export function filterErrorPosition(error: { message: string; position?: number | null }, filter: string): number | null {
  const named = /\bat position (\d+)/i.exec(error.message);
  const index = error.position ?? (named ? Number(named[1]) : null);
  return index !== null && index >= 0 && index <= filter.length ? index : null;
}
