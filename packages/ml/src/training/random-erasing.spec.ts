import { createRandom } from '../data/random';
import { applyRandomErasing, DEFAULT_RANDOM_ERASING, validateRandomErasingOptions } from './random-erasing';
import type { RandomErasingOptions } from './types';

const shape = { count: 2000, height: 28, width: 28, channels: 1 };
const SENTINEL = -1; // outside any fill range, so erased pixels are recognisable

function erase(options: RandomErasingOptions, seed = 5) {
  const pixels = new Float32Array(shape.count * 784).fill(SENTINEL);
  const erased = applyRandomErasing(pixels, shape, options, createRandom(seed));
  return { pixels, erased };
}

const base: RandomErasingOptions = {
  probability: 0.5,
  areaRange: [0.02, 0.33],
  aspectRatioRange: [0.3, 3.3],
  fillRange: [0, 1],
  perPixelFill: true,
};

/** Bounding box of the changed pixels of one image, and how many changed. */
function changed(pixels: Float32Array, image: number) {
  let n = 0,
    top = 28,
    bottom = -1,
    left = 28,
    right = -1;
  for (let y = 0; y < 28; y++)
    for (let x = 0; x < 28; x++)
      if (pixels[image * 784 + y * 28 + x] !== SENTINEL) {
        n++;
        top = Math.min(top, y);
        bottom = Math.max(bottom, y);
        left = Math.min(left, x);
        right = Math.max(right, x);
      }
  return { n, h: bottom - top + 1, w: right - left + 1 };
}

describe('applyRandomErasing', () => {
  it('erases about `probability` of the images, and exactly the images it reports', () => {
    const { pixels, erased } = erase(base);
    // Binomial(2000, 0.5): 4 standard deviations is ±89.
    expect(Math.abs(erased - 1000)).toBeLessThan(89);
    let touched = 0;
    for (let i = 0; i < shape.count; i++) if (changed(pixels, i).n > 0) touched++;
    expect(touched).toBe(erased);
    expect(erase({ ...base, probability: 0.1 }).erased).toBeGreaterThan(200 - 54);
    expect(erase({ ...base, probability: 0.1 }).erased).toBeLessThan(200 + 54);
    expect(erase({ ...base, probability: 0 }).erased).toBe(0);
    expect(erase({ ...base, probability: 1 }).erased).toBe(2000);
  });

  it('erases one full rectangle whose area and aspect ratio stay in range', () => {
    const { pixels } = erase({ ...base, probability: 1 });
    for (let i = 0; i < 200; i++) {
      const { n, h, w } = changed(pixels, i);
      expect(n).toBe(h * w); // a solid rectangle
      // Rounding h and w to whole pixels moves area and ratio a little past the ranges.
      expect(n / 784).toBeGreaterThanOrEqual(0.02 * 0.7);
      expect(n / 784).toBeLessThanOrEqual(0.33 * 1.3);
      expect(h / w).toBeGreaterThanOrEqual(0.3 * 0.5);
      expect(h / w).toBeLessThanOrEqual(3.3 * 2);
    }
  });

  it('fills per pixel or with one value per rectangle, within the fill range', () => {
    const perPixel = erase({ ...base, probability: 1, fillRange: [0.2, 0.4] }).pixels.filter((v) => v !== SENTINEL);
    expect(perPixel.reduce((a, b) => Math.min(a, b), Infinity)).toBeGreaterThanOrEqual(0.2);
    expect(perPixel.reduce((a, b) => Math.max(a, b), -Infinity)).toBeLessThan(0.4);
    expect(new Set(perPixel.slice(0, 50)).size).toBeGreaterThan(40);
    const constant = erase({ ...base, probability: 1, perPixelFill: false })
      .pixels.subarray(0, 784)
      .filter((v) => v !== SENTINEL);
    expect(new Set(constant).size).toBe(1);
  });

  it('is seeded: the same seed erases the same pixels, another seed others', () => {
    // Compared as bytes: jest's deep equality on 1.5M floats takes tens of seconds.
    const bytes = (seed: number) => Buffer.from(erase(base, seed).pixels.buffer);
    expect(bytes(9).equals(bytes(9))).toBe(true);
    expect(bytes(9).equals(bytes(10))).toBe(false);
  });

  it('accepts the paper defaults', () => {
    expect(() => validateRandomErasingOptions(DEFAULT_RANDOM_ERASING)).not.toThrow();
    expect(Math.abs(erase(DEFAULT_RANDOM_ERASING).erased - 1000)).toBeLessThan(89);
  });

  it('rejects impossible options', () => {
    expect(() => validateRandomErasingOptions({ ...base, probability: 1.5, areaRange: [0.5, 0.1] })).toThrow(
      'invalid random erasing options: probability must be in [0, 1], got 1.5; areaRange must satisfy 0 < min <= max <= 1, got [0.5, 0.1]',
    );
    expect(() => validateRandomErasingOptions({ ...base, fillRange: [0, 2] })).toThrow(/fillRange/);
    expect(() => validateRandomErasingOptions({ ...base, aspectRatioRange: [0, 1] })).toThrow(/aspectRatioRange/);
  });
});
