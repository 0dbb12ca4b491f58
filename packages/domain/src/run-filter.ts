import { RUN_DISPLAY_STATUSES, RUN_END_STATUSES, RUN_SOURCES } from './runs';

/**
 * The runs list's filter and sort language (GET /runs?filter=…&sort=…), parsed here so that the
 * API and the web app read a filter the same way and report the same error at the same place:
 *
 *   params.optimizer = 'adam' and metrics.val_accuracy > 0.9 and tags.team = 'vision'
 *   (params.lr < 1e-3 or params.lr >= 0.1) and not attributes.status in ('failed', 'killed')
 *   metrics.val_loss.min < 0.3 and attributes.name contains 'baseline' and tags.owner is not null
 *
 * A hand-written recursive-descent parser rather than chevrotain or peggy, on purpose: the
 * grammar is seven LL(1) productions; this package is CommonJS, runs under jest and ships to the
 * browser, and chevrotain 11+ is ESM-only while peggy needs a generation step (or its compiler at
 * run time). Here every error carries its 0-based position and what was expected, in words that
 * name this language's fields, which generic parser messages would not.
 *
 * The output is an AST; the API compiles it to parameterised SQL (apps/api/src/runs), the web app
 * can show it. Type rules (metrics are numbers, tags are text, statuses are known words) are
 * checked here, with the position of the offending value.
 *
 * Grammar (keywords are case-insensitive):
 *   filter    := or? EOF
 *   or        := and ('or' and)*
 *   and       := unary ('and' unary)*
 *   unary     := 'not' unary | '(' or ')' | predicate
 *   predicate := field ( op value | 'not'? 'in' '(' value (',' value)* ')'
 *                      | 'not'? ('contains' | 'like' | 'ilike') string | 'is' 'not'? 'null' )
 *   op        := '=' | '!=' | '<>' | '<' | '<=' | '>' | '>='
 *   value     := number | string | 'true' | 'false'
 *   field     := namespace '.' key   (namespace: params, metrics, tags, attributes; a key with
 *                spaces or other characters goes in backticks or double quotes: params.`my key`)
 */

/** Longest filter accepted; the query schema allows the same. */
export const RUN_FILTER_MAX_LENGTH = 4000;
/** Deepest nesting of parentheses and `not`, so a hostile filter cannot exhaust the stack. */
export const RUN_FILTER_MAX_DEPTH = 50;
/** Most values in one `in (…)` list. */
export const RUN_FILTER_MAX_LIST = 500;

/** Run attributes a filter or a sort can name, and the type of their values. */
export const RUN_ATTRIBUTES = {
  id: 'text',
  name: 'text',
  number: 'number',
  status: 'status',
  source: 'source',
  experiment: 'text',
  created: 'date',
  started: 'date',
  finished: 'date',
  lastSeen: 'date',
} as const;
export type TRunAttribute = keyof typeof RUN_ATTRIBUTES;

/** Spellings accepted for an attribute besides its own name (MLflow's and the JSON fields'). */
const ATTRIBUTE_ALIASES: Record<string, TRunAttribute> = {
  run_id: 'id',
  run_name: 'name',
  createdat: 'created',
  created_at: 'created',
  start_time: 'started',
  startedat: 'started',
  started_at: 'started',
  end_time: 'finished',
  finishedat: 'finished',
  finished_at: 'finished',
  lastseen: 'lastSeen',
  lastseenat: 'lastSeen',
  last_seen: 'lastSeen',
  last_seen_at: 'lastSeen',
};

/** A metric summary a field reads: `metrics.loss` is the last value, `metrics.loss.min` the smallest. */
export const METRIC_AGGREGATES = ['last', 'min', 'max'] as const;
export type TMetricAggregate = (typeof METRIC_AGGREGATES)[number];

export type TRunField =
  | { kind: 'param'; key: string }
  | { kind: 'metric'; key: string; aggregate: TMetricAggregate }
  | { kind: 'tag'; key: string }
  | { kind: 'attribute'; name: TRunAttribute };

