import {
  hyperparameterDefinition,
  HYPERPARAMETER_NAMES,
  SEARCHABLE_HYPERPARAMETER_NAMES,
  type THyperparameterName,
  type TSearchSpace,
  type TTrialTableKeys,
  type TTrialTableQueryInput,
} from '@atelier/domain';
import { defaultDirection, fieldName, type RunColumn, type TSortDirection } from '@/components/runs/runs-table-state';

/**
 * The trials table of a search, the runs table's sibling: the same filter language (sent to
 * GET /experiments/{id}/trials as `filter`, parsed and compiled by the API with the runs list's
 * code), a column per params and metric key of the search (the same column picker), sorted by
 * the API. Its own columns (status, progress, the cross-validation score, test accuracy, rung,
 * parameter count) come first. Plain functions: the server page reads the URL with them.
 */

/** The trials table's state as the user sets it; what the URL and the API query hold. */
export interface TrialTableState {
  /** A column of the table (`meanValAccuracy`) or a field of the filter language (`params.dropout`, `metrics.val_loss`). */
  sort: string;
  order: TSortDirection;
  offset: number;
  limit: number;
  /** The filter as applied (what the API received), trimmed; '' for none. */
  filter: string;
}

export const INITIAL_TABLE_STATE: TrialTableState = { sort: 'number', order: 'asc', offset: 0, limit: 25, filter: '' };

/** The table's own columns (kind 'attribute' in the picker), each sorted by the API's column of that name. */
export const TRIAL_COLUMNS: readonly RunColumn[] = [
  { id: 'status', kind: 'attribute', key: 'status', label: 'Status', sortField: 'status', numeric: false },
  { id: 'progress', kind: 'attribute', key: 'progress', label: 'Progress', sortField: null, numeric: false },
  {
    id: 'meanValAccuracy',
    kind: 'attribute',
    key: 'meanValAccuracy',
    label: 'Mean val. acc. ± std',
    sortField: 'meanValAccuracy',
    numeric: true,
  },
  { id: 'meanValLoss', kind: 'attribute', key: 'meanValLoss', label: 'Val. loss', sortField: 'meanValLoss', numeric: true },
  { id: 'testAccuracy', kind: 'attribute', key: 'testAccuracy', label: 'Test acc.', sortField: 'testAccuracy', numeric: true },
  { id: 'rung', kind: 'attribute', key: 'rung', label: 'Rung', sortField: 'rung', numeric: true },
  { id: 'parameterCount', kind: 'attribute', key: 'parameterCount', label: 'Params', sortField: 'parameterCount', numeric: true },
];

/**
 * Metrics shown until the user picks: training accuracy and loss (beside the validation score,
 * they show overfitting) and throughput. The validation metrics are the score columns already.
 */
export const DEFAULT_TRIAL_METRICS: readonly string[] = ['accuracy', 'loss', 'images_per_second'];

const byKey = (a: string, b: string) => a.localeCompare(b, 'en', { numeric: true, sensitivity: 'base' });

/**
 * Every column of a search's table: its own (rung only for a search with rungs), then a column
 * per params key and per metric key the API found in the search (A→Z), sorted by the language's fields.
 */
export function trialColumns(keys: TTrialTableKeys | null, options: { showRung: boolean }): RunColumn[] {
  const own = TRIAL_COLUMNS.filter((column) => options.showRung || column.key !== 'rung');
  if (!keys) return own;
  return [
    ...own,
    ...[...keys.params]
      .sort((a, b) => byKey(a.key, b.key))
      .map(({ key, numeric }): RunColumn => ({
        id: `params.${key}`,
        kind: 'param',
        key,
        label: key,
        sortField: fieldName('params', key),
        numeric,
      })),
    ...[...keys.metrics].sort(byKey).map((key): RunColumn => ({
      id: `metrics.${key}`,
      kind: 'metric',
      key,
      label: key,
      sortField: fieldName('metrics', key),
      numeric: true,
    })),
  ];
}

