'use client';

import type { TTrial } from '@atelier/domain';
import { useMemo, useState } from 'react';
import { trialColor } from '@/components/charts/trial-colors';
import { ProgressBar } from '@/components/ui/progress-bar';
import { StatusBadge } from '@/components/ui/status-badge';
import { formatAccuracyWithStd, formatHyperparameter, formatPercent } from '@/lib/format';

interface TrialsTableProps {
  trials: readonly TTrial[];
  /** Live share (0..1) of each trial's planned epochs, by trial id. */
  progress: Readonly<Record<string, number>>;
  bestTrialId: string | null;
  /** Folds planned per trial, so unstarted folds still get a column entry. */
  folds: number;
}

type SortKey = 'number' | 'accuracy';

/** Best first when sorting by accuracy; trials without a result go last either way. */
export function sortTrials(trials: readonly TTrial[], key: SortKey): TTrial[] {
  if (key === 'number') return [...trials].sort((a, b) => a.number - b.number);
  return [...trials].sort((a, b) => (b.meanValAccuracy ?? -Infinity) - (a.meanValAccuracy ?? -Infinity) || a.number - b.number);
}

export function TrialsTable({ trials, progress, bestTrialId, folds }: TrialsTableProps) {
  const [sortKey, setSortKey] = useState<SortKey>('number');
  const rows = useMemo(() => sortTrials(trials, sortKey), [trials, sortKey]);
  const sortButton = (key: SortKey, label: string) => (
    <button type="button" className="sort-button" onClick={() => setSortKey(key)} aria-pressed={sortKey === key}>
      {label}
      <span aria-hidden="true">{sortKey === key ? (key === 'number' ? ' ↑' : ' ↓') : ' ↕'}</span>
    </button>
  );
  return (
    <div className="table-scroll">
      <table className="table table--compact">
        <caption className="visually-hidden">Trials of the grid, with live progress and validation accuracy</caption>
        <thead>
          <tr>
            <th scope="col" aria-sort={sortKey === 'number' ? 'ascending' : undefined}>
              {sortButton('number', '#')}
            </th>
            <th scope="col">Architecture</th>
            <th scope="col" className="align-right">
              Batch
            </th>
            <th scope="col" className="align-right">
              Epochs
            </th>
            <th scope="col">Activation</th>
            <th scope="col">Optimizer</th>
            <th scope="col" className="align-right">
              <abbr title="Learning rate">LR</abbr>
            </th>
            <th scope="col" className="align-right">
              Momentum
            </th>
            <th scope="col">Status</th>
            <th scope="col">Progress</th>
            <th scope="col" className="align-right" aria-sort={sortKey === 'accuracy' ? 'descending' : undefined}>
              {sortButton('accuracy', 'Mean val. acc. ± std')}
            </th>
            <th scope="col">Val. acc. per fold</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((trial) => {
            const best = trial.id === bestTrialId;
            const hp = trial.hyperparameters;
            return (
              <tr key={trial.id} className={best ? 'row--best' : undefined} aria-label={best ? `Trial ${trial.number}, best trial` : undefined}>
                <td className="num">
                  <span className="swatch" style={{ background: trialColor(trial.number), marginRight: 6 }} aria-hidden="true" />
                  {trial.number}
                  {best ? (
                    <span className="best-marker" title="Best trial">
                      ★<span className="visually-hidden"> best</span>
                    </span>
                  ) : null}
                </td>
                <td className="mono">{hp.architecture}</td>
                <td className="align-right num">{hp.batchSize}</td>
                <td className="align-right num">{hp.epochs}</td>
                <td>{hp.activation}</td>
                <td>{hp.optimizer}</td>
                <td className="align-right num">{formatHyperparameter(hp.learningRate)}</td>
                <td className="align-right num">{formatHyperparameter(hp.momentum)}</td>
                <td>
                  <StatusBadge status={trial.status} />
                  {trial.error ? (
                    <div className="field__error" style={{ maxWidth: 220 }}>
                      {trial.error}
                    </div>
                  ) : null}
                </td>
                <td>
                  <ProgressBar value={progress[trial.id] ?? trial.progress} name={`Trial ${trial.number} progress`} tone={trial.status} />
                </td>
                <td className="align-right num">
                  {/* one fold (holdout) has no spread to show */}
                  {formatAccuracyWithStd(trial.meanValAccuracy, folds > 1 ? trial.stdValAccuracy : null)}
                </td>
                <td>
                  <div className="fold-list">
                    {Array.from({ length: Math.max(folds, trial.folds.length) }, (_, index) => {
                      const fold = trial.folds.find((run) => run.fold === index);
                      const status = fold?.status ?? 'queued';
                      return (
                        <span
                          key={index}
                          className={`fold-chip fold-chip--${status}`}
                          title={`Fold ${index + 1}: ${status}${fold?.backend ? ` · ${fold.backend}` : ''}`}
                        >
                          {fold?.valAccuracy !== null && fold?.valAccuracy !== undefined ? formatPercent(fold.valAccuracy) : '—'}
                        </span>
                      );
                    })}
                  </div>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
