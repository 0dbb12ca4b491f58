import { BACKOFF, retryDelayMs } from './backoff.js';

describe('retryDelayMs', () => {
  it('doubles from half a second and stops at thirty', () => {
    const middle = () => 0.5;
    expect([0, 1, 2, 3, 4, 5, 6, 7, 20].map((attempt) => retryDelayMs(attempt, middle))).toEqual([
      500, 1000, 2000, 4000, 8000, 16_000, 30_000, 30_000, 30_000,
    ]);
  });

  it('moves each wait by at most 20 % either way', () => {
    expect(retryDelayMs(0, () => 0)).toBe(BACKOFF.firstMs * 0.8);
    expect(retryDelayMs(0, () => 0.999_999)).toBeCloseTo(BACKOFF.firstMs * 1.2, -1);
    expect(retryDelayMs(10, () => 0)).toBe(BACKOFF.maxMs * 0.8);
  });
});
