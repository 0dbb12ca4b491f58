import { logGaussMass, logNdtr, ppf, truncnormLogPdf } from './truncnorm';

// Reference values from SciPy 1.17 (scipy.stats.truncnorm, scipy.special.log_ndtr).
describe('truncated normal', () => {
  it('matches SciPy in the body and far in the tails', () => {
    expect(truncnormLogPdf(0.5, -1, 2, 0, 1)).toBeCloseTo(-0.84377223888021, 10);
    expect(ppf(0.5, -1, 2)).toBeCloseTo(0.17116391801782482, 8);
    expect(ppf(0.1, -30, -25)).toBeCloseTo(-25.091788770766154, 6);
    expect(truncnormLogPdf(-26, -30, -25, 0, 1)).toBeCloseTo(-22.279530525184384, 6);
    expect(ppf(0.9, 3, 50)).toBeCloseTo(3.6425222758316242, 7);
  });

  it('keeps log masses finite where the masses underflow', () => {
    expect(logNdtr(-40)).toBeCloseTo(-804.6084420137538, 6);
    expect(logGaussMass(-1, 1)).toBeCloseTo(Math.log(0.6826894921370859), 12);
    expect(Number.isFinite(logGaussMass(39, 40))).toBe(true);
  });

  it('scales and shifts with loc and scale', () => {
    expect(truncnormLogPdf(2, -1, 2, 1, 2)).toBeCloseTo(truncnormLogPdf(0.5, -1, 2, 0, 1) - Math.log(2), 12);
    expect(truncnormLogPdf(5, -1, 1, 0, 1)).toBe(-Infinity);
  });
});
