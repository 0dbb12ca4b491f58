import { Prisma } from '@atelier/db/client';
import {
  RUN_DISPLAY_STATUSES,
  RUN_SOURCES,
  TRIAL_STATUSES,
  type TComparisonOperator,
  type TFilterValue,
  type TMetricAggregate,
  type TRunField,
  type TRunFilter,
  type TRunSort,
} from '@atelier/domain';

/**
 * Compiles the runs list's filter and sort (parsed by @atelier/domain/run-filter) to SQL over
 * `run r JOIN experiment e`. Every value and every key the user wrote travels as a bind parameter
 * (Prisma.sql); the only text spliced in is this file's own: operators from a closed list,
 * column names and join aliases it makes up itself.
 *
 * Semantics, two-valued so that `not` reads as a user expects:
 * - a comparison is false when the run lacks the field, or holds a value of another type there
 *   (params are typed: `params.lr > 0.01` compares numbers, `params.optimizer = 'adam'` text);
 * - `!=`, `not in`, `not like` need the field present; `not (…)` negates whatever it holds;
 * - a metric's NaN compares false with any number (IEEE) and `is null` means never logged;
 * - `contains` ignores case and takes its text literally; `like`/`ilike` use % and _.
 */

/** How the filter and the sort reach the metric summaries: one LEFT JOIN per metric key. */
export class MetricJoins {
  private readonly aliases = new Map<string, string>();

  alias(key: string): string {
    let alias = this.aliases.get(key);
    if (!alias) this.aliases.set(key, (alias = `ms${this.aliases.size}`));
    return alias;
  }

  get size(): number {
    return this.aliases.size;
  }

  /** The joins of the keys used so far, for the FROM clause. */
  sql(): Prisma.Sql {
    if (this.aliases.size === 0) return Prisma.empty;
    return Prisma.join(
      [...this.aliases].map(
        ([key, alias]) =>
          Prisma.sql`LEFT JOIN metric_summary ${Prisma.raw(alias)} ON ${Prisma.raw(alias)}.run_id = r.id AND ${Prisma.raw(alias)}.key = ${key}`,
      ),
      ' ',
    );
  }
}

/** SQL of the attributes that are not plain columns; `status` is the displayed one (lost included). */
export interface AttributeSql {
  status: Prisma.Sql;
  /** `status = <a shown status>` in a form the indexes and statistics of run.status answer (shownRunStatusIs). */
  statusIs?: (status: string) => Prisma.Sql;
}

const OPERATOR_SQL: Record<TComparisonOperator, string> = { '=': '=', '!=': '<>', '<': '<', '<=': '<=', '>': '>', '>=': '>=' };

const METRIC_COLUMN: Record<TMetricAggregate, string> = { last: 'last', min: 'min', max: 'max' };

/** `text` as a LIKE pattern matching it anywhere, its own wildcards taken literally ('!' escapes). */
export function containsPattern(text: string): string {
  return `%${text.replace(/[!%_]/g, (c) => `!${c}`)}%`;
}

const jsonOf = (key: string, value: TFilterValue) => JSON.stringify({ [key]: value });

