import { z } from 'zod';
import { ZTagsPatch } from '@atelier/domain';
import { summarizeIssues, zodIssues } from './zod-issues';

describe('zodIssues', () => {
  it("says why a record key is refused, in the key schema's words", () => {
    const result = z.object({ tags: ZTagsPatch }).safeParse({ tags: { 'bad key!': 'x' } });
    const issues = zodIssues(result.error!);
    expect(issues).toEqual([{ path: 'tags.bad key!', message: 'invalid key: a key may hold only letters, digits, spaces and _ - . / :' }]);
    expect(summarizeIssues(issues)).toBe('tags.bad key!: invalid key: a key may hold only letters, digits, spaces and _ - . / :');
  });
});
