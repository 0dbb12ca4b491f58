import { RUN_LIMITS, splitTagPatch, tagCountOverLimit, ZTagsPatch, ZUpdateRunRequest } from './runs';
import { ZUpdateExperimentRequest } from './experiment';

describe('tags patches (PATCH /runs/{id} and PATCH /experiments/{id})', () => {
  it('splits a merge patch into the tags it sets and the keys it removes', () => {
    expect(splitTagPatch({ team: 'vision', stale: null, owner: '' })).toEqual({ set: { team: 'vision', owner: '' }, remove: ['stale'] });
    expect(splitTagPatch()).toEqual({ set: {}, remove: [] });
  });

  it('counts the tags after the merge only when they pass the limit', () => {
    const full = Object.fromEntries(Array.from({ length: RUN_LIMITS.tags }, (_, i) => [`k${i}`, 'v']));
    expect(tagCountOverLimit(full, splitTagPatch({ k0: 'changed' }))).toBeNull();
    expect(tagCountOverLimit(full, splitTagPatch({ extra: 'v' }))).toBe(RUN_LIMITS.tags + 1);
    // removing one makes room for another in the same patch
    expect(tagCountOverLimit(full, splitTagPatch({ k0: null, extra: 'v' }))).toBeNull();
    expect(tagCountOverLimit({}, splitTagPatch({ gone: null }))).toBeNull();
  });

  it('is one schema for runs and experiments', () => {
    expect(ZUpdateRunRequest.shape.tags.unwrap()).toBe(ZTagsPatch);
    expect(ZUpdateExperimentRequest.shape.tags.unwrap()).toBe(ZTagsPatch);
    expect(ZTagsPatch.safeParse({ 'bad key!': 'x' }).success).toBe(false);
    expect(ZTagsPatch.safeParse({ team: 7 }).success).toBe(false);
  });
});

describe('ZUpdateExperimentRequest', () => {
  it('takes any of name, description, notes and tags, and refuses other fields', () => {
    expect(ZUpdateExperimentRequest.parse({ name: '  renamed ', tags: { a: null } })).toEqual({ name: 'renamed', tags: { a: null } });
    expect(ZUpdateExperimentRequest.parse({})).toEqual({});
    const unknown = ZUpdateExperimentRequest.safeParse({ status: 'completed' });
    expect(unknown.success).toBe(false);
  });

  it('words its refusals so the field name reads as their subject', () => {
    const issues = (body: unknown) => ZUpdateExperimentRequest.safeParse(body).error!.issues.map((i) => [i.path.join('.'), i.message]);
    expect(issues({ name: '   ' })).toEqual([['name', 'must not be empty']]);
    expect(issues({ notes: 'x'.repeat(RUN_LIMITS.notesLength + 1) })).toEqual([
      ['notes', `must be at most ${RUN_LIMITS.notesLength} characters`],
    ]);
    expect(issues({ description: 'x'.repeat(2001) })).toEqual([['description', 'must be at most 2000 characters']]);
  });
});
