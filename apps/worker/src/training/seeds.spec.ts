import { deriveFoldSeed } from './seeds';

describe('deriveFoldSeed', () => {
  it('is deterministic', () => {
    expect(deriveFoldSeed(42, 3, 1)).toBe(deriveFoldSeed(42, 3, 1));
  });

  it('gives a non-negative 31-bit integer', () => {
    for (const seed of [0, 1, 42, 2 ** 31 - 1]) {
      const value = deriveFoldSeed(seed, 1, 0);
      expect(Number.isInteger(value)).toBe(true);
      expect(value).toBeGreaterThanOrEqual(0);
      expect(value).toBeLessThan(2 ** 31);
    }
  });

  it('differs across seeds, trials and folds, without swapping collisions', () => {
    const seen = new Set<number>();
    for (let seed = 0; seed < 10; seed++)
      for (let trial = 1; trial <= 10; trial++) for (let fold = 0; fold < 10; fold++) seen.add(deriveFoldSeed(seed, trial, fold));
    expect(seen.size).toBe(1000);
    expect(deriveFoldSeed(1, 2, 0)).not.toBe(deriveFoldSeed(2, 1, 0));
    expect(deriveFoldSeed(7, 1, 2)).not.toBe(deriveFoldSeed(7, 2, 1));
  });
});
