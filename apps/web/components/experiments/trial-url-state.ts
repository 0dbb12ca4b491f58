import {
  hyperparameterDefinition,
  parseRunSort,
  SEARCHABLE_HYPERPARAMETER_NAMES,
  TRIAL_SORT_FIELDS,
  TRIAL_STATUSES,
} from '@atelier/domain';
import { INITIAL_TABLE_STATE, legacyFilter, type TrialTableState } from './trial-table';

/**
 * The experiment page's view state in its URL, so a reload, the back button or a shared link
 * shows the same table and curves: the trials table's sort, filter and page, and the trials
 * the charts show. Defaults are left out; a value that cannot be read falls back to the default.
 * Plain functions (no 'use client'): the server page reads them to load the right curves first.
 */

export type UrlParams = URLSearchParams | Record<string, string | string[] | undefined>;

const LIMITS = [10, 25, 50, 100];
/** The filters of the table before the filter box: read once into the language, never written. */
const CATEGORICAL = SEARCHABLE_HYPERPARAMETER_NAMES.filter((name) => hyperparameterDefinition(name).kind === 'categorical');
const LEGACY_KEYS = ['status', ...CATEGORICAL, 'range', 'min', 'max'] as const;
/** Every key this module owns, so writing removes the stale ones and keeps everyone else's. */
const TABLE_KEYS = ['sort', 'order', 'offset', 'limit', 'filter', ...LEGACY_KEYS] as const;
export const SELECTION_KEY = 'show';
const COLUMNS: ReadonlySet<string> = new Set(TRIAL_SORT_FIELDS);

function read(params: UrlParams, key: string): string | undefined {
  if (params instanceof URLSearchParams) return params.get(key) ?? undefined;
  const value = params[key];
  return Array.isArray(value) ? value[0] : value;
}

function wholeNumber(text: string | undefined): number | null {
  return text !== undefined && /^\d+$/.test(text) ? Number(text) : null;
}

/** A sort the API takes: one of the table's columns, or a field of the filter language alone (the direction is `order`). */
export function isTableSort(text: string): boolean {
  if (COLUMNS.has(text)) return true;
  return text.trim() !== '' && parseRunSort(text).ok && !/\s(asc|desc)\s*$/i.test(text);
}

export function tableStateFromParams(params: UrlParams): TrialTableState {
  const sort = read(params, 'sort')?.trim();
  const order = read(params, 'order');
  const limit = wholeNumber(read(params, 'limit'));
  const offset = wholeNumber(read(params, 'offset'));
  const state: TrialTableState = { ...INITIAL_TABLE_STATE };
  if (sort && isTableSort(sort)) state.sort = sort;
  if (order === 'asc' || order === 'desc') state.order = order;
  if (limit !== null && LIMITS.includes(limit)) state.limit = limit;
  // a page always starts on a multiple of its size
  if (offset !== null) state.offset = offset - (offset % state.limit);
  const filter = read(params, 'filter')?.trim();
  if (filter) state.filter = filter;
  else {
    const status = read(params, 'status');
    const range = read(params, 'range');
    state.filter = legacyFilter({
      status: status && (TRIAL_STATUSES as readonly string[]).includes(status) ? status : undefined,
      params: Object.fromEntries(CATEGORICAL.map((name) => [name, read(params, name)])),
      range: range ? { field: range, min: read(params, 'min'), max: read(params, 'max') } : undefined,
    });
  }
  return state;
}

/** Writes the table's state into `params`, leaving out defaults and keys it does not own untouched. */
export function writeTableState(params: URLSearchParams, state: TrialTableState): URLSearchParams {
  for (const key of TABLE_KEYS) params.delete(key);
  const initial = INITIAL_TABLE_STATE;
  if (state.sort !== initial.sort || state.order !== initial.order) {
    params.set('sort', state.sort);
    params.set('order', state.order);
  }
  if (state.limit !== initial.limit) params.set('limit', String(state.limit));
  if (state.offset > 0) params.set('offset', String(state.offset));
  if (state.filter) params.set('filter', state.filter);
  return params;
}

/** The trials the charts show: null when the URL does not say (the page's default applies); "none" is the empty pick. */
export function selectionFromParams(params: UrlParams): Set<number> | null {
  const text = read(params, SELECTION_KEY);
  if (text === undefined) return null;
  if (text === 'none') return new Set();
  const numbers = text
    .split(',')
    .map((part) => wholeNumber(part.trim()))
    .filter((n): n is number => n !== null && n >= 1);
  return numbers.length ? new Set(numbers) : null;
}

export function writeSelection(params: URLSearchParams, selection: ReadonlySet<number> | null): URLSearchParams {
  if (selection === null) params.delete(SELECTION_KEY);
  else params.set(SELECTION_KEY, selection.size === 0 ? 'none' : [...selection].sort((a, b) => a - b).join(','));
  return params;
}

/**
 * Rewrites the current URL's query in place. Next.js integrates history.replaceState with its
 * router (useSearchParams follows), and nothing is fetched again: the page state is the client's.
 */
export function replaceQuery(update: (params: URLSearchParams) => void): void {
  if (typeof window === 'undefined') return;
  const params = new URLSearchParams(window.location.search);
  const before = params.toString();
  update(params);
  const after = params.toString();
  if (after === before) return;
  window.history.replaceState(window.history.state, '', `${window.location.pathname}${after ? `?${after}` : ''}${window.location.hash}`);
}
