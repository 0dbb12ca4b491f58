/**
 * Seeded randomness for everything that must replay: splits, folds, samples, shuffles.
 * mulberry32 is tiny, fast and good enough for shuffling (it passes gjrand/PractRand up to
 * a few GB), and unlike Math.random it gives the same stream on every machine for a seed,
 * which is what makes a trial re-runnable from its stored seed.
 */

/** Returns a generator of floats in [0, 1) determined entirely by `seed` (any integer). */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface SeededRandom {
  /** Float in [0, 1). */
  next(): number;
  /** Integer in [0, n). */
  nextInt(n: number): number;
}

export function createRandom(seed: number): SeededRandom {
  const next = mulberry32(seed);
  return {
    next,
    nextInt: (n: number) => Math.floor(next() * n),
  };
}

/**
 * Mixes a base seed with a salt into a new 32-bit seed, so independent streams (fold 3's
 * shuffle, class 7's sample) do not overlap just because their seeds are consecutive.
 */
export function deriveSeed(seed: number, salt: number): number {
  let h = Math.imul((seed >>> 0) ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul((salt >>> 0) + 0x632be5ab, 0xc2b2ae35);
  h = Math.imul(h ^ (h >>> 16), 0x7feb352d);
  h = Math.imul(h ^ (h >>> 15), 0x846ca68b);
  return (h ^ (h >>> 16)) >>> 0;
}

/** Fisher–Yates in place; returns the same array for chaining. */
export function shuffleInPlace<T extends { length: number; [index: number]: unknown }>(array: T, random: SeededRandom): T {
  for (let i = array.length - 1; i > 0; i--) {
    const j = random.nextInt(i + 1);
    const tmp = array[i];
    array[i] = array[j];
    array[j] = tmp;
  }
  return array;
}

/** A seeded permutation of 0..n-1. */
export function permutation(n: number, seed: number): number[] {
  const order = Array.from({ length: n }, (_, i) => i);
  return shuffleInPlace(order, createRandom(seed));
}
