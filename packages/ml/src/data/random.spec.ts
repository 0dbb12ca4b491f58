import { createRandom, deriveSeed, mulberry32, permutation } from './random';

describe('seeded randomness', () => {
  it('replays the same stream for the same seed and differs across seeds', () => {
    const a = Array.from({ length: 5 }, mulberry32(42));
    const b = Array.from({ length: 5 }, mulberry32(42));
    const c = Array.from({ length: 5 }, mulberry32(43));
    expect(a).toEqual(b);
    expect(a).not.toEqual(c);
    for (const x of a) expect(x >= 0 && x < 1).toBe(true);
  });

  it('is roughly uniform (each decile within 10% of 10k draws)', () => {
    const random = createRandom(7);
    const bins = new Array<number>(10).fill(0);
    for (let i = 0; i < 100_000; i++) bins[random.nextInt(10)]!++;
    for (const count of bins) expect(Math.abs(count - 10_000)).toBeLessThan(1_000);
  });

  it('permutes 0..n-1 deterministically', () => {
    const p = permutation(50, 3);
    expect([...p].sort((x, y) => x - y)).toEqual(Array.from({ length: 50 }, (_, i) => i));
    expect(permutation(50, 3)).toEqual(p);
    expect(permutation(50, 4)).not.toEqual(p);
  });

  it('derives distinct seeds for neighbouring salts', () => {
    const seeds = new Set(Array.from({ length: 100 }, (_, i) => deriveSeed(1, i)));
    expect(seeds.size).toBe(100);
    expect(deriveSeed(1, 2)).toBe(deriveSeed(1, 2));
  });
});