/** The field read as one SQL type; null where the run lacks it or holds another type. */
function typedExpression(field: TRunField, type: 'number' | 'text' | 'boolean', joins: MetricJoins, attributes: AttributeSql): Prisma.Sql {
  switch (field.kind) {
    case 'param': {
      const jsonType = type === 'number' ? 'number' : type === 'text' ? 'string' : 'boolean';
      const cast = type === 'number' ? '::float8' : type === 'boolean' ? '::boolean' : '';
      return Prisma.sql`(CASE WHEN jsonb_typeof(r.params -> ${field.key}) = ${jsonType} THEN (r.params ->> ${field.key})${Prisma.raw(cast)} END)`;
    }
    case 'tag':
      return Prisma.sql`(r.tags ->> ${field.key})`;
    case 'metric': {
      const alias = joins.alias(field.key);
      // NaN compares as no value: PostgreSQL would otherwise order it above every number
      return Prisma.sql`NULLIF(${Prisma.raw(`${alias}.${METRIC_COLUMN[field.aggregate]}`)}, 'NaN'::float8)`;
    }
    case 'attribute':
      switch (field.name) {
        case 'id':
          return Prisma.sql`r.id::text`;
        case 'name':
          return Prisma.sql`r.name`;
        case 'number':
          return Prisma.sql`r.number::float8`;
        case 'status':
          return attributes.status;
        case 'source':
          return Prisma.sql`e.kind`;
        case 'experiment':
          return Prisma.sql`e.name`;
        case 'created':
          return Prisma.sql`r.created_at`;
        case 'started':
          return Prisma.sql`r.started_at`;
        case 'finished':
          return Prisma.sql`r.finished_at`;
        case 'lastSeen':
          return Prisma.sql`r.last_seen_at`;
      }
  }
}

const isDate = (field: TRunField) => field.kind === 'attribute' && ['created', 'started', 'finished', 'lastSeen'].includes(field.name);

/** A literal as a bind parameter of the SQL type it is compared as. */
function literal(field: TRunField, value: TFilterValue): Prisma.Sql {
  if (isDate(field)) return Prisma.sql`${String(value)}::timestamptz`;
  if (typeof value === 'number') return Prisma.sql`${value}::float8`;
  if (typeof value === 'boolean') return Prisma.sql`${value}::boolean`;
  return Prisma.sql`${value}::text`;
}

const typeOf = (value: TFilterValue): 'number' | 'text' | 'boolean' =>
  typeof value === 'number' ? 'number' : typeof value === 'boolean' ? 'boolean' : 'text';

/** Is the field there at all (for `!=` and the negated forms)? */
function presence(field: TRunField, joins: MetricJoins, attributes: AttributeSql): Prisma.Sql {
  switch (field.kind) {
    case 'param':
      return Prisma.sql`(r.params -> ${field.key}) IS NOT NULL`;
    case 'tag':
      return Prisma.sql`(r.tags -> ${field.key}) IS NOT NULL`;
    case 'metric':
      return Prisma.sql`${Prisma.raw(joins.alias(field.key))}.run_id IS NOT NULL`;
    case 'attribute':
      return Prisma.sql`${typedExpression(field, 'text', joins, attributes)} IS NOT NULL`;
  }
}

/**
 * Where a condition sits. Outside any `not`, only and/or stand above it, so a NULL (a missing
 * field) and false filter the same: the plain comparison is emitted, which PostgreSQL can answer
 * from an index (metric_summary (key, last)) and which lets it turn the metric LEFT JOIN into an
 * inner one. Under a `not`, NULL must become false first (coalesce) for the negation to be two-valued.
 */
export type Polarity = 'plain' | 'negated';

const coalesced = (condition: Prisma.Sql, polarity: Polarity) =>
  polarity === 'plain' ? condition : Prisma.sql`coalesce(${condition}, false)`;

function equals(field: TRunField, value: TFilterValue, joins: MetricJoins, attributes: AttributeSql, polarity: Polarity): Prisma.Sql {
  // containment is what the GIN index on run.params answers (jsonb equality: 1 matches 1.0)
  if (field.kind === 'param') return Prisma.sql`r.params @> ${jsonOf(field.key, value)}::jsonb`;
  if (field.kind === 'tag') return Prisma.sql`r.tags @> ${jsonOf(field.key, value)}::jsonb`;
  // the stored column where it says the same: an estimate of 25 % where the CASE got 0.5 %, and an index
  if (field.kind === 'attribute' && field.name === 'status' && attributes.statusIs && typeof value === 'string')
    return attributes.statusIs(value);
  // NaN equals no number, so the bare column (which the (key, last) index serves) is right here
  if (field.kind === 'metric')
    return coalesced(Prisma.sql`${Prisma.raw(`${joins.alias(field.key)}.${METRIC_COLUMN[field.aggregate]}`)} = ${value}::float8`, polarity);
  return coalesced(Prisma.sql`${typedExpression(field, typeOf(value), joins, attributes)} = ${literal(field, value)}`, polarity);
}