export type TFilterValue = number | string | boolean;
export const COMPARISON_OPERATORS = ['=', '!=', '<', '<=', '>', '>='] as const;
export type TComparisonOperator = (typeof COMPARISON_OPERATORS)[number];
export type TMatchOperator = 'contains' | 'like' | 'ilike';

/** Every node has `position`: the 0-based offset in the filter text where it starts. */
export type TRunFilter =
  | { type: 'and' | 'or'; operands: TRunFilter[]; position: number }
  | { type: 'not'; operand: TRunFilter; position: number }
  | { type: 'compare'; field: TRunField; operator: TComparisonOperator; value: TFilterValue; position: number }
  | { type: 'in'; field: TRunField; negated: boolean; values: TFilterValue[]; position: number }
  | { type: 'match'; field: TRunField; operator: TMatchOperator; negated: boolean; pattern: string; position: number }
  | { type: 'null'; field: TRunField; negated: boolean; position: number };

export interface TRunFilterError {
  /** 0-based offset in the text where the problem is. */
  position: number;
  /** What would have been accepted there, e.g. ["a value", "'('"]. */
  expected: string[];
  /** What was there, as written, or "the end of the filter". */
  found: string;
  /** One sentence: "at position 24: expected a value after '>' but found 'and'". */
  message: string;
}

export type TParseResult<T> = { ok: true; value: T } | { ok: false; error: TRunFilterError };

export type TSortDirection = 'asc' | 'desc';
export interface TRunSort {
  field: TRunField;
  direction: TSortDirection;
}
/** The runs list's order when none is asked for: newest first. */
export const DEFAULT_RUN_SORT: TRunSort = { field: { kind: 'attribute', name: 'created' }, direction: 'desc' };

/** Parses a filter; an empty or blank one is `null` (every run). */
export function parseRunFilter(text: string): TParseResult<TRunFilter | null> {
  return attempt(() => {
    const parser = new Parser(text);
    if (parser.peek().kind === 'end') return null;
    const filter = parser.or(0);
    parser.expectEnd('an operator (and, or) or the end of the filter');
    return filter;
  });
}

/** Parses a sort: a field, optionally followed by `asc` (the default) or `desc`. Blank: DEFAULT_RUN_SORT. */
export function parseRunSort(text: string): TParseResult<TRunSort> {
  return attempt(() => {
    const parser = new Parser(text);
    if (parser.peek().kind === 'end') return DEFAULT_RUN_SORT;
    const field = parser.field().field;
    let direction: TSortDirection = 'asc';
    const next = parser.peek();
    if (next.kind === 'word' && (next.lower === 'asc' || next.lower === 'desc')) {
      parser.next();
      direction = next.lower;
    }
    parser.expectEnd("'asc', 'desc' or the end of the sort");
    return { field, direction };
  });
}

/** The field as a filter writes it, for messages and for the web app's chips. */
export function formatRunField(field: TRunField): string {
  switch (field.kind) {
    case 'param':
      return `params.${quoteKey(field.key)}`;
    case 'tag':
      return `tags.${quoteKey(field.key)}`;
    case 'metric': {
      // a key that ends in an aggregate's name is quoted, so the text reads back as the same field
      const key = METRIC_AGGREGATES.some((aggregate) => field.key.endsWith(`.${aggregate}`)) ? `\`${field.key}\`` : quoteKey(field.key);
      return `metrics.${key}${field.aggregate === 'last' ? '' : `.${field.aggregate}`}`;
    }
    case 'attribute':
      return `attributes.${field.name}`;
  }
}

function quoteKey(key: string): string {
  return /^[A-Za-z_][\w\-./:]*$/.test(key) ? key : `\`${key.replace(/\\/g, '\\\\').replace(/`/g, '\\`')}\``;
}

// ---------------------------------------------------------------------------------------------
// Tokens

type Token =
  | { kind: 'end'; position: number; text: string }
  | { kind: 'punct'; position: number; text: '(' | ')' | ',' }
  | { kind: 'operator'; position: number; text: string; operator: TComparisonOperator }
  | { kind: 'string'; position: number; text: string; value: string }
  | { kind: 'number'; position: number; text: string; value: number }
  /** A bare word: a keyword or the start of a field. `segments` are its dot-separated parts. */
  | { kind: 'word'; position: number; text: string; lower: string; segments: [Segment, ...Segment[]] };

