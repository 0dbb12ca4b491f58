import { rowNormalize } from '@/lib/compare';

export interface ConfusionMatrixProps {
  /** counts[true][predicted] */
  matrix: readonly (readonly number[])[];
  classNames: readonly string[];
  /** Accessible name, e.g. "Confusion matrix, trial 3 (validation)". */
  label: string;
  /** Largest cell side in CSS pixels; the SVG scales down to its container. */
  cellSize?: number;
}

const LEFT = 112;
const TOP = 96;

/** White text on dark cells, dark text on light ones. */
const inkOn = (intensity: number) => (intensity > 0.55 ? '#ffffff' : '#1b1f24');

function blue(share: number): string {
  // from near-white to the accent blue, linear in the row share
  const t = Math.max(0, Math.min(1, share));
  const mix = (from: number, to: number) => Math.round(from + (to - from) * t);
  return `rgb(${mix(246, 35)}, ${mix(248, 76)}, ${mix(252, 178)})`;
}

/**
 * A confusion matrix as a heatmap: rows are true classes, columns predicted ones; each cell
 * shows its count and its share of the row (recall along the diagonal), coloured by that share.
 */
export function ConfusionMatrix({ matrix, classNames, label, cellSize = 46 }: ConfusionMatrixProps) {
  const n = classNames.length;
  const shares = rowNormalize(matrix);
  const width = LEFT + n * cellSize + 8;
  const height = TOP + n * cellSize + 8;
  return (
    <figure className="chart confusion" style={{ margin: 0 }}>
      <svg
        role="img"
        aria-label={label}
        viewBox={`0 0 ${width} ${height}`}
        width="100%"
        style={{ maxWidth: width, display: 'block' }}
        data-testid="confusion-matrix"
      >
        <text x={LEFT + (n * cellSize) / 2} y={12} textAnchor="middle" fontSize={11} fill="#59636e">
          Predicted class
        </text>
        <text x={10} y={TOP + (n * cellSize) / 2} fontSize={11} fill="#59636e" transform={`rotate(-90 10 ${TOP + (n * cellSize) / 2})`} textAnchor="middle">
          True class
        </text>
        {classNames.map((name, j) => (
          <text
            key={`col-${j}`}
            x={LEFT + j * cellSize + cellSize / 2}
            y={TOP - 6}
            fontSize={10.5}
            fill="#1b1f24"
            transform={`rotate(-45 ${LEFT + j * cellSize + cellSize / 2} ${TOP - 6})`}
            className="confusion__col-label"
          >
            {name}
          </text>
        ))}
        {classNames.map((name, i) => (
          <text key={`row-${i}`} x={LEFT - 6} y={TOP + i * cellSize + cellSize / 2 + 4} fontSize={10.5} textAnchor="end" fill="#1b1f24" className="confusion__row-label">
            {name}
          </text>
        ))}
        {matrix.map((row, i) =>
          row.map((count, j) => {
            const share = shares[i]?.[j] ?? 0;
            const x = LEFT + j * cellSize;
            const y = TOP + i * cellSize;
            return (
              <g key={`${i}-${j}`} data-testid="confusion-cell" data-true={i} data-predicted={j} data-count={count}>
                <title>{`true ${classNames[i]}, predicted ${classNames[j]}: ${count} (${(share * 100).toFixed(1)}% of the row)`}</title>
                <rect x={x} y={y} width={cellSize - 1} height={cellSize - 1} fill={blue(share)} stroke={i === j ? '#1b1f24' : 'none'} strokeOpacity={0.25} />
                <text x={x + cellSize / 2} y={y + cellSize / 2 - 1} textAnchor="middle" fontSize={cellSize > 40 ? 12 : 10} fontWeight={600} fill={inkOn(share)}>
                  {count}
                </text>
                <text x={x + cellSize / 2} y={y + cellSize / 2 + 12} textAnchor="middle" fontSize={cellSize > 40 ? 9.5 : 8} fill={inkOn(share)}>
                  {`${(share * 100).toFixed(share > 0 && share < 0.1 ? 1 : 0)}%`}
                </text>
              </g>
            );
          }),
        )}
      </svg>
    </figure>
  );
}

function diverging(value: number, scale: number): string {
  const t = scale > 0 ? Math.max(-1, Math.min(1, value / scale)) : 0;
  const mix = (from: number, to: number, s: number) => Math.round(from + (to - from) * s);
  // positive: blue (A predicts this cell more often); negative: orange
  return t >= 0 ? `rgb(${mix(248, 47, t)}, ${mix(249, 91, t)}, ${mix(250, 211, t)})` : `rgb(${mix(248, 217, -t)}, ${mix(249, 105, -t)}, ${mix(250, 28, -t)})`;
}

export interface ConfusionDifferenceProps {
  /** A − B of the row-normalised matrices, in [-1, 1]. */
  difference: readonly (readonly number[])[];
  classNames: readonly string[];
  label: string;
  cellSize?: number;
}

/**
 * The difference of two row-normalised confusion matrices in percentage points: on the
 * diagonal, positive means A recognises the class more often; off it, that A makes that
 * mistake more often.
 */
export function ConfusionDifference({ difference, classNames, label, cellSize = 46 }: ConfusionDifferenceProps) {
  const n = classNames.length;
  const scale = Math.max(0.01, ...difference.flat().map(Math.abs));
  const width = LEFT + n * cellSize + 8;
  const height = TOP + n * cellSize + 8;
  return (
    <figure className="chart confusion" style={{ margin: 0 }}>
      <svg role="img" aria-label={label} viewBox={`0 0 ${width} ${height}`} width="100%" style={{ maxWidth: width, display: 'block' }} data-testid="confusion-difference">
        <text x={LEFT + (n * cellSize) / 2} y={12} textAnchor="middle" fontSize={11} fill="#59636e">
          Predicted class
        </text>
        {classNames.map((name, j) => (
          <text key={`col-${j}`} x={LEFT + j * cellSize + cellSize / 2} y={TOP - 6} fontSize={10.5} transform={`rotate(-45 ${LEFT + j * cellSize + cellSize / 2} ${TOP - 6})`}>
            {name}
          </text>
        ))}
        {classNames.map((name, i) => (
          <text key={`row-${i}`} x={LEFT - 6} y={TOP + i * cellSize + cellSize / 2 + 4} fontSize={10.5} textAnchor="end">
            {name}
          </text>
        ))}
        {difference.map((row, i) =>
          row.map((value, j) => {
            const x = LEFT + j * cellSize;
            const y = TOP + i * cellSize;
            const points = value * 100;
            const text = Math.abs(points) < 0.05 ? '0' : `${points > 0 ? '+' : '−'}${Math.abs(points).toFixed(1)}`;
            return (
              <g key={`${i}-${j}`} data-testid="difference-cell" data-true={i} data-predicted={j} data-value={value}>
                <title>{`true ${classNames[i]}, predicted ${classNames[j]}: ${text} percentage points`}</title>
                <rect x={x} y={y} width={cellSize - 1} height={cellSize - 1} fill={diverging(value, scale)} stroke={i === j ? '#1b1f24' : 'none'} strokeOpacity={0.25} />
                <text x={x + cellSize / 2} y={y + cellSize / 2 + 4} textAnchor="middle" fontSize={11} fill={inkOn(Math.abs(value) / scale)}>
                  {text}
                </text>
              </g>
            );
          }),
        )}
      </svg>
      <figcaption className="chart__key" style={{ marginTop: 6 }}>
        Percentage points of each true class, A − B. Blue: A predicts that cell more often; orange: less.
      </figcaption>
    </figure>
  );
}
