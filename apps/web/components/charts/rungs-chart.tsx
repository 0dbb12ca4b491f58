import type { TRungOutcome, TRungSummary } from '@atelier/domain';
import { accuracyScale } from './curves';
import { formatInteger, formatPercent } from '@/lib/format';
import { ChartDataTable } from './chart-data-table';
import swatchStyles from '@/components/ui/swatch.module.css';
import styles from './chart.module.css';

const COLORS: Record<TRungOutcome, string> = {
  promoted: 'var(--color-success)',
  stopped: 'var(--color-neutral-mark)',
  waiting: 'var(--color-warning-mark)',
  final: 'var(--color-accent)',
};
const LABELS: Record<TRungOutcome, string> = { promoted: 'promoted', stopped: 'stopped', waiting: 'waiting', final: 'last rung' };

/**
 * ASHA's rungs side by side: each dot a trial's mean validation accuracy at that rung, green
 * when it was promoted to the next rung, grey when stopped, amber while waiting for a decision.
 */
export function RungsChart({ rungs, width = 720, height = 280 }: { rungs: readonly TRungSummary[]; width?: number; height?: number }) {
  // the API sends at most RUNG_POINTS_LIMIT scores per rung, best first: enough to see the cut
  const scores = rungs.flatMap((r) => r.points.map((p) => p.score));
  if (scores.length === 0) {
    return (
      <figure className={styles.chart} aria-label="ASHA rungs">
        <div className={`${styles.empty ?? ''} ${styles.emptyShort ?? ''}`}>No trial has finished its first rung yet.</div>
      </figure>
    );
  }
  const scale = accuracyScale(scores);
  const [lo, hi] = scale.domain;
  const top = 16;
  const bottom = 44;
  const left = 60;
  const colWidth = (width - left - 10) / rungs.length;
  const y = (v: number) => top + (1 - (v - lo) / (hi - lo || 1)) * (height - top - bottom);
  return (
    <figure className={styles.chart} aria-label="ASHA rungs">
      <svg
        role="img"
        aria-label="Scores at each ASHA rung"
        viewBox={`0 0 ${width} ${height}`}
        width="100%"
        className={styles.svg}
        style={{ maxWidth: width }}
      >
        {scale.ticks.map((tick) => (
          <g key={tick}>
            <line x1={left} x2={width - 10} y1={y(tick)} y2={y(tick)} className={styles.gridLine} />
            <text x={left - 6} y={y(tick) + 4} textAnchor="end" fontSize={11} className={styles.axisText}>
              {formatPercent(tick, scale.percentDigits)}
            </text>
          </g>
        ))}
        {rungs.map((rung, i) => {
          const cx = left + colWidth * (i + 0.5);
          return (
            <g key={rung.rung} data-testid="rung-column" data-rung={rung.rung}>
              <text x={cx} y={height - 24} textAnchor="middle" fontSize={12} fontWeight={600} className={styles.inkText}>
                Rung {rung.rung} · {rung.epochs} {rung.epochs === 1 ? 'epoch' : 'epochs'}
              </text>
              <text x={cx} y={height - 8} textAnchor="middle" fontSize={11} className={styles.axisText}>
                {formatInteger(rung.reached)} trials · {formatInteger(rung.promoted)} promoted
              </text>
              {rung.points.map((p) => {
                // a deterministic spread so equal scores do not hide each other
                const jitter = (((p.number * 2654435761) % 1000) / 1000 - 0.5) * Math.min(colWidth * 0.6, 80);
                return (
                  <circle
                    key={p.trialId}
                    cx={cx + jitter}
                    cy={y(p.score)}
                    r={4}
                    fill={COLORS[p.outcome]}
                    fillOpacity={0.85}
                    data-outcome={p.outcome}
                    data-score={p.score}
                  >
                    <title>{`Trial ${p.number}: ${formatPercent(p.score)} (${LABELS[p.outcome]})`}</title>
                  </circle>
                );
              })}
            </g>
          );
        })}
      </svg>
      <figcaption>
        <ul className={styles.legend} aria-label="Rung outcomes">
          {(Object.keys(COLORS) as TRungOutcome[]).map((o) => (
            <li key={o}>
              <span className={`${swatchStyles.swatch} ${styles.round ?? ''}`} style={{ background: COLORS[o] }} aria-hidden="true" />
              {LABELS[o]}
            </li>
          ))}
        </ul>
      </figcaption>
      <ChartDataTable
        caption="Mean validation accuracy of each trial at each ASHA rung"
        columns={['Rung', 'Trial', 'Mean validation accuracy', 'Outcome']}
        rows={rungs.flatMap((rung) =>
          rung.points.map((p) => ({
            key: `${rung.rung}-${p.trialId}`,
            cells: [
              `Rung ${rung.rung} · ${rung.epochs} ${rung.epochs === 1 ? 'epoch' : 'epochs'}`,
              `Trial ${p.number}`,
              formatPercent(p.score),
              LABELS[p.outcome],
            ],
          })),
        )}
      />
    </figure>
  );
}