interface Segment {
  text: string;
  /** Written in quotes: taken literally, never read as an aggregate name or split on dots. */
  quoted: boolean;
}

class FilterSyntaxError extends Error {
  constructor(readonly detail: TRunFilterError) {
    super(detail.message);
  }
}

function fail(position: number, expected: string[], found: string, why?: string): never {
  const expectation =
    expected.length === 0
      ? ''
      : `expected ${expected.length === 1 ? expected[0] : `${expected.slice(0, -1).join(', ')} or ${expected.at(-1)}`}`;
  const message = `at position ${position}: ${why ?? `${expectation} but found ${found}`}`;
  throw new FilterSyntaxError({ position, expected, found, message });
}

function attempt<T>(parse: () => T): TParseResult<T> {
  try {
    return { ok: true, value: parse() };
  } catch (error) {
    if (error instanceof FilterSyntaxError) return { ok: false, error: error.detail };
    throw error;
  }
}

const describe = (token: Token): string => (token.kind === 'end' ? 'the end of the filter' : `'${token.text}'`);

const WORD_START = /[A-Za-z_]/;
const WORD_PART = /[\w\-/:]/;
const NUMBER = /^-?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?/;

function tokenize(text: string): Token[] {
  if (text.length > RUN_FILTER_MAX_LENGTH)
    fail(RUN_FILTER_MAX_LENGTH, [], '', `the text is longer than ${RUN_FILTER_MAX_LENGTH} characters`);
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text.charAt(i);
    if (/\s/.test(c)) {
      i += 1;
      continue;
    }
    const start = i;
    if (c === '(' || c === ')' || c === ',') {
      tokens.push({ kind: 'punct', position: start, text: c });
      i += 1;
    } else if (c === '=' || c === '!' || c === '<' || c === '>') {
      const two = text.slice(i, i + 2);
      const operator: TComparisonOperator | undefined =
        two === '!=' || two === '<>'
          ? '!='
          : two === '<='
            ? '<='
            : two === '>='
              ? '>='
              : two === '=='
                ? '='
                : c === '='
                  ? '='
                  : c === '<'
                    ? '<'
                    : c === '>'
                      ? '>'
                      : undefined;
      if (!operator) fail(start, ["'!='"], `'${two}'`);
      const length = two === '!=' || two === '<>' || two === '<=' || two === '>=' || two === '==' ? 2 : 1;
      tokens.push({ kind: 'operator', position: start, text: text.slice(i, i + length), operator });
      i += length;
    } else if (c === "'" || c === '"') {
      const { value, end } = readQuoted(text, i);
      tokens.push({ kind: 'string', position: start, text: text.slice(start, end), value });
      i = end;
    } else if (/[\d.-]/.test(c) && NUMBER.test(text.slice(i)) && !(c === '-' && !/[\d.]/.test(text[i + 1] ?? ''))) {
      const match = NUMBER.exec(text.slice(i))?.[0] ?? ''; // never empty: NUMBER.test passed above
      if (WORD_START.test(text[i + match.length] ?? '')) fail(start, ['a number'], `'${text.slice(start, i + match.length + 1)}'`);
      tokens.push({ kind: 'number', position: start, text: match, value: Number(match) });
      i += match.length;
    } else if (WORD_START.test(c)) {
      const { segments, end } = readWord(text, i);
      const raw = text.slice(start, end);
      tokens.push({ kind: 'word', position: start, text: raw, lower: raw.toLowerCase(), segments });
      i = end;
    } else if (c === '`') {
      fail(start, ['a field such as params.`my key`'], `'${c}'`, "a quoted key goes after a field's namespace, as in params.`my key`");
    } else {
      fail(start, ['a field, a value, an operator or a parenthesis'], `'${c}'`);
    }
  }
  tokens.push({ kind: 'end', position: text.length, text: '' });
  return tokens;
}

