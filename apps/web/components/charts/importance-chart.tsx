import type { TImportance, TSpread } from '@atelier/domain';
import { HYPERPARAMETER_LABELS } from '@/lib/compare';
import { formatInteger, formatPercent } from '@/lib/format';
import alertStyles from '@/components/ui/alert.module.css';
import styles from './chart.module.css';
import summaries from './search-summaries.module.css';
import { ChartDataTable } from './chart-data-table';

export interface ImportanceChartProps {
  importance: TImportance | null;
  /** What the scores are, for the caption: "mean validation accuracy", "… at rung 1". */
  scoreName?: string;
  width?: number;
}

const ROW = 30;
const LABEL = 120;
const VALUE = 118;

/**
 * Each hyperparameter's main effect as a share of the variance in the scores (median over
 * bootstrap resamples, whiskers from the first to the third quartile), and the share no main
 * effect explains. The bars do not add up to 100 % by design: what they leave is in "Unexplained".
 */
export function ImportanceChart({ importance, scoreName = 'mean validation accuracy', width = 520 }: ImportanceChartProps) {
  if (!importance) {
    return (
      <figure className={styles.chart} aria-label="Parameter importance">
        <div className={`${styles.empty ?? ''} ${styles.emptyShort ?? ''}`}>
          Importance needs at least 3 scored trials that did not diverge.
        </div>
      </figure>
    );
  }
  const rows: { key: string; label: string; spread: TSpread; unexplained?: boolean }[] = [
    ...importance.parameters.map((p) => ({ key: p.name, label: HYPERPARAMETER_LABELS[p.name], spread: p })),
    { key: 'unexplained', label: 'Unexplained', spread: importance.unexplained, unexplained: true },
  ];
  const plot = width - LABEL - VALUE;
  const x = (share: number) => LABEL + Math.min(1, Math.max(0, share)) * plot;
  const height = rows.length * ROW + 24;
  return (
    <figure className={styles.chart} aria-label="Parameter importance">
      {importance.warning ? (
        <div
          className={`${alertStyles.alert} ${alertStyles.warn} ${summaries.warning ?? ''}`}
          role="status"
          data-testid="importance-warning"
        >
          {importance.warning}
        </div>
      ) : null}
      <svg
        role="img"
        aria-label="Share of the score variance explained by each hyperparameter"
        viewBox={`0 0 ${width} ${height}`}
        width="100%"
        style={{ maxWidth: width }}
      >
        {[0, 0.25, 0.5, 0.75, 1].map((t) => (
          <g key={t}>
            <line x1={x(t)} x2={x(t)} y1={0} y2={rows.length * ROW} className={styles.gridLine} />
            <text x={x(t)} y={rows.length * ROW + 16} textAnchor="middle" fontSize={11} className={styles.axisText}>
              {formatPercent(t, 0)}
            </text>
          </g>
        ))}
        {rows.map((row, i) => {
          const mid = i * ROW + ROW / 2;
          const { median, q1, q3 } = row.spread;
          return (
            <g key={row.key} data-testid="importance-row" data-name={row.key} data-median={median}>
              <text
                x={LABEL - 8}
                y={mid + 4}
                textAnchor="end"
                fontSize={12}
                className={styles.inkText}
                fontStyle={row.unexplained ? 'italic' : undefined}
              >
                {row.label}
              </text>
              <rect
                x={LABEL}
                y={mid - 8}
                width={Math.max(0, x(median) - LABEL)}
                height={16}
                rx={2}
                className={row.unexplained ? summaries.unexplainedBar : summaries.importanceBar}
              />
              {q3 > q1 ? (
                <g className={styles.inkLine} strokeWidth={1.2} data-testid="importance-whisker">
                  <line x1={x(q1)} x2={x(q3)} y1={mid} y2={mid} />
                  <line x1={x(q1)} x2={x(q1)} y1={mid - 5} y2={mid + 5} />
                  <line x1={x(q3)} x2={x(q3)} y1={mid - 5} y2={mid + 5} />
                </g>
              ) : null}
              <text x={LABEL + plot + 8} y={mid + 4} fontSize={12} className={`num ${styles.inkText ?? ''}`}>
                {formatPercent(median, 0)}
                <tspan className={styles.axisText}>{` (${formatPercent(q1, 0)}–${formatPercent(q3, 0)})`}</tspan>
              </text>
              <title>{`${row.label}: median ${formatPercent(median, 1)}, interquartile range ${formatPercent(q1, 1)} to ${formatPercent(q3, 1)} over ${importance.resamples} resamples`}</title>
            </g>
          );
        })}
      </svg>
      <figcaption className={`${styles.key ?? ''} ${styles.keyBelow ?? ''}`} data-testid="importance-method">
        Share of the variance in {scoreName} each hyperparameter explains on its own: fANOVA over a random forest (as Optuna&apos;s default
        importance), fitted on {importance.resamples} bootstrap resamples of {formatInteger(importance.trials)} trials ({importance.trees}{' '}
        trees each, seed {importance.seed}); bars are medians, whiskers the interquartile range. Each share is scaled by how well the forest
        predicts the trials a resample left out (median R² {formatPercent(importance.fit.median, 0)}), so &ldquo;Unexplained&rdquo; holds
        run-to-run noise and interactions.
        {importance.excludedDiverged > 0 ? ` ${formatInteger(importance.excludedDiverged)} diverged trials left out.` : ''}
      </figcaption>
      <ChartDataTable
        caption={`Share of the variance in ${scoreName} each hyperparameter explains`}
        columns={['Hyperparameter', 'Median share', 'First quartile', 'Third quartile']}
        rows={rows.map((row) => ({
          key: row.key,
          cells: [row.label, formatPercent(row.spread.median, 1), formatPercent(row.spread.q1, 1), formatPercent(row.spread.q3, 1)],
        }))}
      />
    </figure>
  );
}
