'use client';

import { compareSplit, type TComparedTrial, type TEvaluationSplit, type TMissingEvaluation } from '@atelier/domain';
import { useMemo, useState } from 'react';
import { ConfusionDifference, ConfusionMatrix } from '@/components/charts/confusion-matrix';
import { ConfusionExportButtons } from '@/components/charts/confusion-export-buttons';
import { trialColor } from '@/components/charts/trial-colors';
import { Num } from '@/components/ui/num';
import { StatePanel } from '@/components/ui/state-panel';
import { RefitButton } from '@/components/trials/refit-button';
import { matrixDifference } from '@/lib/compare';
import { formatInteger } from '@/lib/format';
import { PerClassTable } from './per-class-table';
import cardStyles from '@/components/ui/card.module.css';
import choiceStyles from '@/components/ui/choice.module.css';
import swatchStyles from '@/components/ui/swatch.module.css';
import fieldStyles from '@/components/ui/field.module.css';
import styles from './compare.module.css';
import chartStyles from '../charts/chart.module.css';

const SPLIT_LABELS: Record<TEvaluationSplit, string> = { validation: 'out-of-fold validation', test: 'test evaluation' };

/** What stands in a trial's place when it has no evaluation of the split: the reason, and the action that fixes it. */
function MissingEvaluation({
  trial,
  missing,
  datasetName,
}: {
  trial: TComparedTrial;
  missing: TMissingEvaluation;
  datasetName: string | null;
}) {
  switch (missing) {
    case 'not-refit':
      return (
        <div className={`stack ${styles.tightStack ?? ''}`}>
          <p className={`muted ${styles.flush ?? ''}`}>
            <strong>No test evaluation:</strong> this trial was never refit, so it has no test-set figures to compare.
          </p>
          {trial.meanValAccuracy !== null ? <RefitButton trialId={trial.id} /> : null}
        </div>
      );
    case 'refit-pending':
      return (
        <p className={`muted ${styles.flush ?? ''}`}>
          <strong>No test evaluation yet:</strong> the search is refitting this trial; its test figures appear when the refit finishes.
        </p>
      );
    case 'not-evaluated':
      return (
        <p className={`muted ${styles.flush ?? ''}`}>
          No out-of-fold evaluation yet: it is made when every fold of this trial has finished.
        </p>
      );
    case 'other-dataset':
      return (
        <p className={`muted ${styles.flush ?? ''}`}>
          Evaluated on {trial.dataset.name}, not on {datasetName ?? 'the same dataset'}: its figures cannot be compared with the others.
        </p>
      );
  }
}

interface EvaluationComparisonProps {
  /** Trials of searches as GET /compare returns them (their evaluations and datasets). */
  trials: readonly TComparedTrial[];
  labels: readonly string[];
  /** Colour of each trial, in the same order; the comparison's palette by position otherwise. */
  colors?: readonly string[];
}

/**
 * The evaluations of compared trials, one split at a time (out-of-fold validation or test):
 * confusion matrices side by side, the difference of two, and precision, recall and F1 per
 * class. Used by the trials comparison and by the runs comparison for the runs that are trials.
 */
