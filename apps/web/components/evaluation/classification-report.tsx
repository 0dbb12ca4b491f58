import type { TEvaluationSummary } from '@atelier/domain';
import { Num } from '@/components/ui/num';
import { formatInteger } from '@/lib/format';
import tableStyles from '@/components/ui/table.module.css';
import styles from './evaluation.module.css';

type Report = Pick<TEvaluationSummary, 'perClass' | 'macroAvg' | 'weightedAvg' | 'accuracy'>;

/** scikit-learn's classification report: precision, recall, F1 and support per class, then the averages. */
export function ClassificationReport({ evaluation, caption }: { evaluation: Report; caption: string }) {
  const worstF1 = Math.min(...evaluation.perClass.map((c) => c.f1));
  const rows = [
    ...evaluation.perClass.map((c) => ({ name: c.className, scores: c, summary: false, worst: c.f1 === worstF1 })),
    { name: 'Macro average', scores: evaluation.macroAvg, summary: true, worst: false },
    { name: 'Weighted average', scores: evaluation.weightedAvg, summary: true, worst: false },
  ];
  return (
    <div className={tableStyles.scroll} role="region" aria-label={caption} tabIndex={0}>
      <table className={`${tableStyles.table} ${tableStyles.compact}`} data-testid="classification-report">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Class</th>
            <th scope="col" className="align-right">
              Precision
            </th>
            <th scope="col" className="align-right">
              Recall
            </th>
            <th scope="col" className="align-right">
              F1
            </th>
            <th scope="col" className="align-right">
              Support
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.name} className={row.summary ? tableStyles.summary : undefined}>
              <th scope="row">
                {row.name}
                {row.worst ? (
                  <span className={`${tableStyles.bestMarker} ${styles.worst ?? ''}`} title="Lowest F1">
                    lowest F1
                  </span>
                ) : null}
              </th>
              <td className="align-right num">
                <Num value={row.scores.precision} kind="percent" />
              </td>
              <td className="align-right num">
                <Num value={row.scores.recall} kind="percent" />
              </td>
              <td className="align-right num">
                <Num value={row.scores.f1} kind="percent" />
              </td>
              <td className="align-right num">{formatInteger(row.scores.support)}</td>
            </tr>
          ))}
          <tr className={tableStyles.summary}>
            <th scope="row">Accuracy</th>
            <td colSpan={3} className="align-right num">
              <Num value={evaluation.accuracy} kind="percent" />
            </td>
            <td className="align-right num">{formatInteger(evaluation.weightedAvg.support)}</td>
          </tr>
        </tbody>
      </table>
    </div>
  );
}
