import { formatAccuracyWithStd, formatCompact, formatInteger, formatNumber, formatPercent, fullAccuracyWithStd, fullNumber, fullPercent } from '@/lib/format';

interface NumProps {
  value: number | null | undefined;
  /** 'percent' reads `value` as a fraction; 'accuracy' adds `std` (a fraction) in percentage points; 'compact' is a count (235K). */
  kind?: 'number' | 'percent' | 'accuracy' | 'compact';
  std?: number | null;
  testId?: string;
}

/**
 * A measured number as the house shows it: 3 significant digits, the full value on hover.
 * A missing value is a dash with no title.
 */
export function Num({ value, kind = 'number', std = null, testId }: NumProps) {
  const [text, full] =
    kind === 'percent'
      ? [formatPercent(value), fullPercent(value)]
      : kind === 'accuracy'
        ? [formatAccuracyWithStd(value, std), fullAccuracyWithStd(value, std)]
        : kind === 'compact'
          ? [formatCompact(value), formatInteger(value)]
          : [formatNumber(value), fullNumber(value)];
  const missing = value === null || value === undefined || !Number.isFinite(value);
  return (
    <span title={missing || full === text ? undefined : full} data-testid={testId}>
      {text}
    </span>
  );
}
