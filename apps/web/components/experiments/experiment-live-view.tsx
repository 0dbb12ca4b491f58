'use client';

import {
  foldCount,
  isTerminalExperiment,
  rungScheduleOf,
  type TDatasetSummary,
  type TExperimentMetrics,
  type TExperimentOverview,
} from '@atelier/domain';
import dynamic from 'next/dynamic';
import { useEffect, useMemo, useState } from 'react';
import { ChartControls } from '@/components/charts/chart-controls';
import { RungsChart } from '@/components/charts/rungs-chart';
import { DatasetWarnings } from '@/components/datasets/dataset-warnings';
import { IntentLink } from '@/components/ui/intent-link';
import { Num } from '@/components/ui/num';
import { ReadError, StatePanel } from '@/components/ui/state-panel';
import { useChartSettings } from '@/components/charts/use-chart-settings';
import { useExperimentLive, type StreamStatus } from './use-experiment-live';
import { useLeaderboard } from './use-leaderboard';
import { estimateTimeLeft } from './eta';
import { formatInteger } from '@/lib/format';
import { liveTotals, secondsPerEpoch, trialProgress } from './live-state';
import { defaultSelection } from './trial-selection';
import type { TrialTableState } from './trial-table';
import { replaceQuery, writeSelection } from './trial-url-state';
import { CancelExperimentButton } from './cancel-experiment-button';
import { ExperimentHeader } from './experiment-header';
import { LeaderboardSection, PARALLEL_LINES } from './leaderboard-section';
import { PauseResumeButton } from './pause-resume-button';
import { RefitBestButton } from './refit-best-button';
import { RefitCard } from './refit-card';
import { RegisterModelButton } from '@/components/registry/register-model-button';
import { SearchProgress } from './search-progress';
import { TrialSelector } from './trial-selector';
import { TrialsExplorer } from './trials-explorer';
import buttonStyles from '@/components/ui/button.module.css';
import cardStyles from '@/components/ui/card.module.css';
import skeleton from '@/components/ui/skeleton.module.css';
import tableStyles from '@/components/ui/table.module.css';
import styles from './experiments.module.css';

/**
 * The Recharts charts load in their own chunk, beside the page rather than before it: Recharts is
 * the page's heaviest module, and its evaluation and first render held up the hydration of the
 * whole page (the trials table included) by about 0.5 s on the 2-core bench machine. They draw only
 * once measured in the browser, so the server's HTML loses nothing but their data tables, which
 * follow with the chunk.
 */
const chartPlaceholder = () => <div className={`${skeleton.skeleton} ${skeleton.chart}`} aria-hidden="true" />;
const MetricCurvesChart = dynamic(() => import('@/components/charts/metric-curves-chart').then((m) => m.MetricCurvesChart), {
  loading: chartPlaceholder,
});
const TrialAccuracyChart = dynamic(() => import('@/components/charts/trial-accuracy-chart').then((m) => m.TrialAccuracyChart), {
  loading: chartPlaceholder,
});

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
  /** From the page's URL: the trials the charts show (null: the default) and the trials table's state. */
  selection?: Set<number> | null;
  table?: TrialTableState;
}

