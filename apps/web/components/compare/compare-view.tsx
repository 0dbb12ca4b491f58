'use client';

import { divergence, type TComparison } from '@atelier/domain';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useMemo, useState } from 'react';
import { CompareCurvesChart } from '@/components/charts/compare-curves-chart';
import { ConfusionDifference, ConfusionMatrix } from '@/components/charts/confusion-matrix';
import { ConfusionExportButtons } from '@/components/charts/confusion-export-buttons';
import { FoldCurvesChart } from '@/components/charts/fold-curves-chart';
import { trialColor } from '@/components/charts/trial-colors';
import { StatePanel } from '@/components/ui/state-panel';
import { StatusBadge } from '@/components/ui/status-badge';
import { DivergedBadge } from '@/components/ui/trust-badges';
import { compareHref, legendLabel, matrixDifference, pickEvaluation } from '@/lib/compare';
import { formatAccuracyWithStd, formatPercent } from '@/lib/format';
import { HyperparameterDiffTable } from './hyperparameter-diff-table';
import { PerClassTable } from './per-class-table';

type Split = 'validation' | 'test';

/** Side-by-side comparison of trials, possibly from different experiments. */
export function CompareView({ comparison }: { comparison: TComparison }) {
  const router = useRouter();
  const { trials, differing } = comparison;
  const labels = useMemo(() => trials.map((t) => legendLabel(t, differing)), [trials, differing]);
  const [split, setSplit] = useState<Split>('validation');
  const evaluations = trials.map((t) => pickEvaluation(t.evaluations, split));
  const withMatrix = evaluations.map((e, i) => ({ e, i })).filter((x) => x.e !== null);
  const [diffA, setDiffA] = useState(0);
  const [diffB, setDiffB] = useState(1);
  const classNames = trials[0]?.dataset.classNames ?? [];
  const sameClasses = trials.every((t) => t.dataset.classNames.join('\u0000') === classNames.join('\u0000'));
  const a = evaluations[diffA];
  const b = evaluations[diffB];

  const removeTrial = (id: string) => router.push(compareHref(trials.filter((t) => t.id !== id).map((t) => t.id)));

  return (
    <div className="stack">
      <section className="card" aria-labelledby="compared-title">
        <div className="card__header">
          <h2 id="compared-title">Trials</h2>
          <span className="muted" style={{ fontSize: '0.85rem' }}>
            {differing.length ? `Differing: ${differing.join(', ')}` : 'The hyperparameters are the same in every trial'}
          </span>
        </div>
        <ul className="compare-list">
          {trials.map((trial, index) => (
            <li key={trial.id} data-testid="compared-trial">
              <span className="swatch" style={{ background: trialColor(index + 1) }} aria-hidden="true" />
              <Link href={`/trials/${trial.id}`} className="table__name">
                {trial.experiment.name} #{trial.number}
              </Link>
              <StatusBadge status={trial.status} />
              <DivergedBadge reason={divergence(trial, trial.dataset.classNames.length)} />
              <span className="mono muted">{labels[index]}</span>
              <span className="num" style={{ marginLeft: 'auto' }}>
                {formatAccuracyWithStd(trial.meanValAccuracy, trial.stdValAccuracy)}
              </span>
              {trials.length > 1 ? (
                <button type="button" className="button button--small" onClick={() => removeTrial(trial.id)} aria-label={`Remove ${trial.experiment.name} #${trial.number}`}>
                  Remove
                </button>
              ) : null}
            </li>
          ))}
        </ul>
      </section>

      <section className="card" aria-labelledby="compare-curves-title">
        <div className="card__header">
          <h2 id="compare-curves-title">Learning curves</h2>
          <span className="muted" style={{ fontSize: '0.85rem' }}>
            Mean over each trial&apos;s folds; solid: validation, dashed: training
          </span>
        </div>
        <div className="card__body charts">
          <div data-testid="compare-accuracy-chart">
            <h3 style={{ marginBottom: 8 }}>Accuracy</h3>
            <CompareCurvesChart trials={trials} labels={labels} metric="accuracy" />
          </div>
          <div data-testid="compare-loss-chart">
            <h3 style={{ marginBottom: 8 }}>Loss</h3>
            <CompareCurvesChart trials={trials} labels={labels} metric="loss" />
          </div>
        </div>
      </section>

      <section className="card" aria-labelledby="compare-folds-title">
        <div className="card__header">
          <h2 id="compare-folds-title">Validation loss per fold</h2>
          <span className="muted" style={{ fontSize: '0.85rem' }}>
            Each fold, and the mean ± one standard deviation
          </span>
        </div>
        <div className="card__body charts">
          {trials.map((trial, index) => (
            <div key={trial.id} data-testid="fold-chart">
              <h3 style={{ marginBottom: 8 }}>{labels[index]}</h3>
              <FoldCurvesChart curves={trial.curves} color={trialColor(index + 1)} title={`Validation loss per fold, ${labels[index]}`} height={220} />
            </div>
          ))}
        </div>
      </section>

      <section className="card" aria-labelledby="compare-hp-title">
        <div className="card__header">
          <h2 id="compare-hp-title">Hyperparameters and scores</h2>
          <span className="muted" style={{ fontSize: '0.85rem' }}>
            Highlighted rows differ
          </span>
        </div>
        <HyperparameterDiffTable trials={trials} differing={differing} labels={labels} />
      </section>

      <section className="card" aria-labelledby="compare-cm-title">
        <div className="card__header">
          <h2 id="compare-cm-title">Confusion matrices</h2>
          <div className="segmented" role="radiogroup" aria-label="Evaluation split">
            {(['validation', 'test'] as const).map((value) => (
              <label key={value}>
                <input type="radio" name="compare-split" value={value} checked={split === value} onChange={() => setSplit(value)} />
                {value === 'validation' ? 'Out-of-fold validation' : 'Test (refit)'}
              </label>
            ))}
          </div>
        </div>
        <div className="card__body">
          {withMatrix.length === 0 ? (
            <StatePanel title="No evaluation yet">A trial gets its out-of-fold confusion matrix when its folds finish, and a test one when it is refit.</StatePanel>
          ) : (
            <div className="matrix-grid">
              {trials.map((trial, index) => {
                const evaluation = evaluations[index];
                return (
                  <div key={trial.id} className="matrix-grid__item" data-testid="compare-matrix" data-trial-id={trial.id}>
                    <div className="chart__title">
                      <h3>
                        <span className="swatch" style={{ background: trialColor(index + 1), marginRight: 6 }} aria-hidden="true" />
                        {labels[index]}
                      </h3>
                      {evaluation ? (
                        <span className="muted num" style={{ fontSize: '0.82rem' }}>
                          {evaluation.split} · accuracy {formatPercent(evaluation.accuracy)}
                        </span>
                      ) : null}
                    </div>
                    {evaluation ? (
                      <>
                        <ConfusionMatrix matrix={evaluation.confusionMatrix} classNames={evaluation.classNames} label={`Confusion matrix, ${labels[index]} (${evaluation.split})`} cellSize={40} />
                        <ConfusionExportButtons matrix={evaluation.confusionMatrix} classNames={evaluation.classNames} title={`${trial.experiment.name} trial ${trial.number} ${evaluation.split}`} />
                      </>
                    ) : (
                      <p className="muted">No evaluation yet.</p>
                    )}
                  </div>
                );
              })}
            </div>
          )}
        </div>
      </section>

      {trials.length >= 2 && withMatrix.length >= 2 && sameClasses ? (
        <section className="card" aria-labelledby="compare-diff-title">
          <div className="card__header">
            <h2 id="compare-diff-title">Difference of two matrices</h2>
            <div className="toolbar">
              <label className="field__label" htmlFor="diff-a">
                A
              </label>
              <select id="diff-a" className="select" value={diffA} onChange={(e) => setDiffA(Number(e.target.value))} style={{ width: 'auto' }}>
                {trials.map((t, i) => (
                  <option key={t.id} value={i}>
                    {labels[i]}
                  </option>
                ))}
              </select>
              <label className="field__label" htmlFor="diff-b">
                B
              </label>
              <select id="diff-b" className="select" value={diffB} onChange={(e) => setDiffB(Number(e.target.value))} style={{ width: 'auto' }}>
                {trials.map((t, i) => (
                  <option key={t.id} value={i}>
                    {labels[i]}
                  </option>
                ))}
              </select>
            </div>
          </div>
          <div className="card__body">
            {a && b && diffA !== diffB ? (
              <ConfusionDifference
                difference={matrixDifference(a.confusionMatrix, b.confusionMatrix)}
                classNames={classNames}
                label={`Confusion matrix difference, ${labels[diffA]} minus ${labels[diffB]}`}
              />
            ) : (
              <p className="muted">{diffA === diffB ? 'Pick two different trials.' : 'Both trials need an evaluation of this split.'}</p>
            )}
          </div>
        </section>
      ) : null}

      <section className="card" aria-labelledby="compare-pc-title">
        <div className="card__header">
          <h2 id="compare-pc-title">Precision, recall and F1 per class</h2>
          <span className="muted" style={{ fontSize: '0.85rem' }}>
            {split === 'validation' ? 'Out-of-fold validation' : 'Test set'}; best per class highlighted
          </span>
        </div>
        {withMatrix.length && sameClasses ? (
          <PerClassTable classNames={classNames} evaluations={evaluations} labels={labels} />
        ) : (
          <div className="card__body muted">{sameClasses ? 'No evaluation yet.' : 'These trials use datasets with different classes.'}</div>
        )}
      </section>
    </div>
  );
}
