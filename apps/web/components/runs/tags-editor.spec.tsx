import { RUN_LIMITS } from '@atelier/domain';
import { tagDraftProblem } from './tags-editor';

describe('tagDraftProblem', () => {
  it("refuses what the API would, in the domain's words", () => {
    expect(tagDraftProblem({}, 'team', 'vision')).toBeNull();
    expect(tagDraftProblem({}, 'baseline', '')).toBeNull();
    expect(tagDraftProblem({}, '', 'x')).toEqual({ field: 'key', message: 'a key must not be empty' });
    expect(tagDraftProblem({}, 'a,b', 'x')?.field).toBe('key');
    expect(tagDraftProblem({}, 'k'.repeat(RUN_LIMITS.keyLength + 1), '')).toEqual({
      field: 'key',
      message: `a key must be at most ${RUN_LIMITS.keyLength} characters`,
    });
    expect(tagDraftProblem({}, 'team', 'v'.repeat(RUN_LIMITS.valueLength + 1))).toEqual({
      field: 'value',
      message: 'a tag value must be at most 5,000 characters',
    });
  });

  it('counts a new key against the limit, not a new value for a key the tags have', () => {
    const full = Object.fromEntries(Array.from({ length: RUN_LIMITS.tags }, (_, i) => [`k${i}`, 'v']));
    expect(tagDraftProblem(full, 'another', 'v')).toEqual({ field: 'key', message: `at most ${RUN_LIMITS.tags} tags: remove one first` });
    expect(tagDraftProblem(full, 'k3', 'changed')).toBeNull();
  });
});
