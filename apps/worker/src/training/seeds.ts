/**
 * Seed of one fold's training (initializers, shuffles, augmentation), derived from the
 * experiment seed so a rerun reproduces it, and distinct per trial and fold so folds do not
 * share initial weights by accident. A hash (not seed + trial + fold) keeps nearby inputs far
 * apart: (seed 1, trial 2) and (seed 2, trial 1) must not collide.
 */
export function deriveFoldSeed(experimentSeed: number, trialNumber: number, fold: number): number {
  let h = mix32(experimentSeed >>> 0);
  h = mix32(h ^ Math.imul(trialNumber >>> 0, 0x9e3779b1));
  h = mix32(h ^ Math.imul((fold + 1) >>> 0, 0x85ebca77));
  // Non-negative 31-bit int: what the ML package and the domain accept as a seed.
  return h & 0x7fffffff;
}

/** murmur3's 32-bit finalizer: every input bit affects every output bit. */
function mix32(value: number): number {
  let h = value >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}
