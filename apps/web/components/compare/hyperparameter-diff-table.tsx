import type { ReactNode } from 'react';
import { compareSplit, type TComparedTrial, type THyperparameterName } from '@atelier/domain';
import Link from 'next/link';
import { trialColor } from '@/components/charts/trial-colors';
import { Num } from '@/components/ui/num';
import { bestIndices, formatHyperparameterValue, HYPERPARAMETER_LABELS, recordedHyperparameters } from '@/lib/compare';
import swatchStyles from '@/components/ui/swatch.module.css';
import tableStyles from '@/components/ui/table.module.css';
import styles from './compare.module.css';

interface Props {
  trials: readonly TComparedTrial[];
  differing: readonly THyperparameterName[];
  labels: readonly string[];
}

/** Hyperparameters side by side, the rows that differ highlighted; then the scores, the best one marked. */
export function HyperparameterDiffTable({ trials, differing, labels }: Props) {
  const differs = new Set(differing);
  const testAccuracies = compareSplit(trials, 'test').trials.map((entry) => entry.evaluation?.accuracy ?? null);
  const scoreRows: {
    label: string;
    values: (number | null)[];
    format: (trial: TComparedTrial, i: number) => ReactNode;
    higherIsBetter: boolean;
  }[] = [
    {
      label: 'Mean val. accuracy ± std',
      values: trials.map((t) => t.meanValAccuracy),
      format: (trial) => <Num value={trial.meanValAccuracy} std={trial.stdValAccuracy} kind="accuracy" />,
      higherIsBetter: true,
    },
    {
      label: 'Mean val. loss',
      values: trials.map((t) => t.meanValLoss),
      format: (trial) => <Num value={trial.meanValLoss} />,
      higherIsBetter: false,
    },
    {
      label: 'Test accuracy (refit)',
      // test figures of one dataset's test set only (compareSplit): another dataset's are not comparable
      values: testAccuracies,
      format: (_trial, i) => <Num value={testAccuracies[i] ?? null} kind="percent" />,
      higherIsBetter: true,
    },
  ];
  return (
    <div className={tableStyles.scroll}>
      <table className={`${tableStyles.table} ${tableStyles.compact} diff-table`} data-testid="hyperparameter-diff">
        <caption className="visually-hidden">Hyperparameters and scores of the compared trials; differing rows are highlighted</caption>
        <thead>
          <tr>
            <th scope="col">Hyperparameter</th>
            {trials.map((trial, index) => (
              <th scope="col" key={trial.id}>
                <span
                  className={`${swatchStyles.swatch} ${styles.swatchGap ?? ''}`}
                  style={{ background: trialColor(index + 1) }}
                  aria-hidden="true"
                />
                <Link href={`/trials/${trial.id}`}>
                  {trial.experiment.name} #{trial.number}
                </Link>
                <div className={`${tableStyles.sub} ${styles.trialSub ?? ''}`}>{labels[index]}</div>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {recordedHyperparameters(trials).map((name) => (
            <tr key={name} className={differs.has(name) ? tableStyles.differs : undefined} data-differs={differs.has(name) || undefined}>
              <th scope="row">
                {HYPERPARAMETER_LABELS[name]}
                {differs.has(name) ? <span className="visually-hidden"> (differs)</span> : null}
              </th>
              {trials.map((trial) => (
                <td key={trial.id} className="mono">
                  {formatHyperparameterValue(name, trial.hyperparameters[name])}
                </td>
              ))}
            </tr>
          ))}
          <tr>
            <th scope="row">Parameters</th>
            {trials.map((trial) => (
              <td key={trial.id} className="num">
                <Num value={trial.parameterCount} kind="compact" />
              </td>
            ))}
          </tr>
          {scoreRows.map((row) => {
            // a best among one value is no comparison
            const compared = row.values.filter((v) => v !== null).length > 1;
            const best = compared
              ? bestIndices(row.higherIsBetter ? row.values : row.values.map((v) => (v === null ? null : -v)))
              : new Set<number>();
            return (
              <tr key={row.label}>
                <th scope="row">{row.label}</th>
                {trials.map((trial, i) => (
                  <td key={trial.id} className={`num ${best.has(i) ? (styles.cellBest ?? '') : ''}`} data-best={best.has(i) || undefined}>
                    {row.format(trial, i)}
                    {best.has(i) ? <span className="visually-hidden"> (best)</span> : null}
                  </td>
                ))}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
