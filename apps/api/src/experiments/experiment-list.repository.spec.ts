import { Prisma } from '@atelier/db/client';
import { containsPattern, filterConditions } from './experiment-list.repository';

describe('containsPattern', () => {
  it('matches the text anywhere, its own wildcards and the escape character taken literally', () => {
    expect(containsPattern('sweep')).toBe('%sweep%');
    expect(containsPattern('100%')).toBe('%100!%%');
    expect(containsPattern('data_set')).toBe('%data!_set%');
    expect(containsPattern('wow!')).toBe('%wow!!%');
  });
});

describe('filterConditions', () => {
  it('adds one parameterized condition per filter given', () => {
    const status = Prisma.raw('shown_status');
    expect(filterConditions({}, status)).toEqual([]);
    const conditions = filterConditions({ status: ['running', 'queued'], dataset: 'mnist', strategy: 'asha', q: '50%' }, status);
    expect(conditions.map((c) => c.sql.replace(/\s+/g, ' ').trim())).toEqual([
      'shown_status IN (?,?)',
      'd.key = ?',
      "e.strategy->>'kind' = ?",
      "(e.name ILIKE ? ESCAPE '!' OR e.description ILIKE ? ESCAPE '!')",
    ]);
    expect(conditions.flatMap((c) => c.values)).toEqual(['running', 'queued', 'mnist', 'asha', '%50!%%', '%50!%%']);
  });
});
