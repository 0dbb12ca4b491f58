'use client';

import { isTerminalExperiment, rungScheduleOf, type TDatasetSummary, type TExperimentMetrics, type TExperimentOverview } from '@atelier/domain';
import { useEffect, useMemo, useState } from 'react';
import { MetricCurvesChart } from '@/components/charts/metric-curves-chart';
import { RungsChart } from '@/components/charts/rungs-chart';
import { TrialAccuracyChart } from '@/components/charts/trial-accuracy-chart';
import { DatasetWarnings } from '@/components/datasets/dataset-warnings';
import { StatePanel } from '@/components/ui/state-panel';
import { useExperimentLive, type StreamStatus } from '@/hooks/use-experiment-live';
import { estimateTimeLeft } from '@/lib/eta';
import { formatInteger, formatPercent } from '@/lib/format';
import { foldsOf } from '@/lib/grid';
import { liveTotals, secondsPerEpoch, trialProgress } from '@/lib/live-state';
import { defaultSelection } from '@/lib/trial-selection';
import { CancelExperimentButton } from './cancel-experiment-button';
import { ExperimentHeader } from './experiment-header';
import { LeaderboardSection } from './leaderboard-section';
import { PauseResumeButton } from './pause-resume-button';
import { RefitCard } from './refit-card';
import { SearchProgress } from './search-progress';
import { TrialSelector } from './trial-selector';
import { TrialsExplorer } from './trials-explorer';

const STREAM_LABELS: Record<StreamStatus, string> = {
  connecting: 'Connecting…',
  live: 'Live',
  reconnecting: 'Reconnecting…',
  closed: 'Finished',
};

/** Above this many trials the per-trial charts show the best and the running ones only. */
const MANY_TRIALS = 60;

interface Props {
  experiment: TExperimentOverview;
  metrics: TExperimentMetrics;
  /** The experiment's dataset, for the warnings it was imported with; null when the list could not be read. */
  dataset?: Pick<TDatasetSummary, 'name' | 'warnings'> | null;
}

