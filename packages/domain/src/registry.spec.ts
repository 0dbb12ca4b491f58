import {
  parseModelReference,
  ZCreateModelVersionRequest,
  ZCreateRegisteredModelRequest,
  ZModelAliasName,
  ZSetModelAliasRequest,
} from './registry';

describe('registry names', () => {
  it('accepts names of letters, digits, dots, dashes and underscores', () => {
    expect(ZCreateRegisteredModelRequest.parse({ name: 'fashion-cnn_v2.1' })).toEqual({ name: 'fashion-cnn_v2.1', description: '' });
  });

  it.each(['', '-lead', 'has space', 'a/b', 'a@b', 'x'.repeat(101), 'é'])('refuses %j with a message that says the rule', (name) => {
    const result = ZCreateRegisteredModelRequest.safeParse({ name });
    expect(result.success).toBe(false);
    expect(result.error!.issues[0]!.message).toMatch(/not a valid registered model name: use 1 to 100 characters/);
  });

  it("refuses '@' and '/' in an alias", () => {
    expect(ZModelAliasName.safeParse('production').success).toBe(true);
    expect(ZModelAliasName.safeParse('prod@1').error!.issues[0]!.message).toMatch(/no '@' or '\/'/);
    expect(ZModelAliasName.safeParse('prod/1').success).toBe(false);
  });
});

describe('request bodies', () => {
  it('takes a version from a model or a run, never both', () => {
    const id = '6f1c2a4e-6a7b-4c1d-9e8f-0a1b2c3d4e5f';
    expect(ZCreateModelVersionRequest.parse({ modelId: id })).toEqual({ modelId: id });
    expect(ZCreateModelVersionRequest.parse({ runId: id })).toEqual({ runId: id });
    expect(ZCreateModelVersionRequest.safeParse({ modelId: id, runId: id }).success).toBe(false);
    expect(ZCreateModelVersionRequest.safeParse({}).success).toBe(false);
  });

  it('points an alias at a version number or a version id', () => {
    expect(ZSetModelAliasRequest.parse({ version: 2 })).toEqual({ version: 2 });
    expect(ZSetModelAliasRequest.safeParse({ version: 0 }).success).toBe(false);
    expect(ZSetModelAliasRequest.safeParse({ version: '2' }).success).toBe(false);
  });
});

describe('parseModelReference', () => {
  it('reads name@alias and name/version', () => {
    expect(parseModelReference('fashion@production')).toEqual({ name: 'fashion', alias: 'production' });
    expect(parseModelReference('fashion/12')).toEqual({ name: 'fashion', version: 12 });
  });

  it.each([
    ['fashion', /has no '@alias' or '\/version'/],
    ['fashion/0', /'0' is not a version number/],
    ['fashion/x', /'x' is not a version number/],
    ['a@b/1', /either '@' or '\/'/],
    ['bad name@prod', /not a valid registered model name/],
    ['fashion@', /not a valid alias/],
  ])('refuses %j', (text, message) => {
    expect(() => parseModelReference(text)).toThrow(message);
  });
});