export function EvaluationComparison({ trials, labels, colors }: EvaluationComparisonProps) {
  const colorOf = (index: number) => colors?.[index] ?? trialColor(index + 1);
  const [split, setSplit] = useState<TEvaluationSplit>('validation');
  // the one rule: this split only, of one dataset; a trial without one says why
  const view = useMemo(() => compareSplit(trials, split), [trials, split]);
  const evaluations = view.trials.map((entry) => entry.evaluation);
  const comparable = evaluations.flatMap((e, i) => (e ? [i] : []));
  const referenceDataset = trials.find((t) => t.dataset.key === view.datasetKey)?.dataset.name ?? null;
  const [pickedA, setDiffA] = useState(0);
  const [pickedB, setDiffB] = useState(1);
  // the picks follow the split: only trials with an evaluation of it can be subtracted
  const diffA = comparable.includes(pickedA) ? pickedA : (comparable[0] ?? 0);
  const diffB = comparable.includes(pickedB) && pickedB !== diffA ? pickedB : (comparable.find((i) => i !== diffA) ?? diffA);
  const classNames = trials[0]?.dataset.classNames ?? [];
  const sameClasses = trials.every((t) => t.dataset.classNames.join('\u0000') === classNames.join('\u0000'));
  const a = evaluations[diffA];
  const b = evaluations[diffB];

  return (
    <>
      <section className={cardStyles.card} aria-labelledby="compare-cm-title">
        <div className={cardStyles.header}>
          <h2 id="compare-cm-title">Confusion matrices</h2>
          <div className={choiceStyles.segmented} role="radiogroup" aria-label="Evaluation split">
            {(['validation', 'test'] as const).map((value) => (
              <label key={value}>
                <input type="radio" name="compare-split" value={value} checked={split === value} onChange={() => setSplit(value)} />
                {value === 'validation' ? 'Out-of-fold validation' : 'Test (refit)'}
              </label>
            ))}
          </div>
        </div>
        <div className={cardStyles.body}>
          {view.available === 0 && split === 'validation' ? (
            <StatePanel title="No evaluation yet">
              A trial gets its out-of-fold confusion matrix when its folds finish, and a test one when it is refit.
            </StatePanel>
          ) : (
            <div className={styles.matrixGrid}>
              {view.trials.map((entry, index) => {
                // compareSplit answers one entry per trial, in their order
                const trial = trials[index];
                if (!trial) return null;
                const { evaluation, missing } = entry;
                return (
                  <div
                    key={trial.id}
                    className={styles.matrixItem}
                    data-testid="compare-matrix"
                    data-trial-id={trial.id}
                    data-missing={missing ?? undefined}
                  >
                    <div className={chartStyles.title}>
                      <h3>
                        <span
                          className={`${swatchStyles.swatch} ${styles.swatchGap ?? ''}`}
                          style={{ background: colorOf(index) }}
                          aria-hidden="true"
                        />
                        {labels[index]}
                      </h3>
                      {evaluation ? (
                        <span className={`muted num ${styles.matrixMeta ?? ''}`}>
                          {evaluation.split} · {formatInteger(evaluation.weightedAvg.support)} images · accuracy{' '}
                          <Num value={evaluation.accuracy} kind="percent" />
                        </span>
                      ) : null}
                    </div>
                    {evaluation ? (
                      <>
                        <ConfusionMatrix
                          matrix={evaluation.confusionMatrix}
                          classNames={evaluation.classNames}
                          label={`Confusion matrix, ${labels[index]} (${evaluation.split})`}
                          cellSize={40}
                        />
                        <ConfusionExportButtons
                          matrix={evaluation.confusionMatrix}
                          classNames={evaluation.classNames}
                          title={`${trial.experiment.name} trial ${trial.number} ${evaluation.split}`}
                        />
                      </>
                    ) : (
                      <MissingEvaluation trial={trial} missing={missing} datasetName={referenceDataset} />
                    )}
                  </div>
                );
              })}
            </div>
          )}
        </div>
      </section>

      {trials.length >= 2 && sameClasses && view.available > 0 ? (
        <section className={cardStyles.card} aria-labelledby="compare-diff-title">
          <div className={cardStyles.header}>
            <h2 id="compare-diff-title">Difference of two matrices</h2>
            {comparable.length >= 2 ? (
              <div className="toolbar">
                <label className={fieldStyles.label} htmlFor="diff-a">
                  A
                </label>
                <select
                  id="diff-a"
                  className={`${fieldStyles.select} ${styles.inlineSelect ?? ''}`}
                  value={diffA}
                  onChange={(e) => setDiffA(Number(e.target.value))}
                >
                  {comparable.map((i) => (
                    <option key={i} value={i}>
                      {labels[i]}
                    </option>
                  ))}
                </select>
                <label className={fieldStyles.label} htmlFor="diff-b">
                  B
                </label>
                <select
                  id="diff-b"
                  className={`${fieldStyles.select} ${styles.inlineSelect ?? ''}`}
                  value={diffB}
                  onChange={(e) => setDiffB(Number(e.target.value))}
                >
                  {comparable.map((i) => (
                    <option key={i} value={i}>
                      {labels[i]}
                    </option>
                  ))}
                </select>
              </div>
            ) : null}
          </div>
          <div className={cardStyles.body}>
            {comparable.length < 2 ? (
              <p className={`muted ${styles.flush ?? ''}`} data-testid="difference-unavailable">
                A difference needs two trials with a {SPLIT_LABELS[split]} {view.datasetKey ? `on ${referenceDataset}` : ''}; only one has
                it.
                {split === 'test' ? ' Refit another trial to compare test figures, or compare the out-of-fold validation matrices.' : ''}
              </p>
            ) : a && b && diffA !== diffB ? (
              <ConfusionDifference
                difference={matrixDifference(a.confusionMatrix, b.confusionMatrix)}
                classNames={classNames}
                label={`Confusion matrix difference, ${labels[diffA]} minus ${labels[diffB]} (${split})`}
              />
            ) : (
              <p className="muted">Pick two different trials.</p>
            )}
          </div>
        </section>
      ) : null}

      <section className={cardStyles.card} aria-labelledby="compare-pc-title">
        <div className={cardStyles.header}>
          <h2 id="compare-pc-title">Precision, recall and F1 per class</h2>
          <span className={`muted ${styles.note ?? ''}`} data-testid="per-class-note">
            {split === 'validation' ? 'Out-of-fold validation' : 'Test set (refit models)'}
            {view.available < trials.length ? `: ${view.available} of ${trials.length} trials have one (— for the others)` : ''}
            {view.available >= 2 ? '; best per class highlighted' : ''}
          </span>
        </div>
        {view.available && sameClasses ? (
          <PerClassTable classNames={classNames} evaluations={evaluations} labels={labels} />
        ) : (
          <div className={`${cardStyles.body} muted`}>
            {!sameClasses
              ? 'These trials use datasets with different classes.'
              : split === 'test'
                ? 'None of these trials has a test evaluation yet: refit one to score it on the test set.'
                : 'No evaluation yet.'}
          </div>
        )}
      </section>
    </>
  );
}
