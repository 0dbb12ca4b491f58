'use client';

import {
  compareSplit,
  type TComparedTrial,
  type TEvaluationSplit,
  type TEvaluationSummary,
  type TMissingEvaluation,
  type TSplitCandidate,
} from '@atelier/domain';
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

/**
 * One entry of the comparison: a trial of a search, or a run logged from code with the confusion
 * matrices its script logged (`run.logConfusionMatrix`).
 */
export interface TComparedEvaluations extends TSplitCandidate {
  id: string;
  /** The dataset it was evaluated on, as shown; null for a logged run that named none. */
  datasetName: string | null;
  /** How its matrix exports are titled. */
  exportTitle: string;
  /** The trial itself (its refit action); null for a run logged from code. */
  trial: TComparedTrial | null;
}

/** A search trial as an entry of the comparison. */
export function trialEvaluations(trial: TComparedTrial): TComparedEvaluations {
  return {
    id: trial.id,
    validation: trial.validation,
    test: trial.test,
    refitStatus: trial.refitStatus,
    datasetName: trial.dataset.name,
    exportTitle: `${trial.experiment.name} trial ${trial.number}`,
    trial,
  };
}

/**
 * A run logged from code as an entry: the newest evaluation it logged of each split
 * (GET /runs/{id}/evaluations lists 'validation' first, then 'test', newest first within a split).
 */
export function loggedRunEvaluations(runId: string, exportTitle: string, items: readonly TEvaluationSummary[]): TComparedEvaluations {
  const newest = (split: TEvaluationSplit) => items.find((item) => item.split === split) ?? null;
  const validation = newest('validation');
  const test = newest('test');
  return {
    id: runId,
    validation,
    test,
    refitStatus: null,
    loggedFromCode: true,
    datasetName: (test ?? validation)?.datasetKey ?? null,
    exportTitle,
    trial: null,
  };
}

/** What stands in an entry's place when it has no evaluation of the split: the reason, and the action that fixes it. */
function MissingEvaluation({
  entry,
  missing,
  split,
  datasetName,
}: {
  entry: TComparedEvaluations;
  missing: TMissingEvaluation;
  split: TEvaluationSplit;
  datasetName: string | null;
}) {
  const { trial } = entry;
  switch (missing) {
    case 'not-logged':
      return (
        <p className={`muted ${styles.flush ?? ''}`}>
          <strong>None logged:</strong> this run logged no {SPLIT_LABELS[split]} confusion matrix (
          <code>run.logConfusionMatrix(…, {`{ split: '${split}' }`})</code>).
        </p>
      );
    case 'not-refit':
      return (
        <div className={`stack ${styles.tightStack ?? ''}`}>
          <p className={`muted ${styles.flush ?? ''}`}>
            <strong>No test evaluation:</strong> this trial was never refit, so it has no test-set figures to compare.
          </p>
          {trial && trial.meanValAccuracy !== null ? <RefitButton trialId={trial.id} /> : null}
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
          Evaluated on {entry.datasetName ?? 'a dataset it did not name'}, not on {datasetName ?? 'an unnamed dataset'}: its figures cannot
          be compared with the others.
        </p>
      );
  }
}

interface EvaluationComparisonProps {
  /** Trials of searches (trialEvaluations) and runs logged from code (loggedRunEvaluations), in the comparison's order. */
  entries: readonly TComparedEvaluations[];
  labels: readonly string[];
  /** Colour of each entry, in the same order; the comparison's palette by position otherwise. */
  colors?: readonly string[];
  /** What the entries are called in messages. */
  noun?: 'trial' | 'run';
}

/**
 * The evaluations of compared trials and logged runs, one split at a time (out-of-fold validation or test):
 * confusion matrices side by side, the difference of two, and precision, recall and F1 per
 * class. Used by the trials comparison, and by the runs comparison for trials and runs logged from code alike.
 */