/** An ordered comparison; a metric's NaN (which PostgreSQL orders above every number) never passes. */
function ordered(
  field: TRunField,
  operator: TComparisonOperator,
  value: TFilterValue,
  joins: MetricJoins,
  attributes: AttributeSql,
  polarity: Polarity,
): Prisma.Sql {
  const op = Prisma.raw(OPERATOR_SQL[operator]);
  if (field.kind === 'metric') {
    // the bare column, so that the (key, last) index can answer a range on `last`
    const column = Prisma.raw(`${joins.alias(field.key)}.${METRIC_COLUMN[field.aggregate]}`);
    const notNaN = operator === '>' || operator === '>=' ? Prisma.sql` AND ${column} <> 'NaN'::float8` : Prisma.empty;
    return coalesced(Prisma.sql`(${column} ${op} ${value}::float8${notNaN})`, polarity);
  }
  const expression = typedExpression(field, isDate(field) ? 'text' : typeOf(value), joins, attributes);
  return coalesced(Prisma.sql`${expression} ${op} ${literal(field, value)}`, polarity);
}

export function compileFilter(node: TRunFilter, joins: MetricJoins, attributes: AttributeSql, polarity: Polarity = 'plain'): Prisma.Sql {
  switch (node.type) {
    case 'and':
    case 'or':
      return Prisma.sql`(${Prisma.join(
        node.operands.map((operand) => compileFilter(operand, joins, attributes, polarity)),
        node.type === 'and' ? ' AND ' : ' OR ',
      )})`;
    case 'not':
      return Prisma.sql`(NOT ${compileFilter(node.operand, joins, attributes, 'negated')})`;
    case 'compare': {
      const { field, value, operator } = node;
      if (operator === '=') return equals(field, value, joins, attributes, polarity);
      // the inner equality is negated: it must be two-valued whatever stands above
      if (operator === '!=')
        return Prisma.sql`(${presence(field, joins, attributes)} AND NOT ${equals(field, value, joins, attributes, 'negated')})`;
      return ordered(field, operator, value, joins, attributes, polarity);
    }
    case 'in': {
      const any = (inner: Polarity) =>
        Prisma.sql`(${Prisma.join(
          node.values.map((value) => equals(node.field, value, joins, attributes, inner)),
          ' OR ',
        )})`;
      return node.negated ? Prisma.sql`(${presence(node.field, joins, attributes)} AND NOT ${any('negated')})` : any(polarity);
    }
    case 'match': {
      const text = typedExpression(node.field, 'text', joins, attributes);
      const match =
        node.operator === 'contains'
          ? Prisma.sql`${text} ILIKE ${containsPattern(node.pattern)} ESCAPE '!'`
          : Prisma.sql`${text} ${Prisma.raw(node.operator === 'like' ? 'LIKE' : 'ILIKE')} ${node.pattern}`;
      return node.negated
        ? Prisma.sql`(${presence(node.field, joins, attributes)} AND NOT ${coalesced(match, 'negated')})`
        : coalesced(match, polarity);
    }
    case 'null': {
      const present = presence(node.field, joins, attributes);
      return node.negated ? present : Prisma.sql`(NOT ${present})`;
    }
  }
}

/** One ORDER BY term: an expression of the run, its direction and where NULLs go. */
export interface SortTerm {
  expression: Prisma.Sql;
  direction: 'ASC' | 'DESC';
  nulls: 'FIRST' | 'LAST';
}

/**
 * ORDER BY terms for the sort: runs without a value (and metrics at NaN) last in both directions,
 * then r.id, so that every page of an offset cursor is stable. A parameter holding numbers in
 * some runs and text in others sorts its numbers first, then its texts, then its booleans.
 */
