'use client';

import type { TExperimentDetail, TExperimentMetrics } from '@atelier/domain';
import { useMemo, useState } from 'react';
import { MetricCurvesChart } from '@/components/charts/metric-curves-chart';
import { TrialAccuracyChart } from '@/components/charts/trial-accuracy-chart';
import { StatePanel } from '@/components/ui/state-panel';
import { useExperimentLive, type StreamStatus } from '@/hooks/use-experiment-live';
import { foldsOf } from '@/lib/grid';
import { isTerminal, trialProgress } from '@/lib/live-state';
import { CancelExperimentButton } from './cancel-experiment-button';
import { ExperimentHeader } from './experiment-header';
import { TrialSelector, defaultSelection } from './trial-selector';
import { TrialsTable } from './trials-table';

const STREAM_LABELS: Record<StreamStatus, string> = {
  connecting: 'Connecting…',
  live: 'Live',
  reconnecting: 'Reconnecting…',
  closed: 'Finished',
};

export function ExperimentLiveView(initial: { experiment: TExperimentDetail; metrics: TExperimentMetrics }) {
  const { state, stream, error, reload } = useExperimentLive(initial);
  const { experiment, metrics } = state;
  // null: follow the default as trials start and finish; a Set once the user picks
  const [picked, setPicked] = useState<Set<number> | null>(null);
  const selected = picked ?? defaultSelection(experiment.trials);
  const bestTrialNumber = experiment.bestTrial?.number ?? null;
  const trials = useMemo(() => [...experiment.trials].sort((a, b) => a.number - b.number), [experiment.trials]);
  const progress = useMemo(() => Object.fromEntries(trials.map((trial) => [trial.id, trialProgress(state, trial)])), [state, trials]);
  const running = !isTerminal(experiment.status);

  return (
    <>
      <ExperimentHeader
        experiment={experiment}
        actions={
          <>
            {running ? (
              <span className={`stream-status stream-status--${stream}`} role="status" aria-live="polite">
                {STREAM_LABELS[stream]}
              </span>
            ) : null}
            {running ? <CancelExperimentButton experimentId={experiment.id} experimentName={experiment.name} onCancelled={() => void reload()} /> : null}
          </>
        }
      />
      {error ? (
        <div className="alert alert--warn" role="status">
          Could not refresh from the API: {error}. Showing the last data received.
        </div>
      ) : null}
      <div className="stack">
        <section className="card" aria-labelledby="curves-title">
          <div className="card__header">
            <h2 id="curves-title">Learning curves</h2>
            <span className="muted" style={{ fontSize: '0.85rem' }}>
              Mean over {foldsOf(experiment.validation) > 1 ? `${foldsOf(experiment.validation)} folds` : 'the holdout split'} at each epoch
            </span>
          </div>
          <div className="card__body stack" style={{ gap: 16 }}>
            {trials.length ? (
              <TrialSelector trials={trials} selected={selected} bestTrialNumber={bestTrialNumber} onChange={setPicked} />
            ) : null}
            <div className="charts">
              <div data-testid="accuracy-chart">
                <h3 style={{ marginBottom: 8 }}>Accuracy</h3>
                <MetricCurvesChart metrics={metrics} metric="accuracy" trialNumbers={[...selected]} bestTrialNumber={bestTrialNumber} />
              </div>
              <div data-testid="loss-chart">
                <h3 style={{ marginBottom: 8 }}>Loss</h3>
                <MetricCurvesChart metrics={metrics} metric="loss" trialNumbers={[...selected]} bestTrialNumber={bestTrialNumber} />
              </div>
            </div>
          </div>
        </section>
        {(experiment.trialCounts.completed ?? 0) > 0 ? (
          <section className="card" aria-labelledby="comparison-title">
            <div className="card__header">
              <h2 id="comparison-title">Validation accuracy by trial</h2>
            </div>
            <div className="card__body" data-testid="trial-accuracy-chart">
              <TrialAccuracyChart trials={trials} bestTrialId={experiment.bestTrial?.id ?? null} />
            </div>
          </section>
        ) : null}
        <section className="card" aria-labelledby="trials-title">
          <div className="card__header">
            <h2 id="trials-title">Trials</h2>
            <span className="muted num" style={{ fontSize: '0.85rem' }}>
              {experiment.trialCounts.completed ?? 0} completed · {experiment.trialCounts.running ?? 0} running ·{' '}
              {experiment.trialCounts.queued ?? 0} queued
              {experiment.trialCounts.failed ? ` · ${experiment.trialCounts.failed} failed` : ''}
            </span>
          </div>
          {trials.length ? (
            <TrialsTable trials={trials} progress={progress} bestTrialId={experiment.bestTrial?.id ?? null} folds={foldsOf(experiment.validation)} />
          ) : (
            <StatePanel title="No trials yet">The grid is being expanded into trials; they appear here as soon as they are queued.</StatePanel>
          )}
        </section>
      </div>
    </>
  );
}
