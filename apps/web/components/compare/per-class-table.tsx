import type { TEvaluationSummary } from '@atelier/domain';
import { trialColor } from '@/components/charts/trial-colors';
import { Num } from '@/components/ui/num';
import { bestIndices } from '@/lib/compare';
import swatchStyles from '@/components/ui/swatch.module.css';
import tableStyles from '@/components/ui/table.module.css';
import styles from './compare.module.css';

interface Props {
  classNames: readonly string[];
  /** One evaluation (or none) per compared trial, in the comparison's order; all of one split and dataset (compareSplit). */
  evaluations: readonly (Pick<TEvaluationSummary, 'perClass' | 'macroAvg' | 'weightedAvg'> | null)[];
  labels: readonly string[];
}

const METRICS = [
  ['precision', 'P'],
  ['recall', 'R'],
  ['f1', 'F1'],
] as const;

/** Precision, recall and F1 of every class for every trial; per class and metric the best trial is highlighted. */
export function PerClassTable({ classNames, evaluations, labels }: Props) {
  const rows = [
    ...classNames.map((name, i) => ({ name, scores: evaluations.map((e) => e?.perClass[i] ?? null), summary: false })),
    { name: 'Macro average', scores: evaluations.map((e) => e?.macroAvg ?? null), summary: true },
    { name: 'Weighted average', scores: evaluations.map((e) => e?.weightedAvg ?? null), summary: true },
  ];
  // a best among one is no comparison: marked only when two or more trials have figures
  const many = evaluations.filter((e) => e !== null).length > 1;
  return (
    <div className={tableStyles.scroll} role="region" aria-label="Per-class scores table" tabIndex={0}>
      <table className={`${tableStyles.table} ${tableStyles.compact} per-class-table`} data-testid="per-class-table">
        <caption className="visually-hidden">Precision (P), recall (R) and F1 per class; the best value per class is highlighted</caption>
        <thead>
          <tr>
            <th scope="col" rowSpan={2}>
              Class
            </th>
            {labels.map((label, index) => (
              <th scope="colgroup" colSpan={3} key={index} className={styles.trialHeader}>
                <span
                  className={`${swatchStyles.swatch} ${styles.swatchGap ?? ''}`}
                  style={{ background: trialColor(index + 1) }}
                  aria-hidden="true"
                />
                {label}
              </th>
            ))}
          </tr>
          <tr>
            {labels.flatMap((_, index) =>
              METRICS.map(([key, short]) => (
                <th scope="col" key={`${index}-${key}`} className="align-right">
                  {short}
                </th>
              )),
            )}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => {
            const best = new Map(METRICS.map(([key]) => [key, bestIndices(row.scores.map((s) => s?.[key] ?? null))]));
            return (
              <tr key={row.name} className={row.summary ? tableStyles.summary : undefined}>
                <th scope="row">{row.name}</th>
                {row.scores.flatMap((score, index) =>
                  METRICS.map(([key]) => {
                    const isBest = many && best.get(key)?.has(index) === true;
                    return (
                      <td
                        key={`${index}-${key}`}
                        className={`align-right num ${isBest ? (styles.cellBest ?? '') : ''}`}
                        data-best={isBest || undefined}
                      >
                        {score ? <Num value={score[key]} kind="percent" /> : '—'}
                      </td>
                    );
                  }),
                )}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
