import { DEFAULT_RUN_SORT, formatRunField, parseRunFilter, parseRunSort, RUN_FILTER_MAX_DEPTH, type TRunFilter } from './run-filter';

function parse(text: string): TRunFilter | null {
  const result = parseRunFilter(text);
  if (!result.ok) throw new Error(`unexpected error: ${result.error.message}`);
  return result.value;
}

function error(text: string) {
  const result = parseRunFilter(text);
  if (result.ok) throw new Error(`expected an error for ${text}`);
  return result.error;
}

describe('parseRunFilter', () => {
  it('reads the example of the contract, with and binding tighter than or', () => {
    expect(parse("params.optimizer = 'adam' and metrics.val_accuracy > 0.9 and tags.team = 'vision'")).toEqual({
      type: 'and',
      position: 0,
      operands: [
        { type: 'compare', field: { kind: 'param', key: 'optimizer' }, operator: '=', value: 'adam', position: 0 },
        { type: 'compare', field: { kind: 'metric', key: 'val_accuracy', aggregate: 'last' }, operator: '>', value: 0.9, position: 30 },
        { type: 'compare', field: { kind: 'tag', key: 'team' }, operator: '=', value: 'vision', position: 61 },
      ],
    });
    const mixed = parse('params.a = 1 or params.b = 2 and params.c = 3');
    expect(mixed).toMatchObject({ type: 'or', operands: [{ type: 'compare' }, { type: 'and', operands: [{}, {}] }] });
  });

  it('is null for a blank filter', () => {
    expect(parse('')).toBeNull();
    expect(parse('   ')).toBeNull();
  });

  it('groups with parentheses and negates with not', () => {
    expect(parse('not (params.lr < 1e-3 or params.lr >= .1)')).toEqual({
      type: 'not',
      position: 0,
      operand: {
        type: 'or',
        position: 5,
        operands: [
          { type: 'compare', field: { kind: 'param', key: 'lr' }, operator: '<', value: 0.001, position: 5 },
          { type: 'compare', field: { kind: 'param', key: 'lr' }, operator: '>=', value: 0.1, position: 25 },
        ],
      },
    });
  });

  it('reads every comparison operator, <> and == included', () => {
    const ops = ['=', '==', '!=', '<>', '<', '<=', '>', '>='].map(
      (op) => parse(`params.x ${op} -2.5`) as { operator: string; value: number },
    );
    expect(ops.map((node) => node.operator)).toEqual(['=', '=', '!=', '!=', '<', '<=', '>', '>=']);
    expect(ops.every((node) => node.value === -2.5)).toBe(true);
  });

  it('reads in, not in, contains, like, ilike and is (not) null', () => {
    expect(parse("attributes.status not in ('failed', 'killed')")).toEqual({
      type: 'in',
      field: { kind: 'attribute', name: 'status' },
      negated: true,
      values: ['failed', 'cancelled'],
      position: 0,
    });
    expect(parse("params.optimizer in ('adam', 'sgd', 3, true)")).toMatchObject({ values: ['adam', 'sgd', 3, true] });
    expect(parse("attributes.name contains 'base'")).toMatchObject({
      type: 'match',
      operator: 'contains',
      negated: false,
      pattern: 'base',
    });
    expect(parse("tags.team not like 'vis%'")).toMatchObject({ type: 'match', operator: 'like', negated: true, pattern: 'vis%' });
    expect(parse("params.arch ILIKE 'CNN%'")).toMatchObject({ type: 'match', operator: 'ilike' });
    expect(parse('tags.owner is not null')).toEqual({ type: 'null', field: { kind: 'tag', key: 'owner' }, negated: true, position: 0 });
    expect(parse('metrics.loss IS NULL')).toMatchObject({ type: 'null', negated: false });
  });

  it('splits metric aggregates off the key unless the key is quoted', () => {
    expect(parse('metrics.val_loss.min < 0.3')).toMatchObject({ field: { kind: 'metric', key: 'val_loss', aggregate: 'min' } });
    expect(parse('metrics.val_loss.max < 0.3')).toMatchObject({ field: { kind: 'metric', key: 'val_loss', aggregate: 'max' } });
    expect(parse('metrics.train.loss < 0.3')).toMatchObject({ field: { kind: 'metric', key: 'train.loss', aggregate: 'last' } });
    expect(parse('metrics.`loss.min` < 0.3')).toMatchObject({ field: { kind: 'metric', key: 'loss.min', aggregate: 'last' } });
    expect(parse('metrics."val loss".max < 0.3')).toMatchObject({ field: { kind: 'metric', key: 'val loss', aggregate: 'max' } });
  });

  it('keeps dotted and quoted parameter keys whole, with escapes', () => {
    expect(parse('params.optimizer.beta1 = 0.9')).toMatchObject({ field: { kind: 'param', key: 'optimizer.beta1' } });
    expect(parse('params.`my key` = 1')).toMatchObject({ field: { kind: 'param', key: 'my key' } });
    expect(parse("params.name = 'it''s'")).toMatchObject({ value: "it's" });
    expect(parse('params.name = "say \\"hi\\""')).toMatchObject({ value: 'say "hi"' });
    expect(parse('params.flag = TRUE')).toMatchObject({ value: true });
    expect(parse('params.flag != false')).toMatchObject({ value: false });
  });

  it('accepts namespace and attribute aliases, normalising dates to ISO', () => {
    expect(parse("attr.created_at > '2026-12-01'")).toEqual({
      type: 'compare',
      field: { kind: 'attribute', name: 'created' },
      operator: '>',
      value: '2026-12-01T00:00:00.000Z',
      position: 0,
    });
    expect(parse('metric.loss < 1')).toMatchObject({ field: { kind: 'metric' } });
    expect(parse("tag.team = 'x'")).toMatchObject({ field: { kind: 'tag' } });
    expect(parse("attributes.status = 'finished'")).toMatchObject({ value: 'completed' });
    expect(parse("attributes.status = 'lost'")).toMatchObject({ value: 'lost' });
    expect(parse('attributes.lastSeen < 1764547200000')).toMatchObject({ field: { name: 'lastSeen' }, value: '2025-12-01T00:00:00.000Z' });
  });

  describe('errors', () => {
    it('names the position and what was expected', () => {
      const e = error('metrics.val_accuracy > and');
      expect(e.position).toBe(23);
      expect(e.found).toBe("'and'");
      expect(e.expected).toEqual(["a value (a number, 'text', true or false)"]);
      expect(e.message).toBe("at position 23: expected a value (a number, 'text', true or false) but found 'and'");
    });

    it('points at the end of an unfinished filter', () => {
      const e = error("params.optimizer = 'adam' and");
      expect(e.position).toBe(29);
      expect(e.found).toBe('the end of the filter');
      expect(e.message).toMatch(
        /^at position 29: expected a field \(params\.…, metrics\.…, tags\.… or attributes\.…\), '\(' or 'not' but found the end/,
      );
    });

    it('reports a missing closing parenthesis where it should be', () => {
      const e = error('(params.a = 1 or params.b = 2');
      expect(e).toMatchObject({ position: 29, expected: ["')'", 'and', 'or'] });
    });

    it('reports an unterminated string at its opening quote', () => {
      expect(error("params.a = 'adam")).toMatchObject({
        position: 11,
        message: "at position 11: the text that starts here has no closing '",
      });
    });

    it('refuses unknown namespaces and attributes, naming what exists', () => {
      expect(error('foo.bar = 1').message).toBe(
        "at position 0: 'foo' is not a field: a field starts with params., metrics., tags. or attributes.",
      );
      expect(error("x = 1 and attributes.colour = 'red'")).toMatchObject({ position: 0 });
      expect(error("params.a = 1 and attributes.colour = 'red'").message).toMatch(
        /^at position 17: unknown attribute 'colour'; attributes are id, name, number, status/,
      );
      expect(error('params = 1').message).toBe("at position 0: 'params' names no key: write params.<key>");
    });

    it('checks values against the type of the field', () => {
      expect(error("metrics.loss > 'low'").message).toBe("at position 15: metrics.loss holds numbers: compare it with a number, not 'low'");
      expect(error('tags.priority = 1').message).toBe("at position 16: tags.priority holds text: write the value in quotes, as '1'");
      expect(error("attributes.status = 'done'").message).toMatch(
        /^at position 20: attributes\.status is one of 'queued', 'running'.*'lost'; 'done' is not$/,
      );
      expect(error("attributes.status > 'running'").message).toBe('at position 20: attributes.status has no order: use =, != or in (…)');
      expect(error('params.flag < true').message).toBe('at position 14: params.flag < true: true and false have no order; use = or !=');
      expect(error("attributes.created > 'yesterday'").message).toBe(
        "at position 21: 'yesterday' is not a date: write it as '2026-12-01' or '2026-12-01T09:30:00Z'",
      );
      expect(error("metrics.loss contains 'x'").message).toBe("at position 13: metrics.loss holds numbers: 'contains' works on text only");
      expect(error('params.a like 3').message).toBe("at position 14: expected a quoted text after 'like' but found '3'");
    });

    it('refuses stray characters, bad operators and trailing input', () => {
      expect(error('params.a ! 1')).toMatchObject({ position: 9, found: "'! '" });
      expect(error('params.a = 1 params.b = 2')).toMatchObject({
        position: 13,
        expected: ['an operator (and, or) or the end of the filter'],
      });
      expect(error('params.a = 1; drop table run')).toMatchObject({ position: 12, found: "';'" });
      expect(error('params.a = 12abc')).toMatchObject({ position: 11 });
      expect(error('params.a in 1')).toMatchObject({ position: 12, expected: ["'(' and a list of values"] });
      expect(error('params.a in (1 2)')).toMatchObject({ position: 15, expected: ["','", "')'"] });
      expect(error('params.a is 1')).toMatchObject({ position: 12, expected: ["'null'", "'not null'"] });
      expect(error('params.a not = 1')).toMatchObject({ position: 13 });
      expect(error('params.a')).toMatchObject({ position: 8, found: 'the end of the filter' });
    });

    it('bounds nesting and length', () => {
      const deep = `${'('.repeat(RUN_FILTER_MAX_DEPTH + 1)}params.a = 1${')'.repeat(RUN_FILTER_MAX_DEPTH + 1)}`;
      expect(error(deep).message).toBe(`at position ${RUN_FILTER_MAX_DEPTH}: the filter nests deeper than ${RUN_FILTER_MAX_DEPTH} levels`);
      expect(error(`params.a = '${'x'.repeat(5000)}'`).message).toBe('at position 4000: the text is longer than 4000 characters');
    });
  });
});