export function compileSort(sort: TRunSort, joins: MetricJoins, attributes: AttributeSql): SortTerm[] {
  const direction = sort.direction === 'desc' ? 'DESC' : 'ASC';
  const { field } = sort;
  const terms: SortTerm[] = [];
  if (field.kind === 'param') {
    terms.push(
      {
        expression: Prisma.sql`array_position(ARRAY['number', 'string', 'boolean']::text[], jsonb_typeof(r.params -> ${field.key}))`,
        direction: 'ASC',
        nulls: 'LAST',
      },
      { expression: typedExpression(field, 'number', joins, attributes), direction, nulls: 'LAST' },
      { expression: typedExpression(field, 'text', joins, attributes), direction, nulls: 'LAST' },
      { expression: typedExpression(field, 'boolean', joins, attributes), direction, nulls: 'LAST' },
    );
  } else {
    const numeric = field.kind === 'metric' || (field.kind === 'attribute' && field.name === 'number');
    terms.push({ expression: typedExpression(field, numeric ? 'number' : 'text', joins, attributes), direction, nulls: 'LAST' });
  }
  terms.push({ expression: Prisma.sql`r.id`, direction: 'ASC', nulls: 'LAST' });
  return terms;
}

/**
 * The sort as consecutive phases, for a list that reads one page (issue 18): each phase is a set of
 * runs (a condition) in an order that an index can walk, and the runs of a phase all come before
 * those of the next, so the list reads phase after phase with LIMIT until the page is full and
 * never sorts the whole matched set. The order is compileSort's, cut where its NULLS LAST and its
 * type ranks would stop an index from answering it:
 * - a metric (last, min or max): the runs with a value (`< 'NaN'`: neither missing nor NaN, an index
 *   condition of metric_summary (key, last|min|max, run_id)) by that value, then the others;
 * - a parameter: its numbers, then its texts, then its booleans (from run_param_sort, whose
 *   (key, value, run) indexes order them), then the runs without it;
 * - a tag: the runs with it by its value (run_tag_sort (key, value, run_id)), then the others;
 * - an attribute: the runs with a value by it ((column, id) indexes of run, migration
 *   add_run_sort_indexes), then the others; the status, one phase per shown status in the sort's
 *   order (each a range of run (status, id)), the source one per kind, the experiment by its
 *   experiments' names (each one's runs sorted: a few thousand at most).
 * Inside each phase ties go by r.id in the sort's direction, and the runs without a value come last
 * in both directions, by r.id ascending.
 */
export interface SortPhase {
  /** A join the phase needs (an inner one: the runs it holds have the row). */
  join?: Prisma.Sql;
  /** Which runs the phase holds (ANDed with the filter). */
  condition: Prisma.Sql;
  /** Its ORDER BY list. */
  order: Prisma.Sql;
  /**
   * The same runs in the same order, written on run's own columns for a read through the filter
   * (a walk out of its time): sorting the matches by run.tags or run.params costs half of joining
   * each to its run_tag_sort or run_param_sort row first. Absent: the phase as it is.
   */
  read?: { condition: Prisma.Sql; order: Prisma.Sql };
}

/** Attributes every run has (NOT NULL columns): one phase, no search for runs without them. */
const NEVER_NULL = new Set<string>(['id', 'number', 'created']);

/** Every value of a closed set, in the order of the sort (they are lowercase ASCII: every collation agrees). */
const inSortOrder = <T extends string>(values: readonly T[], direction: 'asc' | 'desc'): T[] => {
  const sorted = [...values].sort();
  return direction === 'desc' ? sorted.reverse() : sorted;
};

/** A condition of the filter on the sorted field that every listed run meets (a top-level `and` operand). */
interface Bound {
  operator: TComparisonOperator | 'in';
  values: TFilterValue[];
}

