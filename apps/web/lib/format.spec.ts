import {
  nonFiniteName,
  durationBetween,
  formatAccuracyWithStd,
  formatCompact,
  formatDateTime,
  formatDuration,
  formatElapsed,
  formatHyperparameter,
  formatLoss,
  formatNumber,
  formatPercent,
  formatSigned,
  formatTick,
  fullAccuracyWithStd,
  fullNumber,
  fullPercent,
} from './format';

describe('format', () => {
  it('shows measured numbers with 3 significant digits: decimals from 0.001 up to a million, scientific outside', () => {
    expect(formatNumber(0.00189642)).toBe('0.00190');
    expect(formatNumber(-2.66846e-4)).toBe('-2.67e-4');
    expect(formatNumber(8)).toBe('8.00');
    expect(formatNumber(0.5)).toBe('0.500');
    expect(formatNumber(123.456)).toBe('123');
    expect(formatNumber(999.6)).toBe('1000');
    expect(formatNumber(12_345.6)).toBe('12300');
    expect(formatNumber(-12_345.6)).toBe('-12300');
    expect(formatNumber(12_345_678)).toBe('1.23e+7');
    expect(formatNumber(0.001)).toBe('0.00100');
    expect(formatNumber(0)).toBe('0');
    expect(formatNumber(-0)).toBe('0');
    expect(formatLoss(2.302585)).toBe('2.30');
  });

  it('writes the minus sign in ASCII so a copied value parses back as a number', () => {
    for (const value of [-2.66846e-4, -0.5, -1234.5, -1e-9]) {
      const text = formatNumber(value);
      expect(text).not.toContain('\u2212');
      expect(text.startsWith('-')).toBe(true);
      expect(Number(text)).toBe(Number(value.toPrecision(3)));
    }
    expect(formatHyperparameter(0.0001)).toBe('1e-4');
    expect(Number(formatSigned(-0.1))).toBe(-0.1);
  });

  it('shows a dash for missing values', () => {
    for (const f of [formatNumber, formatTick, formatPercent, fullNumber, fullPercent, formatSigned, formatElapsed]) {
      expect(f(null)).toBe('—');
      expect(f(undefined)).toBe('—');
    }
    // axis ticks, differences and durations have no use for a non-finite value
    for (const f of [formatTick, formatSigned, formatElapsed]) {
      expect(f(Number.NaN)).toBe('—');
      expect(f(Number.POSITIVE_INFINITY)).toBe('—');
    }
  });

  it('names a measured value that is not a number instead of hiding it', () => {
    for (const f of [formatNumber, fullNumber, formatPercent, fullPercent]) {
      expect(f(Number.NaN)).toBe('NaN');
      expect(f(Number.POSITIVE_INFINITY)).toBe('Infinity');
      expect(f(Number.NEGATIVE_INFINITY)).toBe('-Infinity');
    }
    expect(nonFiniteName(0)).toBeNull();
    expect(nonFiniteName(null)).toBeNull();
  });

  it('gives the full value for a title', () => {
    expect(fullNumber(0.00189642)).toBe('0.00189642');
    expect(fullNumber(-2.66846e-4)).toBe('-0.000266846');
    expect(fullPercent(0.91234)).toBe('91.234%');
    expect(fullPercent(0.07)).toBe('7%');
    expect(fullAccuracyWithStd(0.8512, 0.0123)).toBe('85.12% ± 1.23 percentage points');
  });

  it('formats axis ticks without trailing zeros', () => {
    expect(formatTick(0.5)).toBe('0.5');
    expect(formatTick(2)).toBe('2');
    expect(formatTick(0.0001)).toBe('1e-4');
    expect(formatTick(0.00025)).toBe('2.5e-4');
    expect(formatTick(1.25)).toBe('1.25');
    expect(formatTick(0.30000000000000004)).toBe('0.3');
  });

  it('formats percentages with 3 significant digits, or fixed decimals for aligned ticks', () => {
    expect(formatPercent(0.91234)).toBe('91.2%');
    expect(formatPercent(0.05)).toBe('5.00%');
    expect(formatPercent(0.8765)).toBe('87.7%');
    expect(formatPercent(0.001234)).toBe('0.123%');
    expect(formatPercent(1)).toBe('100%');
    expect(formatPercent(0)).toBe('0%');
    expect(formatPercent(0.74, 0)).toBe('74%');
    expect(formatPercent(0.745, 1)).toBe('74.5%');
  });

  it('formats mean ± std in percentage points', () => {
    expect(formatAccuracyWithStd(0.8512, 0.0123)).toBe('85.1% ± 1.23');
    expect(formatAccuracyWithStd(0.8512, 0.00045)).toBe('85.1% ± 0.0450');
    expect(formatAccuracyWithStd(0.8512, null)).toBe('85.1%');
    expect(formatAccuracyWithStd(null, 0.1)).toBe('—');
  });

  it('signs differences', () => {
    expect(formatSigned(20)).toBe('+20.0');
    expect(formatSigned(-10)).toBe('-10.0');
    expect(formatSigned(0)).toBe('0');
  });

  it('formats durations and elapsed seconds', () => {
    expect(formatDuration(4_400)).toBe('4s');
    expect(formatDuration(125_000)).toBe('2m 05s');
    expect(formatDuration(3 * 3600_000 + 7 * 60_000)).toBe('3h 07m');
    expect(formatDuration(null)).toBe('—');
    expect(formatElapsed(0)).toBe('0s');
    expect(formatElapsed(4.5)).toBe('4.5s');
    expect(formatElapsed(12.345)).toBe('12.3s');
    expect(formatElapsed(125)).toBe('2m 05s');
  });

  it('measures spans, open-ended ones until now', () => {
    expect(durationBetween('2026-01-01T00:00:00Z', '2026-01-01T00:01:30Z')).toBe(90_000);
    expect(durationBetween('2026-01-01T00:00:00Z', null, Date.parse('2026-01-01T00:00:10Z'))).toBe(10_000);
    expect(durationBetween(null, null)).toBeNull();
  });

  it('formats hyperparameters as entered and counts compactly', () => {
    expect(formatHyperparameter(0.001)).toBe('0.001');
    expect(formatHyperparameter(0.0001)).toBe('1e-4');
    expect(formatHyperparameter(0.00025)).toBe('2.5e-4');
    expect(formatHyperparameter(0.9)).toBe('0.9');
    expect(formatCompact(1_234_567)).toBe('1.23M');
    expect(formatCompact(235_146)).toBe('235K');
    expect(formatCompact(1234)).toBe('1.23K');
    expect(formatCompact(null)).toBe('—');
  });

  it('formats dates in UTC', () => {
    expect(formatDateTime('2026-11-21T23:05:00Z')).toBe('21 Nov 2026, 23:05 UTC');
    expect(formatDateTime(null)).toBe('—');
  });
});
