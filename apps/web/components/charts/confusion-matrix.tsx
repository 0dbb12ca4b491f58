import { rowNormalize } from '@/lib/compare';
import { formatPercent, formatSigned, fullPercent } from '@/lib/format';
import { axisLabel, matrixLayout, type MatrixLayout } from './matrix-layout';
import styles from './chart.module.css';
import { ChartDataTable } from './chart-data-table';

export interface ConfusionMatrixProps {
  /** counts[true][predicted] */
  matrix: readonly (readonly number[])[];
  classNames: readonly string[];
  /** Accessible name, e.g. "Confusion matrix, trial 3 (validation)". */
  label: string;
  /** Largest cell side in CSS pixels; the SVG scales down to its container. */
  cellSize?: number;
}

const LABEL_FONT = 10.5;
const layoutOf = (classNames: readonly string[], cellSize: number) =>
  matrixLayout(classNames, { cell: cellSize, fontSize: LABEL_FONT, header: 20, axisTitle: 22 });

/**
 * The axes of a matrix: "Predicted class" above, "True class" along the left, and every class
 * name in full (or cut with an ellipsis past 20 characters), with the full name on hover.
 */
function MatrixLabels({
  classNames,
  cellSize,
  layout,
  trueAxis,
}: {
  classNames: readonly string[];
  cellSize: number;
  layout: MatrixLayout;
  trueAxis: boolean;
}) {
  const n = classNames.length;
  const { left, top, columnLabelY } = layout;
  return (
    <>
      <text x={left + (n * cellSize) / 2} y={12} textAnchor="middle" fontSize={11} className={styles.axisText}>
        Predicted class
      </text>
      {trueAxis ? (
        <text
          x={10}
          y={top + (n * cellSize) / 2}
          fontSize={11}
          className={styles.axisText}
          transform={`rotate(-90 10 ${top + (n * cellSize) / 2})`}
          textAnchor="middle"
        >
          True class
        </text>
      ) : null}
      {classNames.map((name, j) => {
        const x = left + j * cellSize + cellSize / 2;
        return (
          <g key={`col-${j}`} className="confusion__col">
            <title>{name}</title>
            <text
              x={x}
              y={columnLabelY}
              fontSize={LABEL_FONT}
              transform={`rotate(-45 ${x} ${columnLabelY})`}
              className={`confusion__col-label ${styles.inkText ?? ''}`}
            >
              {axisLabel(name)}
            </text>
          </g>
        );
      })}
      {classNames.map((name, i) => (
        <g key={`row-${i}`} className="confusion__row">
          <title>{name}</title>
          <text
            x={left - 6}
            y={top + i * cellSize + cellSize / 2 + 4}
            fontSize={LABEL_FONT}
            textAnchor="end"
            className={`confusion__row-label ${styles.inkText ?? ''}`}
          >
            {axisLabel(name)}
          </text>
        </g>
      ))}
    </>
  );
}

/**
 * Where a cell's text changes ink. The theme's scales (chart.module.css) are chosen so their
 * luminance crosses 0.18 here in light and dark alike: black or white ink then keeps 4.5:1 on
 * every cell, which no flip point gives with the page's grey text.
 */
export const HEAT_INK_FLIP = 0.7;

/** The ink of a cell's text: the scale's low-end ink up to the flip point, its high-end ink past it. */
const inkOn = (intensity: number) => (intensity > HEAT_INK_FLIP ? 'var(--chart-heat-ink-high)' : 'var(--chart-heat-ink-low)');

const percentOf = (t: number) => String(Math.round(Math.max(0, Math.min(1, t)) * 1000) / 10);

/** A cell's colour, linear in the row share from the scale's low end to its high end (custom properties, so it follows the theme). */
function heatFill(share: number): string {
  return `color-mix(in srgb, var(--chart-heat-high) ${percentOf(share)}%, var(--chart-heat-low))`;
}

/**
 * A confusion matrix as a heatmap: rows are true classes, columns predicted ones; each cell
 * shows its count and its share of the row (recall along the diagonal), coloured by that share.
 */
