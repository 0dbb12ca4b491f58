import { z } from 'zod';
import { ZTagsPatch } from '@atelier/domain';
import { nearestKey, summarizeIssues, unknownFieldsMessage, zodIssues } from './zod-issues';

describe('zodIssues', () => {
  it("says why a record key is refused, in the key schema's words", () => {
    const result = z.object({ tags: ZTagsPatch }).safeParse({ tags: { 'bad key!': 'x' } });
    const issues = zodIssues(result.error!);
    expect(issues).toEqual([{ path: 'tags.bad key!', message: 'invalid key: a key may hold only letters, digits, spaces and _ - . / :' }]);
    expect(summarizeIssues(issues)).toBe('tags.bad key!: invalid key: a key may hold only letters, digits, spaces and _ - . / :');
  });
});

describe('unknownFieldsMessage', () => {
  const SPACE = ['architecture', 'batchSize', 'epochs', 'learningRate', 'momentum'];

  it('suggests the nearest known key: a case slip, a dropped or swapped letter', () => {
    expect(unknownFieldsMessage(['learningrate'], SPACE)).toBe("unknown field 'learningrate'; did you mean 'learningRate'?");
    expect(unknownFieldsMessage(['momentm'], SPACE)).toBe("unknown field 'momentm'; did you mean 'momentum'?");
    expect(unknownFieldsMessage(['epcohs'], SPACE)).toBe("unknown field 'epcohs'; did you mean 'epochs'?");
  });

  it('lists the known keys rather than suggest a word that is not a typo of the key', () => {
    expect(nearestKey('dropout', SPACE)).toBeNull();
    expect(unknownFieldsMessage(['dropout'], SPACE)).toBe(
      "unknown field 'dropout'; known fields: architecture, batchSize, epochs, learningRate, momentum",
    );
  });

  it('names every unknown key of one object, with a suggestion where there is one', () => {
    expect(unknownFieldsMessage(['batchsize', 'dropout'], SPACE)).toBe(
      "unknown fields 'batchsize' (did you mean 'batchSize'?), 'dropout'; known fields: architecture, batchSize, epochs, learningRate, momentum",
    );
  });

  it('puts an unknown key before the issues it causes', () => {
    const schema = z.strictObject({ learningRate: z.number() });
    const issues = zodIssues(schema.safeParse({ learningrate: 0.1 }).error!);
    expect(issues.map((issue) => issue.path)).toEqual(['', 'learningRate']);
  });
});