const sameField = (a: TRunField, b: TRunField) => JSON.stringify(a) === JSON.stringify(b);

/**
 * The filter's comparisons of the sorted field that every match meets: its own operands, ANDed at
 * the top. A sort's walked column (run_param_sort's value, run_tag_sort's) is another table than
 * the filter's (run.params, run.tags), so PostgreSQL cannot see that `params.optimizer = 'adam'`
 * bounds the walk of `params.optimizer`: said again on the walked column, it is the index range
 * instead of a walk through every other value (666,000 rows at a million runs).
 */
function boundsOn(filter: TRunFilter | null | undefined, field: TRunField): Bound[] {
  if (!filter) return [];
  if (filter.type === 'and') return filter.operands.flatMap((operand) => boundsOn(operand, field));
  if (filter.type === 'compare' && filter.operator !== '!=' && sameField(filter.field, field))
    return [{ operator: filter.operator, values: [filter.value] }];
  if (filter.type === 'in' && !filter.negated && sameField(filter.field, field)) return [{ operator: 'in', values: filter.values }];
  return [];
}

/** The bounds as conditions on `column`, which holds the values of type `type`; FALSE when no value of that type can pass. */
function boundConditions(bounds: Bound[], column: Prisma.Sql, type: 'number' | 'text' | 'boolean'): Prisma.Sql[] {
  const cast = type === 'number' ? '::float8' : type === 'boolean' ? '::boolean' : '::text';
  return bounds.map((bound) => {
    const values = bound.values.filter((value) => typeOf(value) === type);
    if (values.length === 0) return Prisma.sql`FALSE`;
    if (bound.operator === 'in') return Prisma.sql`${column} = ANY(${values}${Prisma.raw(`${cast}[]`)})`;
    return Prisma.sql`${column} ${Prisma.raw(OPERATOR_SQL[bound.operator])} ${values[0]}${Prisma.raw(cast)}`;
  });
}

const and = (condition: Prisma.Sql, more: Prisma.Sql[]) => (more.length === 0 ? condition : Prisma.join([condition, ...more], ' AND '));