export function ConfusionMatrix({ matrix, classNames, label, cellSize = 46 }: ConfusionMatrixProps) {
  const shares = rowNormalize(matrix);
  const layout = layoutOf(classNames, cellSize);
  const { left: LEFT, top: TOP, width, height } = layout;
  return (
    <figure className={styles.chart} aria-label={label}>
      <svg
        role="img"
        aria-label={label}
        viewBox={`0 0 ${width} ${height}`}
        width="100%"
        className={styles.svg}
        style={{ maxWidth: width }}
        data-testid="confusion-matrix"
      >
        <MatrixLabels classNames={classNames} cellSize={cellSize} layout={layout} trueAxis />
        {matrix.map((row, i) =>
          row.map((count, j) => {
            const share = shares[i]?.[j] ?? 0;
            const x = LEFT + j * cellSize;
            const y = TOP + i * cellSize;
            return (
              <g key={`${i}-${j}`} data-testid="confusion-cell" data-true={i} data-predicted={j} data-count={count}>
                <title>{`true ${classNames[i]}, predicted ${classNames[j]}: ${count} (${fullPercent(share)} of the row)`}</title>
                <rect
                  x={x}
                  y={y}
                  width={cellSize - 1}
                  height={cellSize - 1}
                  fill={heatFill(share)}
                  className={i === j ? styles.diagonal : undefined}
                />
                <text
                  x={x + cellSize / 2}
                  y={y + cellSize / 2 - 1}
                  textAnchor="middle"
                  fontSize={cellSize > 40 ? 12 : 10}
                  fontWeight={600}
                  fill={inkOn(share)}
                >
                  {count}
                </text>
                <text
                  x={x + cellSize / 2}
                  y={y + cellSize / 2 + 12}
                  textAnchor="middle"
                  fontSize={cellSize > 40 ? 9.5 : 8}
                  fill={inkOn(share)}
                >
                  {formatPercent(share)}
                </text>
              </g>
            );
          }),
        )}
      </svg>
      <ChartDataTable
        caption={`${label}: counts, rows true class, columns predicted class, share of the row in brackets`}
        columns={['True class / predicted', ...classNames]}
        rows={matrix.map((row, i) => ({
          key: String(i),
          cells: [classNames[i] ?? String(i), ...row.map((count, j) => `${count} (${formatPercent(shares[i]?.[j] ?? 0)})`)],
        }))}
      />
    </figure>
  );
}

function diverging(value: number, scale: number): string {
  const t = scale > 0 ? Math.max(-1, Math.min(1, value / scale)) : 0;
  // positive: blue (A predicts this cell more often); negative: orange; both from the heat scale's low end
  return `color-mix(in srgb, var(${t >= 0 ? '--chart-diverge-pos' : '--chart-diverge-neg'}) ${percentOf(Math.abs(t))}%, var(--chart-heat-low))`;
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
  const scale = Math.max(0.01, ...difference.flat().map(Math.abs));
  const layout = layoutOf(classNames, cellSize);
  const { left: LEFT, top: TOP, width, height } = layout;
  return (
    <figure className={styles.chart} aria-label={label}>
      <svg
        role="img"
        aria-label={label}
        viewBox={`0 0 ${width} ${height}`}
        width="100%"
        className={styles.svg}
        style={{ maxWidth: width }}
        data-testid="confusion-difference"
      >
        <MatrixLabels classNames={classNames} cellSize={cellSize} layout={layout} trueAxis={false} />
        {difference.map((row, i) =>
          row.map((value, j) => {
            const x = LEFT + j * cellSize;
            const y = TOP + i * cellSize;
            const points = value * 100;
            const text = Math.abs(points) < 0.05 ? '0' : formatSigned(points);
            return (
              <g key={`${i}-${j}`} data-testid="difference-cell" data-true={i} data-predicted={j} data-value={value}>
                <title>{`true ${classNames[i]}, predicted ${classNames[j]}: ${Number(points.toPrecision(15))} percentage points`}</title>
                <rect
                  x={x}
                  y={y}
                  width={cellSize - 1}
                  height={cellSize - 1}
                  fill={diverging(value, scale)}
                  className={i === j ? styles.diagonal : undefined}
                />
                <text x={x + cellSize / 2} y={y + cellSize / 2 + 4} textAnchor="middle" fontSize={11} fill={inkOn(Math.abs(value) / scale)}>
                  {text}
                </text>
              </g>
            );
          }),
        )}
      </svg>
      <figcaption className={`${styles.key ?? ''} ${styles.keyBelow ?? ''}`}>
        Percentage points of each true class, A − B. Blue: A predicts that cell more often; orange: less.
      </figcaption>
      <ChartDataTable
        caption={`${label}: percentage points, rows true class, columns predicted class`}
        columns={['True class / predicted', ...classNames]}
        rows={difference.map((row, i) => ({
          key: String(i),
          cells: [classNames[i] ?? String(i), ...row.map((value) => (Math.abs(value * 100) < 0.05 ? '0' : formatSigned(value * 100)))],
        }))}
      />
    </figure>
  );
}