export function ExperimentLiveView({ dataset = null, ...initial }: Props) {
  const { state, stream, error, showCurves } = useExperimentLive(initial);
  const { experiment, metrics } = state;
  // null: follow the default as trials start and finish; a Set once the user picks
  const [picked, setPicked] = useState<Set<number> | null>(initial.selection ?? null);
  useEffect(() => replaceQuery((params) => writeSelection(params, picked)), [picked]);
  const curveSettings = useChartSettings('experiment-curves');
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
  const folds = foldCount(experiment.validation);
  const timeLeft = estimateTimeLeft(experiment.status, totals, secondsPerEpoch(state));
  const overall = totals.plannedEpochs === 0 ? 0 : totals.trainedEpochs / totals.plannedEpochs;
  const scored = totals.scored;
  const selectable = trials.length > MANY_TRIALS ? trials.filter((t) => selected.has(t.number)) : trials;
  const rungs = experiment.rungs;
  // ASHA: the rung the importance and parallel-coordinates views read (null: the API's default, the first)
  const [viewRung, setViewRung] = useState<number | null>(null);
  const [brushed, setBrushed] = useState<number[] | null>(null);
  const { board, error: boardError } = useLeaderboard(experiment.id, { rung: viewRung, limit: PARALLEL_LINES, enabled: scored > 0 });
  const changeRung = (rung: number) => {
    setBrushed(null);
    setViewRung(rung);
  };

  return (
    <>
      <ExperimentHeader
        experiment={experiment}
        actions={
          <>
            {running ? (
              <span className={styles.streamStatus} data-stream={stream} role="status" aria-live="polite">
                {STREAM_LABELS[stream]}
              </span>
            ) : null}
            <PauseResumeButton experimentId={experiment.id} status={experiment.status} />
            {running ? <CancelExperimentButton experimentId={experiment.id} experimentName={experiment.name} /> : null}
            <RefitBestButton
              experimentId={experiment.id}
              status={experiment.status}
              bestTrial={experiment.bestTrial}
              refit={experiment.refit}
            />
            <IntentLink className={buttonStyles.button} href={`/experiments/new?from=${encodeURIComponent(experiment.id)}`}>
              New experiment from this one
            </IntentLink>
          </>
        }
      />
      {dataset ? <DatasetWarnings warnings={dataset.warnings} datasetName={dataset.name} /> : null}
      {error ? <ReadError what="the experiment" message={error} stale /> : null}
      <div className="stack">
        <div className="charts">
          <section className={cardStyles.card} aria-labelledby="progress-title">
            <div className={cardStyles.header}>
              <h2 id="progress-title">Progress</h2>
            </div>
            <div className={cardStyles.body}>
              <SearchProgress
                counts={experiment.trialCounts}
                total={experiment.trialCount}
                overall={overall}
                timeLeft={timeLeft}
                status={experiment.status}
              />
            </div>
          </section>
          <RefitCard
            refit={experiment.refit}
            bestTrialNumber={bestTrialNumber}
            experimentStatus={experiment.status}
            ties={board?.ties ?? null}
            modelActions={
              experiment.refit?.model ? (
                <RegisterModelButton
                  modelId={experiment.refit.model.id}
                  project={experiment.project.slug}
                  suggestedName={experiment.name}
                />
              ) : null
            }
          />
        </div>

        <section className={cardStyles.card} aria-labelledby="curves-title">
          <div className={cardStyles.header}>
            <h2 id="curves-title">Learning curves</h2>
            <span className={cardStyles.note}>
              Mean over {folds > 1 ? `${folds} folds` : 'the holdout split'} at each epoch
              {experiment.allTrials ? null : ` · the running, best and last finished of ${formatInteger(experiment.trialCount)} trials`}
            </span>
          </div>
          <div className={`${cardStyles.body} stack ${styles.roomy}`}>
            {selectable.length ? (
              <TrialSelector trials={selectable} selected={selected} bestTrialNumber={bestTrialNumber} onChange={setPicked} />
            ) : null}
            <div>
              <ChartControls state={curveSettings} label="Learning curves" />
              <div className="charts">
                <div data-testid="accuracy-chart">
                  <h3 className={styles.chartTitle}>Accuracy</h3>
                  <MetricCurvesChart
                    metrics={metrics}
                    metric="accuracy"
                    trialNumbers={[...selected]}
                    bestTrialNumber={bestTrialNumber}
                    view={curveSettings.view}
                  />
                </div>
                <div data-testid="loss-chart">
                  <h3 className={styles.chartTitle}>Loss</h3>
                  <MetricCurvesChart
                    metrics={metrics}
                    metric="loss"
                    trialNumbers={[...selected]}
                    bestTrialNumber={bestTrialNumber}
                    view={curveSettings.view}
                  />
                </div>
              </div>
            </div>
          </div>
        </section>

        {rungs ? (
          <section className={cardStyles.card} aria-labelledby="rungs-title">
            <div className={cardStyles.header}>
              <h2 id="rungs-title">{experiment.strategy.kind === 'hyperband' ? 'Hyperband rungs (all brackets)' : 'ASHA rungs'}</h2>
              <span className={cardStyles.note}>
                The top 1/{rungScheduleOf(experiment.strategy)?.reductionFactor ?? ''} of each rung
                {experiment.strategy.kind === 'hyperband' ? ' of a bracket' : ''} goes on to train longer
              </span>
            </div>
            <div className={`${cardStyles.body} stack ${styles.tight}`} data-testid="rungs-view">
              <RungsChart rungs={rungs} />
              <div className={tableStyles.scroll} role="region" aria-label="Rungs table" tabIndex={0}>
                <table className={`${tableStyles.table} ${tableStyles.compact}`}>
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
                        <td className="align-right num">
                          <Num value={r.best} kind="percent" />
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </div>
          </section>
        ) : null}

        {scored > 0 ? (
          <LeaderboardSection
            board={board}
            error={boardError}
            experimentName={experiment.name}
            onRungChange={changeRung}
            onBrushChange={setBrushed}
          />
        ) : null}

        {experiment.trialCounts.completed > 0 && experiment.allTrials && trials.length <= MANY_TRIALS ? (
          <section className={cardStyles.card} aria-labelledby="comparison-title">
            <div className={cardStyles.header}>
              <h2 id="comparison-title">Validation accuracy by trial</h2>
            </div>
            <div className={cardStyles.body} data-testid="trial-accuracy-chart">
              <TrialAccuracyChart trials={trials} bestTrialId={experiment.bestTrial?.id ?? null} />
            </div>
          </section>
        ) : null}

        <section className={cardStyles.card} aria-labelledby="trials-title">
          <div className={cardStyles.header}>
            <h2 id="trials-title">Trials</h2>
            <span className={cardStyles.note} data-testid="trials-brush-note">
              {brushed
                ? `Only the ${formatInteger(brushed.length)} trial${brushed.length === 1 ? '' : 's'} selected in the parallel-coordinates plot`
                : 'Tick trials to compare them, here or across experiments'}
            </span>
          </div>
          {experiment.trialCount ? (
            <TrialsExplorer
              initialState={initial.table}
              experimentId={experiment.id}
              experimentName={experiment.name}
              space={experiment.space}
              bestTrialId={experiment.bestTrial?.id ?? null}
              progress={progress}
              showRung={rungScheduleOf(experiment.strategy) !== null}
              folds={folds}
              brushed={brushed}
              ties={board?.ties}
            />
          ) : (
            <StatePanel title="No trials yet">
              The search space is being expanded into trials; they appear here as soon as they are queued.
            </StatePanel>
          )}
        </section>
      </div>
    </>
  );
}