export function EvaluationComparison({ entries, labels, colors, noun = 'trial' }: EvaluationComparisonProps) {
  const colorOf = (index: number) => colors?.[index] ?? trialColor(index + 1);
  // logged runs mostly log a test matrix only: start where the first entry has one
  const [split, setSplit] = useState<TEvaluationSplit>(() => (entries[0]?.loggedFromCode && entries[0].test ? 'test' : 'validation'));
  // the one rule: this split only, of one dataset; an entry without one says why
  const view = useMemo(() => compareSplit(entries, split), [entries, split]);
  const evaluations = view.trials.map((entry) => entry.evaluation);
  const comparable = evaluations.flatMap((e, i) => (e ? [i] : []));
  const referenceDataset = entries.find((e) => e[split] !== null && e[split].datasetKey === view.datasetKey)?.datasetName ?? null;
  const [pickedA, setDiffA] = useState(0);
  const [pickedB, setDiffB] = useState(1);
  // the picks follow the split: only entries with an evaluation of it can be subtracted
  const diffA = comparable.includes(pickedA) ? pickedA : (comparable[0] ?? 0);
  const diffB = comparable.includes(pickedB) && pickedB !== diffA ? pickedB : (comparable.find((i) => i !== diffA) ?? diffA);
  // the classes of the shown evaluations: a logged run's are what its script named
  const shown = evaluations.filter((e) => e !== null);
  const classNames = shown[0]?.classNames ?? entries[0]?.trial?.dataset.classNames ?? [];
  const sameClasses = shown.every((e) => e.classNames.join('\u0000') === classNames.join('\u0000'));
  const plural = `${noun}s`;
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
              A trial gets its out-of-fold confusion matrix when its folds finish, and a test one when it is refit; a run logged from code
              has the ones its script logged.
            </StatePanel>
          ) : (
            <div className={styles.matrixGrid}>
              {view.trials.map((entry, index) => {
                // compareSplit answers one entry per compared entry, in their order
                const compared = entries[index];
                if (!compared) return null;
                const { evaluation, missing } = entry;
                return (
                  <div
                    key={compared.id}
                    className={styles.matrixItem}
                    data-testid="compare-matrix"
                    data-trial-id={compared.id}
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
                          title={`${compared.exportTitle} ${evaluation.split}`}
                        />
                      </>
                    ) : (
                      <MissingEvaluation entry={compared} missing={missing} split={split} datasetName={referenceDataset} />
                    )}
                  </div>
                );
              })}
            </div>
          )}
        </div>
      </section>

      {entries.length >= 2 && sameClasses && view.available > 0 ? (
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
                A difference needs two {plural} with a {SPLIT_LABELS[split]} {view.datasetKey ? `on ${referenceDataset}` : ''}; only one has
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
              <p className="muted">Pick two different {plural}.</p>
            )}
          </div>
        </section>
      ) : null}

      <section className={cardStyles.card} aria-labelledby="compare-pc-title">
        <div className={cardStyles.header}>
          <h2 id="compare-pc-title">Precision, recall and F1 per class</h2>
          <span className={`muted ${styles.note ?? ''}`} data-testid="per-class-note">
            {split === 'validation' ? 'Out-of-fold validation' : 'Test set (refit models)'}
            {view.available < entries.length ? `: ${view.available} of ${entries.length} ${plural} have one (— for the others)` : ''}
            {view.available >= 2 ? '; best per class highlighted' : ''}
          </span>
        </div>
        {view.available && sameClasses ? (
          <PerClassTable classNames={classNames} evaluations={evaluations} labels={labels} />
        ) : (
          <div className={`${cardStyles.body} muted`}>
            {!sameClasses
              ? `These ${plural} were evaluated on different classes.`
              : split === 'test'
                ? `None of these ${plural} has a test evaluation yet: refit a trial, or log one from code, to score it on the test set.`
                : 'No evaluation yet.'}
          </div>
        )}
      </section>
    </>
  );
}
