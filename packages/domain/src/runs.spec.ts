import {
  flattenParams,
  fromWireNumber,
  normalizeParams,
  paramConflicts,
  RUN_LIMITS,
  toWireNumber,
  ZLogRequest,
  ZMetricPoint,
} from './runs';

describe('normalizeParams', () => {
  it('flattens nested objects into dotted keys and keeps numbers, strings and booleans', () => {
    expect(normalizeParams({ lr: 0.01, optimizer: { name: 'adam', beta1: 0.9, amsgrad: false }, empty: {} })).toEqual({
      params: { lr: 0.01, 'optimizer.name': 'adam', 'optimizer.beta1': 0.9, 'optimizer.amsgrad': false },
      issues: [],
    });
  });

  it('names the key of every value it refuses', () => {
    const { params, issues } = normalizeParams({ layers: [64, 32], seed: null, model: { dropout: { rate: undefined } }, ok: 1 });
    expect(params).toEqual({ ok: 1 });
    expect(issues).toEqual([
      {
        path: 'params.layers',
        message: 'must be a number, a string or a boolean, not a list (log a list as a string or as one key per item)',
      },
      { path: 'params.seed', message: 'must be a number, a string or a boolean, not null' },
      { path: 'params.model.dropout.rate', message: 'must be a number, a string or a boolean, not undefined' },
    ]);
  });

  it('refuses bad keys, long strings and too many parameters', () => {
    expect(normalizeParams({ 'a*b': 1 }).issues).toEqual([
      { path: 'params.a*b', message: 'a key may hold only letters, digits, spaces and _ - . / :' },
    ]);
    expect(normalizeParams({ s: 'x'.repeat(RUN_LIMITS.valueLength + 1) }).issues[0]!.message).toBe(
      `must be at most ${RUN_LIMITS.valueLength} characters`,
    );
    const many = Object.fromEntries(Array.from({ length: RUN_LIMITS.params + 1 }, (_, i) => [`p${i}`, i]));
    expect(normalizeParams(many).issues).toEqual([
      { path: 'params', message: `at most ${RUN_LIMITS.params} parameters (after flattening), not ${RUN_LIMITS.params + 1}` },
    ]);
  });
});

describe('paramConflicts', () => {
  it('reports a key sent with another value, not one sent again with the same value', () => {
    expect(paramConflicts({ lr: 0.01, optimizer: 'adam', flag: true }, { lr: 0.01, optimizer: 'sgd', flag: true, momentum: 0.9 })).toEqual([
      { key: 'optimizer', stored: 'adam', sent: 'sgd' },
    ]);
    expect(paramConflicts({ n: 1 }, { n: '1' })).toEqual([{ key: 'n', stored: 1, sent: '1' }]);
  });
});

describe('wire numbers', () => {
  it('round-trips NaN and the infinities as strings', () => {
    for (const value of [1.5, 0, -3, NaN, Infinity, -Infinity]) expect(fromWireNumber(toWireNumber(value))).toBe(value);
    expect([NaN, Infinity, -Infinity].map(toWireNumber)).toEqual(['NaN', 'Infinity', '-Infinity']);
  });

  it('says what a metric value may be, at its path', () => {
    for (const value of ['abc', true, null, 'nan']) {
      const result = ZLogRequest.safeParse({
        metrics: [
          { key: 'loss', value: 1, step: 0 },
          { key: 'loss', value, step: 1 },
        ],
      });
      expect(result.success).toBe(false);
      expect(result.error!.issues.map((issue) => [issue.path.join('.'), issue.message])).toEqual([
        ['metrics.1.value', 'must be a number or NaN/Infinity/-Infinity'],
      ]);
    }
  });

  it('refuses fields a point does not have and out-of-range steps and times', () => {
    expect(ZMetricPoint.safeParse({ key: 'loss', value: 1, step: 0, epoch: 3 }).error!.issues[0]!.code).toBe('unrecognized_keys');
    expect(ZMetricPoint.safeParse({ key: 'loss', value: 1, step: 1.5 }).error!.issues[0]!.message).toBe('must be a whole number');
    expect(ZMetricPoint.safeParse({ key: 'loss', value: 1, step: 0, timestamp: 1e17 }).error!.issues[0]!.message).toMatch(
      /^must be at most 8.64e15/,
    );
  });
});

describe('flattenParams', () => {
  it('joins nested keys with dots and leaves lists as they are', () => {
    expect(flattenParams({ a: { b: { c: 1 } }, d: [1] })).toEqual({ 'a.b.c': 1, d: [1] });
  });
});
