import {
  hyperparameterDefinition,
  SEARCHABLE_HYPERPARAMETER_NAMES,
  type TCategoricalHyperparameterName,
  type TNumericHyperparameterName,
  type TSearchableHyperparameterName,
  type TSearchSpace,
  type TTrialSortField,
  type TTrialTableQueryInput,
} from '@atelier/domain';

type CategoricalField = Extract<TSearchableHyperparameterName, TCategoricalHyperparameterName>;
type NumericField = Extract<TSearchableHyperparameterName, TNumericHyperparameterName>;

/** The categorical hyperparameters, filtered by one value each (from the registry). */
export const CATEGORICAL_FILTER_FIELDS = SEARCHABLE_HYPERPARAMETER_NAMES.filter((name) => hyperparameterDefinition(name).kind === 'categorical') as CategoricalField[];
/** Columns filtered by one value: the status and the categorical hyperparameters. */
export const VALUE_FILTER_FIELDS = ['status', ...CATEGORICAL_FILTER_FIELDS] as const;
export type ValueFilterField = (typeof VALUE_FILTER_FIELDS)[number];

/** The trials table's state as the user sets it (text as typed), and the query it becomes. */
export interface TrialTableState {
  sort: TTrialSortField;
  order: 'asc' | 'desc';
  offset: number;
  limit: number;
  /** Value filters: field → one value ('' for any). */
  values: Partial<Record<ValueFilterField, string>>;
  /** Range filter on one numeric column, as typed; accuracies in percent. */
  range: { field: RangeField; min: string; max: string };
}

const NUMERIC_HYPERPARAMETERS = SEARCHABLE_HYPERPARAMETER_NAMES.filter((name) => hyperparameterDefinition(name).kind !== 'categorical') as NumericField[];

/** [field, label, in percent]: the scores first, then every numeric hyperparameter (registry order). */
export const RANGE_FIELDS = [
  ['meanValAccuracy', 'Mean val. accuracy (%)', true],
  ['meanValLoss', 'Mean val. loss', false],
  ['testAccuracy', 'Test accuracy (%)', true],
  ...NUMERIC_HYPERPARAMETERS.map((name) => [name, hyperparameterDefinition(name).label, false] as const),
  ['parameterCount', 'Parameters', false],
  ['number', 'Trial number', false],
] as const;
export type RangeField = (typeof RANGE_FIELDS)[number][0];

export const INITIAL_TABLE_STATE: TrialTableState = {
  sort: 'number',
  order: 'asc',
  offset: 0,
  limit: 25,
  values: {},
  range: { field: 'meanValAccuracy', min: '', max: '' },
};

/** Sorting a new column: scores best first, everything else ascending; the same column flips. */
export function nextSort(state: TrialTableState, field: TTrialSortField): Pick<TrialTableState, 'sort' | 'order'> {
  if (state.sort === field) return { sort: field, order: state.order === 'asc' ? 'desc' : 'asc' };
  const descending = field === 'meanValAccuracy' || field === 'testAccuracy';
  return { sort: field, order: descending ? 'desc' : 'asc' };
}

/** The API query; a range bound that is not a number is left out (and reported by `rangeError`). */
export function tableQuery(state: TrialTableState): TTrialTableQueryInput {
  const query: Record<string, string | number> = { sort: state.sort, order: state.order, offset: state.offset, limit: state.limit };
  for (const [field, value] of Object.entries(state.values)) if (value) query[field] = value;
  const percent = RANGE_FIELDS.find(([f]) => f === state.range.field)?.[2] ?? false;
  for (const bound of ['min', 'max'] as const) {
    const text = state.range[bound].trim();
    if (text === '' || !Number.isFinite(Number(text))) continue;
    const value = Number(text);
    query[`${state.range.field}.${bound}`] = String(percent ? value / 100 : value);
  }
  return query as TTrialTableQueryInput;
}

export function rangeError(state: TrialTableState): string | null {
  for (const bound of ['min', 'max'] as const) {
    const text = state.range[bound].trim();
    if (text !== '' && !Number.isFinite(Number(text))) return `${bound} must be a number`;
  }
  return null;
}

/** The values a search space allows for the categorical filters. */
export function valueOptions(space: TSearchSpace): Record<CategoricalField, string[]> {
  return Object.fromEntries(CATEGORICAL_FILTER_FIELDS.map((name) => [name, [...((space[name] as readonly string[] | undefined) ?? [])]])) as Record<CategoricalField, string[]>;
}
