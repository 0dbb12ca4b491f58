import {
  durationBetween,
  formatAccuracyWithStd,
  formatCompact,
  formatDateTime,
  formatDuration,
  formatHyperparameter,
  formatPercent,
} from './format';

describe('format', () => {
  it('formats percentages with two decimals and a dash for missing values', () => {
    expect(formatPercent(0.91234)).toBe('91.23%');
    expect(formatPercent(1)).toBe('100.00%');
    expect(formatPercent(null)).toBe('—');
    expect(formatPercent(Number.NaN)).toBe('—');
  });

  it('formats mean ± std in percentage points', () => {
    expect(formatAccuracyWithStd(0.8512, 0.0123)).toBe('85.12% ± 1.23');
    expect(formatAccuracyWithStd(0.8512, null)).toBe('85.12%');
    expect(formatAccuracyWithStd(null, 0.1)).toBe('—');
  });

  it('formats durations', () => {
    expect(formatDuration(4_400)).toBe('4s');
    expect(formatDuration(125_000)).toBe('2m 05s');
    expect(formatDuration(3 * 3600_000 + 7 * 60_000)).toBe('3h 07m');
    expect(formatDuration(null)).toBe('—');
  });

  it('measures spans, open-ended ones until now', () => {
    expect(durationBetween('2026-01-01T00:00:00Z', '2026-01-01T00:01:30Z')).toBe(90_000);
    expect(durationBetween('2026-01-01T00:00:00Z', null, Date.parse('2026-01-01T00:00:10Z'))).toBe(10_000);
    expect(durationBetween(null, null)).toBeNull();
  });

  it('formats hyperparameters and counts compactly', () => {
    expect(formatHyperparameter(0.001)).toBe('0.001');
    expect(formatHyperparameter(0.0001)).toBe('1e−4');
    expect(formatHyperparameter(0.9)).toBe('0.9');
    expect(formatCompact(1_234_567)).toBe('1.23M');
  });

  it('formats dates in UTC', () => {
    expect(formatDateTime('2026-11-21T23:05:00Z')).toBe('21 Nov 2026, 23:05 UTC');
    expect(formatDateTime(null)).toBe('—');
  });
});
