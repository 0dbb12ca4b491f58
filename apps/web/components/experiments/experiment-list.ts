import {
  defaultExperimentOrder,
  EXPERIMENT_SEARCH_MAX_LENGTH,
  EXPERIMENT_SORT_FIELDS,
  EXPERIMENT_STATUSES,
  SEARCH_STRATEGY_KINDS,
  ZDatasetKey,
  type TExperimentListQueryInput,
  type TExperimentSortField,
  type TExperimentStatus,
  type TSearchStrategyKind,
  type TSortOrder,
} from '@atelier/domain';
import { inProject, projectOfSearchParams } from '@/lib/project-scope';

/**
 * The experiments page's state lives in its URL (`?project=&sort=&order=&status=&dataset=&strategy=&q=&page=`)
 * so links, reloads and the back button keep it, and the page works without JavaScript: sort
 * headers and pages are links, the filters a GET form.
 */
export interface ExperimentListState {
  /** The project picked in the header's switcher (its slug), or null for every project. */
  project: string | null;
  sort: TExperimentSortField;
  order: TSortOrder;
  /** Any of these statuses; empty: every status. */
  status: TExperimentStatus[];
  /** Dataset key, or null for every dataset. */
  dataset: string | null;
  strategy: TSearchStrategyKind | null;
  /** Text searched in names and descriptions, trimmed; '' for none. */
  q: string;
  /** 1-based. */
  page: number;
}

export const EXPERIMENTS_PAGE_SIZE = 20;

export const INITIAL_LIST_STATE: ExperimentListState = {
  project: null,
  sort: 'createdAt',
  order: defaultExperimentOrder('createdAt'),
  status: [],
  dataset: null,
  strategy: null,
  q: '',
  page: 1,
};

export const SORT_LABELS: Record<TExperimentSortField, string> = {
  createdAt: 'created',
  name: 'name',
  status: 'status',
  dataset: 'dataset',
  trialCount: 'trials / runs',
  bestValAccuracy: 'best val. accuracy',
  finishedAt: 'finished',
};

export const STRATEGY_LABELS: Record<TSearchStrategyKind, string> = {
  grid: 'Grid',
  random: 'Random',
  asha: 'ASHA',
  hyperband: 'Hyperband',
  tpe: 'TPE',
};

type SearchParams = Readonly<Record<string, string | string[] | undefined>>;

const values = (value: string | string[] | undefined): string[] => (value === undefined ? [] : Array.isArray(value) ? value : [value]);
const first = (value: string | string[] | undefined): string => values(value)[0]?.trim() ?? '';
const oneOf = <T extends string>(options: readonly T[], value: string): T | null =>
  (options as readonly string[]).includes(value) ? (value as T) : null;

/**
 * The state a URL asks for, read leniently: a value the page cannot use (a typo, an old link) is
 * dropped and its default applies, rather than an error page. Empty values, which a GET form
 * sends for its "any" options, mean "no filter".
 */
export function parseListState(params: SearchParams): ExperimentListState {
  const sort = oneOf(EXPERIMENT_SORT_FIELDS, first(params.sort)) ?? INITIAL_LIST_STATE.sort;
  const status = [
    ...new Set(
      values(params.status)
        .flatMap((part) => part.split(','))
        .map((part) => oneOf(EXPERIMENT_STATUSES, part.trim()))
        .filter((part): part is TExperimentStatus => part !== null),
    ),
  ];
  const dataset = first(params.dataset);
  const page = Number.parseInt(first(params.page), 10);
  return {
    project: projectOfSearchParams(params),
    sort,
    order: oneOf(['asc', 'desc'] as const, first(params.order)) ?? defaultExperimentOrder(sort),
    status,
    dataset: dataset && ZDatasetKey.safeParse(dataset).success ? dataset : null,
    strategy: oneOf(SEARCH_STRATEGY_KINDS, first(params.strategy)),
    q: first(params.q).slice(0, EXPERIMENT_SEARCH_MAX_LENGTH).trim(),
    page: Number.isFinite(page) && page > 1 ? page : 1,
  };
}

/** The URL of a state; defaults are left out, so the plain list is `/experiments`. */
export function listHref(state: ExperimentListState): string {
  const query = new URLSearchParams();
  if (state.project) query.set('project', state.project);
  if (state.sort !== INITIAL_LIST_STATE.sort) query.set('sort', state.sort);
  if (state.order !== defaultExperimentOrder(state.sort)) query.set('order', state.order);
  if (state.status.length > 0) query.set('status', state.status.join(','));
  if (state.dataset) query.set('dataset', state.dataset);
  if (state.strategy) query.set('strategy', state.strategy);
  if (state.q) query.set('q', state.q);
  if (state.page > 1) query.set('page', String(state.page));
  const qs = query.toString();
  return `/experiments${qs ? `?${qs}` : ''}`;
}

/** Sorting by a column: the same column flips; another starts in its own default order. Back to page 1. */
export function sortHref(state: ExperimentListState, field: TExperimentSortField): string {
  const order = state.sort === field ? (state.order === 'asc' ? 'desc' : 'asc') : defaultExperimentOrder(field);
  return listHref({ ...state, sort: field, order, page: 1 });
}

export function pageHref(state: ExperimentListState, page: number): string {
  return listHref({ ...state, page: Math.max(1, page) });
}

/** A status tab: one status, or every status for null; other filters and the sort are kept. */
export function statusHref(state: ExperimentListState, status: TExperimentStatus | null): string {
  return listHref({ ...state, status: status ? [status] : [], page: 1 });
}

/** Every filter dropped, the project and the sort kept (the project is the switcher's, not a filter). */
export function clearFiltersHref(state: ExperimentListState): string {
  return listHref({ ...INITIAL_LIST_STATE, project: state.project, sort: state.sort, order: state.order });
}

export function hasFilters(state: ExperimentListState): boolean {
  return state.status.length > 0 || state.dataset !== null || state.strategy !== null || state.q !== '';
}

/** The API query of a state (GET /experiments). */
export function listQuery(state: ExperimentListState, pageSize = EXPERIMENTS_PAGE_SIZE): TExperimentListQueryInput {
  return inProject(
    {
      limit: pageSize,
      offset: (state.page - 1) * pageSize,
      sort: state.sort,
      order: state.order,
      ...(state.status.length > 0 ? { status: state.status.join(',') } : {}),
      ...(state.dataset ? { dataset: state.dataset } : {}),
      ...(state.strategy ? { strategy: state.strategy } : {}),
      ...(state.q ? { q: state.q } : {}),
    },
    state.project,
  );
}

/** The active filters in words, for the empty state: ["status running or queued", "dataset mnist", …]. */
export function describeFilters(state: ExperimentListState): string[] {
  const parts: string[] = [];
  if (state.status.length > 0) parts.push(`status ${state.status.join(' or ')}`);
  if (state.dataset) parts.push(`dataset ${state.dataset}`);
  if (state.strategy) parts.push(`strategy ${STRATEGY_LABELS[state.strategy]}`);
  if (state.q) parts.push(`“${state.q}” in the name or description`);
  return parts;
}
