import { fromWireNumber, type TWireNumber } from '@atelier/domain';
import {
  formatAccuracyWithStd,
  formatCompact,
  formatInteger,
  formatNumber,
  formatPercent,
  fullAccuracyWithStd,
  fullNumber,
  fullPercent,
  nonFiniteName,
} from '@/lib/format';

interface NumProps {
  /** A number, or a metric value as the API sends it ("NaN", "Infinity", "-Infinity" included). */
  value: number | TWireNumber | null | undefined;
  /** 'percent' reads `value` as a fraction; 'accuracy' adds `std` (a fraction) in percentage points; 'compact' is a count (235K). */
  kind?: 'number' | 'percent' | 'accuracy' | 'compact';
  std?: number | null;
  testId?: string;
}

const NON_FINITE_TITLES = { NaN: 'not a number', Infinity: 'infinite', '-Infinity': 'minus infinity' } as const;

/**
 * A measured number as the house shows it: 3 significant digits, the full value on hover.
 * A missing value is a dash with no title; NaN and the infinities are named, never hidden.
 */
export function Num({ value: given, kind = 'number', std = null, testId }: NumProps) {
  const value = typeof given === 'string' ? fromWireNumber(given) : given;
  const [text, full] =
    kind === 'percent'
      ? [formatPercent(value), fullPercent(value)]
      : kind === 'accuracy'
        ? [formatAccuracyWithStd(value, std), fullAccuracyWithStd(value, std)]
        : kind === 'compact'
          ? [formatCompact(value), formatInteger(value)]
          : [formatNumber(value), fullNumber(value)];
  const named = nonFiniteName(value);
  if (named && kind !== 'compact') {
    return (
      <span title={NON_FINITE_TITLES[named]} data-testid={testId} data-nonfinite={named}>
        {named}
      </span>
    );
  }
  const missing = value === null || value === undefined || !Number.isFinite(value);
  return (
    <span title={missing || full === text ? undefined : full} data-testid={testId}>
      {text}
    </span>
  );
}