describe('parseRunSort', () => {
  it('reads a field and a direction, ascending by default', () => {
    expect(parseRunSort('metrics.val_accuracy desc')).toEqual({
      ok: true,
      value: { field: { kind: 'metric', key: 'val_accuracy', aggregate: 'last' }, direction: 'desc' },
    });
    expect(parseRunSort('params.lr')).toEqual({ ok: true, value: { field: { kind: 'param', key: 'lr' }, direction: 'asc' } });
    expect(parseRunSort('metrics.loss.min ASC')).toMatchObject({ ok: true, value: { field: { aggregate: 'min' }, direction: 'asc' } });
    expect(parseRunSort('')).toEqual({ ok: true, value: DEFAULT_RUN_SORT });
  });

  it('refuses anything after the direction', () => {
    expect(parseRunSort('params.lr desc, params.b')).toMatchObject({
      ok: false,
      error: { position: 14, expected: ["'asc', 'desc' or the end of the sort"] },
    });
    expect(parseRunSort('desc')).toMatchObject({ ok: false, error: { position: 0 } });
  });
});

describe('formatRunField', () => {
  it('writes fields back so they parse to the same field', () => {
    const fields = [
      'params.lr',
      'params.`my key`',
      'metrics.loss',
      'metrics.loss.min',
      'metrics.`loss.max`',
      'tags.team',
      'attributes.created',
    ];
    for (const text of fields) {
      const parsed = parseRunSort(text);
      if (!parsed.ok) throw new Error(parsed.error.message);
      expect(formatRunField(parsed.value.field)).toBe(text);
    }
  });
});