export function ExperimentLiveView({ dataset = null, ...initial }: Props) {
  const { state, stream, error, reload, showCurves } = useExperimentLive(initial);
  const { experiment, metrics } = state;
  // null: follow the default as trials start and finish; a Set once the user picks
  const [picked, setPicked] = useState<Set<number> | null>(null);
  const selected = picked ?? defaultSelection(experiment.trials);
  const selectedKey = [...selected].sort((a, b) => a - b).join(',');
  useEffect(() => showCurves(selectedKey ? selectedKey.split(',').map(Number) : []), [selectedKey, showCurves]);
  const bestTrialNumber = experiment.bestTrial?.number ?? null;
  // a big search's overview lists only the trials worth watching; the table below pages through all
  const trials = useMemo(() => [...experiment.trials].sort((a, b) => a.number - b.number), [experiment.trials]);
  const progress = useMemo(() => Object.fromEntries(trials.map((trial) => [trial.id, trialProgress(state, trial)])), [state, trials]);
  const totals = useMemo(() => liveTotals(state), [state]);
  // not finished: the stream stays open and the search can still be cancelled (paused included)
  const running = !isTerminalExperiment(experiment.status);
  const folds = foldsOf(experiment.validation);
  const timeLeft = estimateTimeLeft(experiment.status, totals, secondsPerEpoch(state));
  const overall = totals.plannedEpochs === 0 ? 0 : totals.trainedEpochs / totals.plannedEpochs;
  const scored = totals.scored;
  // changes when a trial changes status or gets a score: tables and the leaderboard refetch then
  const version = `${Object.entries(experiment.trialCounts).join(',')}|${scored}|${experiment.bestTrial?.id ?? ''}|${experiment.status}`;
  const selectable = trials.length > MANY_TRIALS ? trials.filter((t) => selected.has(t.number)) : trials;
  const rungs = experiment.rungs;

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
            <PauseResumeButton experimentId={experiment.id} status={experiment.status} onChanged={() => void reload()} />
            {running ? <CancelExperimentButton experimentId={experiment.id} experimentName={experiment.name} onCancelled={() => void reload()} /> : null}
          </>
        }
      />
      {dataset ? <DatasetWarnings warnings={dataset.warnings} datasetName={dataset.name} /> : null}
      {error ? (
        <div className="alert alert--warn" role="status">
          Could not refresh from the API: {error}. Showing the last data received.
        </div>
      ) : null}
      <div className="stack">
        <div className="charts">
          <section className="card" aria-labelledby="progress-title">
            <div className="card__header">
              <h2 id="progress-title">Progress</h2>
            </div>
            <div className="card__body">
              <SearchProgress counts={experiment.trialCounts} total={experiment.trialCount} overall={overall} timeLeft={timeLeft} status={experiment.status} />
            </div>
          </section>
          <RefitCard refit={experiment.refit} bestTrialNumber={bestTrialNumber} experimentStatus={experiment.status} />
        </div>

        <section className="card" aria-labelledby="curves-title">
          <div className="card__header">
            <h2 id="curves-title">Learning curves</h2>
            <span className="muted" style={{ fontSize: '0.85rem' }}>
              Mean over {folds > 1 ? `${folds} folds` : 'the holdout split'} at each epoch
              {experiment.allTrials ? null : ` · the running, best and last finished of ${formatInteger(experiment.trialCount)} trials`}
            </span>
          </div>
          <div className="card__body stack" style={{ gap: 16 }}>
            {selectable.length ? (
              <TrialSelector trials={selectable} selected={selected} bestTrialNumber={bestTrialNumber} onChange={setPicked} />
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

        {rungs ? (
          <section className="card" aria-labelledby="rungs-title">
            <div className="card__header">
              <h2 id="rungs-title">{experiment.strategy.kind === 'hyperband' ? 'Hyperband rungs (all brackets)' : 'ASHA rungs'}</h2>
              <span className="muted" style={{ fontSize: '0.85rem' }}>
                The top 1/{rungScheduleOf(experiment.strategy)?.reductionFactor ?? ''} of each rung
                {experiment.strategy.kind === 'hyperband' ? ' of a bracket' : ''} goes on to train longer
              </span>
            </div>
            <div className="card__body stack" style={{ gap: 12 }} data-testid="rungs-view">
              <RungsChart rungs={rungs} />
              <div className="table-scroll">
                <table className="table table--compact">
                  <caption className="visually-hidden">Trials per ASHA rung</caption>
                  <thead>
                    <tr>
                      <th scope="col">Rung</th>
                      <th scope="col" className="align-right">
                        Epochs
                      </th>
                      <th scope="col" className="align-right">
                        Trials
                      </th>
                      <th scope="col" className="align-right">
                        Promoted
                      </th>
                      <th scope="col" className="align-right">
                        Stopped
                      </th>
                      <th scope="col" className="align-right">
                        Waiting
                      </th>
                      <th scope="col" className="align-right">
                        Best score
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {rungs.map((r) => (
                      <tr key={r.rung}>
                        <td className="num">{r.rung}</td>
                        <td className="align-right num">{r.epochs}</td>
                        <td className="align-right num">{formatInteger(r.reached)}</td>
                        <td className="align-right num">{formatInteger(r.promoted)}</td>
                        <td className="align-right num">{formatInteger(r.stopped)}</td>
                        <td className="align-right num">{formatInteger(r.waiting)}</td>
                        <td className="align-right num">{formatPercent(r.best)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </div>
          </section>
        ) : null}

        {scored > 0 ? <LeaderboardSection experimentId={experiment.id} experimentName={experiment.name} version={version} /> : null}

        {(experiment.trialCounts.completed ?? 0) > 0 && experiment.allTrials && trials.length <= MANY_TRIALS ? (
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
            <span className="muted" style={{ fontSize: '0.85rem' }}>
              Tick trials to compare them, here or across experiments
            </span>
          </div>
          {experiment.trialCount ? (
            <TrialsExplorer
              experimentId={experiment.id}
              experimentName={experiment.name}
              space={experiment.space}
              bestTrialId={experiment.bestTrial?.id ?? null}
              progress={progress}
              version={version}
              showRung={rungScheduleOf(experiment.strategy) !== null}
              folds={folds}
            />
          ) : (
            <StatePanel title="No trials yet">The search space is being expanded into trials; they appear here as soon as they are queued.</StatePanel>
          )}
        </section>
      </div>
    </>
  );
}