export function compileSortPhases(
  sort: TRunSort,
  joins: MetricJoins,
  attributes: AttributeSql,
  filter: TRunFilter | null = null,
): SortPhase[] {
  const bounds = boundsOn(filter, sort.field);
  const direction = Prisma.raw(sort.direction === 'desc' ? 'DESC' : 'ASC');
  const { field } = sort;
  const byId = Prisma.sql`r.id ASC`;
  // ties by id in the sort's direction: a (key, value, run_id) index read backwards gives that
  // order as it is, where `value DESC, id ASC` would sort every tie (333,000 runs at 'sgd')
  const then = Prisma.sql`r.id ${direction}`;
  const valued = (value: Prisma.Sql, present: Prisma.Sql): SortPhase[] => [
    { condition: present, order: Prisma.sql`${value} ${direction}, ${then}` },
    { condition: bounds.length > 0 ? Prisma.sql`FALSE` : Prisma.sql`NOT coalesce(${present}, false)`, order: byId },
  ];
  // a run without the field fails every comparison of it: a bounded sort has no such phase to read
  const unbounded = (condition: Prisma.Sql) => (bounds.length > 0 ? Prisma.sql`FALSE` : condition);
  switch (field.kind) {
    case 'metric': {
      const column = Prisma.raw(`${joins.alias(field.key)}.${METRIC_COLUMN[field.aggregate]}`);
      // NaN sorts above every number in PostgreSQL, so `< 'NaN'` is "a number" (NULL fails it too)
      return valued(column, Prisma.sql`${column} < 'NaN'::float8`);
    }
    case 'param': {
      // run_param_sort holds the key's value typed, in (key, value, run) indexes (migration add_run_param_sort)
      const join = Prisma.sql`JOIN run_param_sort ps ON ps.run_id = r.id AND ps.key = ${field.key}`;
      const typed = (column: 'num' | 'txt' | 'bool'): SortPhase => {
        const type = column === 'num' ? 'number' : column === 'txt' ? 'text' : 'boolean';
        const walked = Prisma.raw(`ps.${column}`);
        const own = typedExpression(field, type, joins, attributes);
        return {
          join,
          condition: and(Prisma.sql`${walked} IS NOT NULL`, boundConditions(bounds, walked, type)),
          order: Prisma.sql`${walked} ${direction}, ${then}`,
          read: {
            condition: and(Prisma.sql`${own} IS NOT NULL`, boundConditions(bounds, own, type)),
            order: Prisma.sql`${own} ${direction}, ${then}`,
          },
        };
      };
      return [
        typed('num'),
        typed('txt'),
        typed('bool'),
        {
          condition: unbounded(Prisma.sql`coalesce(jsonb_typeof(r.params -> ${field.key}) NOT IN ('number', 'string', 'boolean'), true)`),
          order: byId,
        },
      ];
    }
    case 'tag':
      // run_tag_sort holds each tag's value (tags ->> key) in a (key, value, run_id) index (migration add_run_sort_indexes)
      return [
        {
          join: Prisma.sql`JOIN run_tag_sort ts ON ts.run_id = r.id AND ts.key = ${field.key}`,
          condition: and(Prisma.sql`TRUE`, boundConditions(bounds, Prisma.raw('ts.value'), 'text')),
          order: Prisma.sql`ts.value ${direction}, ${then}`,
          read: {
            condition: Prisma.sql`(r.tags ->> ${field.key}) IS NOT NULL`,
            order: Prisma.sql`(r.tags ->> ${field.key}) ${direction}, ${then}`,
          },
        },
        { condition: unbounded(Prisma.sql`(r.tags ->> ${field.key}) IS NULL`), order: byId },
      ];
    case 'attribute':
      switch (field.name) {
        case 'status': {
          // one phase per shown status; 'lost' and 'running' split the stored 'running' range
          const phases = inSortOrder(RUN_DISPLAY_STATUSES, sort.direction).map((status): SortPhase => ({
            condition: attributes.statusIs
              ? attributes.statusIs(status)
              : status === 'lost' || status === 'running'
                ? Prisma.sql`r.status = 'running' AND ${attributes.status} = ${status}`
                : Prisma.sql`r.status = ${status}`,
            order: then,
          }));
          // a stored status outside the list (none is written) still lists, after the others
          const known = [...TRIAL_STATUSES];
          return [
            ...phases,
            { condition: Prisma.sql`r.status <> ALL(${known}::text[])`, order: Prisma.sql`r.status ${direction}, ${then}` },
          ];
        }
        case 'source':
          return [
            ...inSortOrder(RUN_SOURCES, sort.direction).map((kind): SortPhase => ({
              condition: Prisma.sql`e.kind = ${kind}`,
              order: then,
            })),
            { condition: Prisma.sql`e.kind <> ALL(${[...RUN_SOURCES]}::text[])`, order: Prisma.sql`e.kind ${direction}, ${then}` },
          ];
        case 'experiment':
          // experiments are few beside their runs: walked by name, each one's runs sorted by id
          return [{ condition: Prisma.sql`TRUE`, order: Prisma.sql`e.name ${direction}, ${then}` }];
        case 'id':
          return [{ condition: Prisma.sql`TRUE`, order: then }];
        default: {
          // the bare columns, which their (column, id) indexes order (r.number::float8 orders as r.number)
          const value = field.name === 'number' ? Prisma.sql`r.number` : typedExpression(field, 'text', joins, attributes);
          if (NEVER_NULL.has(field.name)) return [{ condition: Prisma.sql`TRUE`, order: Prisma.sql`${value} ${direction}, ${then}` }];
          return valued(value, Prisma.sql`${value} IS NOT NULL`);
        }
      }
  }
}
