'use client';

import type { TExperimentDetail, TExperimentMetrics } from '@atelier/domain';
import { useMemo, useState } from 'react';
import { MetricCurvesChart } from '@/components/charts/metric-curves-chart';
import { RungsChart } from '@/components/charts/rungs-chart';
import { TrialAccuracyChart } from '@/components/charts/trial-accuracy-chart';
import { StatePanel } from '@/components/ui/state-panel';
import { useExperimentLive, type StreamStatus } from '@/hooks/use-experiment-live';
import { estimateTimeLeft } from '@/lib/eta';
import { formatPercent } from '@/lib/format';
import { foldsOf } from '@/lib/grid';
import { isTerminal, trialProgress } from '@/lib/live-state';
import { summarizeRungs } from '@/lib/rungs';
import { CancelExperimentButton } from './cancel-experiment-button';
import { ExperimentHeader } from './experiment-header';
import { LeaderboardSection } from './leaderboard-section';
import { PauseResumeButton } from './pause-resume-button';
import { RefitCard } from './refit-card';
import { SearchProgress } from './search-progress';
import { TrialSelector, defaultSelection } from './trial-selector';
import { TrialsExplorer } from './trials-explorer';

const STREAM_LABELS: Record<StreamStatus, string> = {
  connecting: 'Connecting…',
  live: 'Live',
  reconnecting: 'Reconnecting…',
  closed: 'Finished',
};

/** Above this many trials the per-trial charts show the best and the running ones only. */
const MANY_TRIALS = 60;

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
  const folds = foldsOf(experiment.validation);
  const timeLeft = useMemo(() => estimateTimeLeft(experiment, metrics, (id) => progress[id] ?? 0), [experiment, metrics, progress]);
  const overall = useMemo(() => {
    const planned = trials.reduce((sum, t) => sum + t.hyperparameters.epochs, 0);
    return planned === 0 ? 0 : trials.reduce((sum, t) => sum + (progress[t.id] ?? 0) * t.hyperparameters.epochs, 0) / planned;
  }, [trials, progress]);
  const scored = trials.filter((t) => t.meanValAccuracy !== null).length;
  // changes when a trial changes status or gets a score: tables and the leaderboard refetch then
  const version = `${Object.entries(experiment.trialCounts).join(',')}|${scored}|${experiment.bestTrial?.id ?? ''}|${experiment.status}`;
  const selectable = trials.length > MANY_TRIALS ? trials.filter((t) => selected.has(t.number)) : trials;
  const rungs = experiment.strategy.kind === 'asha' ? summarizeRungs(trials, experiment.strategy) : null;

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
              <SearchProgress counts={experiment.trialCounts} total={experiment.trialCount} overall={overall} timeLeft={timeLeft} running={running} />
            </div>
          </section>
          <RefitCard refit={experiment.refit} bestTrialNumber={bestTrialNumber} />
        </div>

        <section className="card" aria-labelledby="curves-title">
          <div className="card__header">
            <h2 id="curves-title">Learning curves</h2>
            <span className="muted" style={{ fontSize: '0.85rem' }}>
              Mean over {folds > 1 ? `${folds} folds` : 'the holdout split'} at each epoch
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
              <h2 id="rungs-title">ASHA rungs</h2>
              <span className="muted" style={{ fontSize: '0.85rem' }}>
                The top 1/{experiment.strategy.kind === 'asha' ? experiment.strategy.reductionFactor : ''} of each rung goes on to train longer
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
                        <td className="align-right num">{r.points.length}</td>
                        <td className="align-right num">{r.promoted}</td>
                        <td className="align-right num">{r.stopped}</td>
                        <td className="align-right num">{r.waiting}</td>
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

        {(experiment.trialCounts.completed ?? 0) > 0 && trials.length <= MANY_TRIALS ? (
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
          {trials.length ? (
            <TrialsExplorer
              experimentId={experiment.id}
              experimentName={experiment.name}
              space={experiment.space}
              bestTrialId={experiment.bestTrial?.id ?? null}
              progress={progress}
              version={version}
              showRung={experiment.strategy.kind === 'asha'}
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
