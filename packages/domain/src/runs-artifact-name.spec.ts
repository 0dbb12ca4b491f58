import { RUN_LIMITS, ZArtifactName } from './runs';

const problem = (name: string) => {
  const result = ZArtifactName.safeParse(name);
  return result.success ? null : result.error.issues.map((issue) => issue.message).join('; ');
};

describe('ZArtifactName', () => {
  it.each(['model.json', 'plots/roc.png', 'a/b/c d/é.txt', '.hidden', 'v1.2/..weird..name'])('accepts %s', (name) => {
    expect(problem(name)).toBeNull();
  });

  it('accepts a name of the maximum length and refuses one character more', () => {
    expect(problem('x'.repeat(RUN_LIMITS.artifactNameLength))).toBeNull();
    expect(problem('x'.repeat(RUN_LIMITS.artifactNameLength + 1))).toContain(`at most ${RUN_LIMITS.artifactNameLength} characters`);
  });

  it('normalises to NFC, so the same name typed on macOS and Linux is one artifact', () => {
    expect(ZArtifactName.parse('cafe\u0301.txt')).toBe('caf\u00e9.txt');
  });

  it.each([
    ['', 'must not be empty'],
    ['../etc/passwd', "must not hold '..'"],
    ['plots/../../x', "must not hold '..'"],
    ['plots/./x', "must not hold '..', '.'"],
    ['plots//x', 'empty segments'],
    ['plots/', 'empty segments'],
    ['/etc/passwd', 'not an absolute one'],
    ['C:/Windows/x', 'not an absolute one'],
    ['plots\\roc.png', "with '/', not '\\'"],
    ['a\nb', 'control characters'],
    ['a\u0000b', 'control characters'],
  ])('refuses %j: %s', (name, message) => {
    expect(problem(name)).toContain(message);
  });
});