/** A quoted string or key: the quote doubled or backslash-escaped stands for itself. */
function readQuoted(text: string, start: number): { value: string; end: number } {
  const quote = text.charAt(start);
  let value = '';
  let i = start + 1;
  while (i < text.length) {
    const c = text.charAt(i);
    if (c === '\\' && i + 1 < text.length) {
      value += text.charAt(i + 1);
      i += 2;
    } else if (c === quote && text[i + 1] === quote) {
      value += quote;
      i += 2;
    } else if (c === quote) {
      return { value, end: i + 1 };
    } else {
      value += c;
      i += 1;
    }
  }
  return fail(
    start,
    [`a closing ${quote}`],
    'the end of the filter',
    `the ${quote === '`' ? 'key' : 'text'} that starts here has no closing ${quote}`,
  );
}

/** `params.optimizer.beta1`, `metrics.\`val loss\`.min`: dot-separated parts, some quoted. */
function readWord(text: string, start: number): { segments: [Segment, ...Segment[]]; end: number } {
  const segments: Segment[] = [];
  let i = start;
  for (;;) {
    const c = text[i];
    if (c === '`' || c === '"') {
      const { value, end } = readQuoted(text, i);
      segments.push({ text: value, quoted: true });
      i = end;
    } else {
      let j = i;
      while (j < text.length && WORD_PART.test(text.charAt(j))) j += 1;
      segments.push({ text: text.slice(i, j), quoted: false });
      i = j;
    }
    // The loop has pushed a segment before it can return.
    if (text[i] !== '.') return { segments: segments as [Segment, ...Segment[]], end: i };
    i += 1;
  }
}

// ---------------------------------------------------------------------------------------------
// Parser

const KEYWORDS = new Set(['and', 'or', 'not', 'in', 'is', 'null', 'true', 'false', 'contains', 'like', 'ilike', 'asc', 'desc']);
const NAMESPACES: Record<string, TRunField['kind']> = {
  params: 'param',
  param: 'param',
  metrics: 'metric',
  metric: 'metric',
  tags: 'tag',
  tag: 'tag',
  attributes: 'attribute',
  attribute: 'attribute',
  attr: 'attribute',
};
const FIELD_EXAMPLE = 'a field (params.…, metrics.…, tags.… or attributes.…)';
const VALUE = "a value (a number, 'text', true or false)";

type FieldType = 'any' | 'number' | 'text' | 'date' | 'status' | 'source';

function fieldType(field: TRunField): FieldType {
  switch (field.kind) {
    case 'param':
      return 'any';
    case 'metric':
      return 'number';
    case 'tag':
      return 'text';
    case 'attribute':
      return RUN_ATTRIBUTES[field.name];
  }
}

class Parser {
  private readonly tokens: Token[];
  private index = 0;
  /** What `tokenize` puts last; `next` never moves past it, so the fallback below is never used. */
  private readonly end: Token;

  constructor(text: string) {
    this.tokens = tokenize(text);
    this.end = { kind: 'end', position: text.length, text: '' };
  }

  peek(): Token {
    return this.tokens[this.index] ?? this.end;
  }

  next(): Token {
    const token = this.tokens[this.index] ?? this.end;
    if (token.kind !== 'end') this.index += 1;
    return token;
  }

  private isWord(token: Token, word: string): boolean {
    return token.kind === 'word' && token.lower === word;
  }

  expectEnd(expected: string): void {
    const token = this.peek();
    if (token.kind !== 'end') fail(token.position, [expected], describe(token));
  }

  or(depth: number): TRunFilter {
    const first = this.and(depth);
    const operands = [first];
    while (this.isWord(this.peek(), 'or')) {
      this.next();
      operands.push(this.and(depth));
    }
    return operands.length === 1 ? first : { type: 'or', operands, position: first.position };
  }

  private and(depth: number): TRunFilter {
    const first = this.unary(depth);
    const operands = [first];
    while (this.isWord(this.peek(), 'and')) {
      this.next();
      operands.push(this.unary(depth));
    }
    return operands.length === 1 ? first : { type: 'and', operands, position: first.position };
  }