/**
 * What shows before the user picks: the table's own columns, the hyperparameters the space
 * searches (epochs too: under rungs, a trial's rung sets it), DEFAULT_TRIAL_METRICS.
 */
export function defaultTrialColumn(space: TSearchSpace): (column: RunColumn) => boolean {
  const searched = new Set<string>(SEARCHABLE_HYPERPARAMETER_NAMES.filter((name) => name === 'epochs' || space[name] !== undefined));
  return (column) => {
    if (column.kind === 'attribute') return true;
    if (column.kind === 'param') return searched.has(column.key);
    return DEFAULT_TRIAL_METRICS.includes(column.key);
  };
}

/** A params key's registry entry, when it is one of the hyperparameters (its label and default). */
export function hyperparameterOf(key: string): THyperparameterName | null {
  return (HYPERPARAMETER_NAMES as readonly string[]).includes(key) ? (key as THyperparameterName) : null;
}

/** The scores read best first; a metric in its own direction (losses up, the rest down); everything else ascending. */
function firstDirection(column: Pick<RunColumn, 'kind' | 'key'>): TSortDirection {
  if (column.kind === 'attribute') return column.key === 'meanValAccuracy' || column.key === 'testAccuracy' ? 'desc' : 'asc';
  return defaultDirection(column);
}

/** A click on a header: the same column flips, another starts in its own direction; a new sort starts from the first page. */
export function nextSort(
  state: Pick<TrialTableState, 'sort' | 'order'>,
  column: Pick<RunColumn, 'kind' | 'key' | 'sortField'>,
): Pick<TrialTableState, 'sort' | 'order'> {
  if (!column.sortField) return { sort: state.sort, order: state.order };
  if (state.sort === column.sortField) return { sort: column.sortField, order: state.order === 'asc' ? 'desc' : 'asc' };
  return { sort: column.sortField, order: firstDirection(column) };
}

/** The number column, sorted by the table's own `number`. */
export const NUMBER_COLUMN: Pick<RunColumn, 'kind' | 'key' | 'sortField'> = { kind: 'attribute', key: 'number', sortField: 'number' };

/** The API query of a state. */
export function tableQuery(state: TrialTableState): TTrialTableQueryInput {
  return {
    sort: state.sort,
    order: state.order,
    offset: state.offset,
    limit: state.limit,
    ...(state.filter ? { filter: state.filter } : {}),
  };
}

/**
 * A string literal of the filter language: single quotes, a quote inside doubled.
 * Used to turn the older URL filters (`?status=completed`) into the language.
 */
export function quoted(text: string): string {
  return `'${text.replace(/'/g, "''")}'`;
}

/**
 * The older filter controls' URL (`status`, one value per categorical hyperparameter, a range on
 * one column) as a filter in the language, so links made before the filter box still select the
 * same trials. A range over a score has no field in the language and is left out.
 */
export function legacyFilter(values: {
  status?: string;
  params: Partial<Record<THyperparameterName, string>>;
  range?: { field: string; min?: string; max?: string };
}): string {
  const parts: string[] = [];
  if (values.status) parts.push(`attributes.status = ${quoted(values.status)}`);
  for (const [name, value] of Object.entries(values.params)) if (value) parts.push(`${fieldName('params', name)} = ${quoted(value)}`);
  const range = values.range;
  const name = range ? hyperparameterOf(range.field) : null;
  const field =
    range?.field === 'number'
      ? 'attributes.number'
      : name && hyperparameterDefinition(name).kind !== 'categorical'
        ? fieldName('params', name)
        : null;
  if (range && field) {
    for (const [bound, op] of [
      [range.min, '>='],
      [range.max, '<='],
    ] as const) {
      const text = bound?.trim() ?? '';
      if (text !== '' && Number.isFinite(Number(text))) parts.push(`${field} ${op} ${Number(text)}`);
    }
  }
  return parts.join(' and ');
}