  private unary(depth: number): TRunFilter {
    const token = this.peek();
    if (depth >= RUN_FILTER_MAX_DEPTH)
      fail(token.position, [], describe(token), `the filter nests deeper than ${RUN_FILTER_MAX_DEPTH} levels`);
    if (this.isWord(token, 'not')) {
      this.next();
      return { type: 'not', operand: this.unary(depth + 1), position: token.position };
    }
    if (token.kind === 'punct' && token.text === '(') {
      this.next();
      const inner = this.or(depth + 1);
      const close = this.peek();
      if (!(close.kind === 'punct' && close.text === ')')) fail(close.position, ["')'", 'and', 'or'], describe(close));
      this.next();
      return inner;
    }
    return this.predicate();
  }

  field(): { field: TRunField; token: Token } {
    const token = this.next();
    if (token.kind !== 'word' || (KEYWORDS.has(token.lower) && token.segments.length === 1))
      fail(token.position, [FIELD_EXAMPLE, "'('", "'not'"], describe(token));
    const [namespace, ...rest] = token.segments;
    const kind = NAMESPACES[namespace.text.toLowerCase()];
    if (!kind || namespace.quoted) {
      fail(
        token.position,
        [FIELD_EXAMPLE],
        describe(token),
        `'${namespace.text}' is not a field: a field starts with params., metrics., tags. or attributes.`,
      );
    }
    if (rest.length === 0 || rest.some((segment) => segment.text === '')) {
      fail(
        token.position,
        [`a key after '${namespace.text}.'`],
        describe(token),
        `'${token.text}' names no key: write ${namespace.text}.<key>`,
      );
    }
    const key = rest.map((segment) => segment.text).join('.');
    if (kind === 'attribute') {
      const name = rest.length === 1 ? resolveAttribute(key) : undefined;
      if (!name)
        fail(
          token.position,
          ['an attribute'],
          describe(token),
          `unknown attribute '${key}'; attributes are ${Object.keys(RUN_ATTRIBUTES).join(', ')}`,
        );
      return { field: { kind, name }, token };
    }
    if (kind === 'metric') {
      const last = rest.at(-1);
      const aggregate = METRIC_AGGREGATES.find((name) => name === last?.text);
      if (rest.length > 1 && aggregate && last && !last.quoted)
        return {
          field: {
            kind,
            key: rest
              .slice(0, -1)
              .map((s) => s.text)
              .join('.'),
            aggregate,
          },
          token,
        };
      return { field: { kind, key, aggregate: 'last' }, token };
    }
    return { field: { kind, key }, token };
  }

  private predicate(): TRunFilter {
    const { field, token } = this.field();
    const position = token.position;
    const type = fieldType(field);
    const name = formatRunField(field);
    let next = this.next();

    if (next.kind === 'operator') {
      const value = this.value(field, next.operator);
      return { type: 'compare', field, operator: next.operator, value, position };
    }
    if (this.isWord(next, 'is')) {
      let negated = false;
      next = this.next();
      if (this.isWord(next, 'not')) {
        negated = true;
        next = this.next();
      }
      if (!this.isWord(next, 'null')) fail(next.position, ["'null'", ...(negated ? [] : ["'not null'"])], describe(next));
      return { type: 'null', field, negated, position };
    }
    let negated = false;
    if (this.isWord(next, 'not')) {
      negated = true;
      next = this.next();
      if (!(this.isWord(next, 'in') || this.isWord(next, 'contains') || this.isWord(next, 'like') || this.isWord(next, 'ilike'))) {
        fail(next.position, ["'in'", "'contains'", "'like'", "'ilike'"], describe(next));
      }
    }
    if (this.isWord(next, 'in')) {
      const open = this.next();
      if (!(open.kind === 'punct' && open.text === '(')) fail(open.position, ["'(' and a list of values"], describe(open));
      const values: TFilterValue[] = [this.value(field, '=')];
      for (;;) {
        const separator = this.next();
        if (separator.kind === 'punct' && separator.text === ')') break;
        if (!(separator.kind === 'punct' && separator.text === ',')) fail(separator.position, ["','", "')'"], describe(separator));
        if (values.length >= RUN_FILTER_MAX_LIST)
          fail(separator.position, [], describe(separator), `an in (…) list holds at most ${RUN_FILTER_MAX_LIST} values`);
        values.push(this.value(field, '='));
      }
      return { type: 'in', field, negated, values, position };
    }
    if (next.kind === 'word' && (next.lower === 'contains' || next.lower === 'like' || next.lower === 'ilike')) {
      const operator = next.lower;
      if (type !== 'any' && type !== 'text' && type !== 'status' && type !== 'source') {
        fail(next.position, [], describe(next), `${name} holds ${type === 'date' ? 'dates' : 'numbers'}: '${operator}' works on text only`);
      }
      const pattern = this.next();
      if (pattern.kind !== 'string') fail(pattern.position, [`a quoted text after '${operator}'`], describe(pattern));
      return { type: 'match', field, operator, negated, pattern: pattern.value, position };
    }
    return fail(next.position, ['an operator (= != < <= > >=)', "'in'", "'contains'", "'like'", "'is null'"], describe(next));
  }

  /** A literal, checked against the field's type; `operator` decides whether order makes sense. */
  private value(field: TRunField, operator: TComparisonOperator): TFilterValue {
    const token = this.next();
    const name = formatRunField(field);
    let value: TFilterValue;
    if (token.kind === 'number' || token.kind === 'string') value = token.value;
    else if (this.isWord(token, 'true') || this.isWord(token, 'false')) value = token.kind === 'word' && token.lower === 'true';
    else return fail(token.position, [VALUE], describe(token));

    const ordered = operator !== '=' && operator !== '!=';
    const type = fieldType(field);
    const wrong = (why: string) => fail(token.position, [], describe(token), why);
    switch (type) {
      case 'any':
        if (typeof value === 'boolean' && ordered) wrong(`${name} ${operator} ${token.text}: true and false have no order; use = or !=`);
        break;
      case 'number':
        if (typeof value !== 'number') wrong(`${name} holds numbers: compare it with a number, not ${token.text}`);
        break;
      case 'text':
        if (typeof value !== 'string') wrong(`${name} holds text: write the value in quotes, as '${token.text}'`);
        break;
      case 'date':
        if (typeof value === 'boolean') wrong(`${name} holds dates: compare it with a date such as '2026-12-01' or '2026-12-01T09:30:00Z'`);
        if (typeof value === 'string') {
          const time = Date.parse(value);
          if (!/^\d{4}-\d{2}-\d{2}/.test(value) || Number.isNaN(time))
            wrong(`${token.text} is not a date: write it as '2026-12-01' or '2026-12-01T09:30:00Z'`);
          value = new Date(time).toISOString();
        } else if (typeof value === 'number') {
          // a number is milliseconds since the epoch, as JavaScript's Date.now() gives
          if (!Number.isFinite(new Date(value).getTime())) wrong(`${token.text} is not a time in milliseconds since 1970`);
          value = new Date(value).toISOString();
        }
        break;
      case 'status':
      case 'source': {
        const allowed: readonly string[] = type === 'status' ? RUN_DISPLAY_STATUSES : RUN_SOURCES;
        // the words a client ends a run with (PATCH /runs/{id}) mean the statuses they store
        if (type === 'status' && typeof value === 'string' && Object.hasOwn(RUN_END_STATUSES, value))
          value = RUN_END_STATUSES[value as keyof typeof RUN_END_STATUSES];
        if (typeof value !== 'string' || !allowed.includes(value))
          wrong(`${name} is one of ${allowed.map((s) => `'${s}'`).join(', ')}; ${token.text} is not`);
        if (ordered) wrong(`${name} has no order: use =, != or in (…)`);
        break;
      }
    }
    return value;
  }
}

function resolveAttribute(name: string): TRunAttribute | undefined {
  if (Object.hasOwn(RUN_ATTRIBUTES, name)) return name as TRunAttribute;
  return ATTRIBUTE_ALIASES[name.toLowerCase()];
}
