'use client';

import { divergence } from '@atelier/domain';
import Link from 'next/link';
import { ChartControls } from '@/components/charts/chart-controls';
import { CompareCurvesChart } from '@/components/charts/compare-curves-chart';
import { FoldCurvesChart } from '@/components/charts/fold-curves-chart';
import { EvaluationPanel } from '@/components/evaluation/evaluation-panel';
import { Num } from '@/components/ui/num';
import { StatusBadge } from '@/components/ui/status-badge';
import { useChartSettings } from '@/components/charts/use-chart-settings';
import { DivergedBadge } from '@/components/ui/trust-badges';
import { downloadUrls, type ApiClient } from '@/lib/api-client';
import { formatHyperparameterValue, HYPERPARAMETER_LABELS, newestOfSplit, recordedHyperparameters } from '@/lib/compare';
import { formatDateTime, formatInteger } from '@/lib/format';
import { CompareToggle } from './compare-toggle';
import { FoldTimeBreakdown } from './fold-time-breakdown';
import { RefitButton } from './refit-button';
import { TryIt } from './try-it';
import { useTrialPage, type TrialPageData } from './use-trial';
import alertStyles from '@/components/ui/alert.module.css';
import buttonStyles from '@/components/ui/button.module.css';
import cardStyles from '@/components/ui/card.module.css';
import factsStyles from '@/components/ui/facts.module.css';
import tableStyles from '@/components/ui/table.module.css';
import fieldStyles from '@/components/ui/field.module.css';
import styles from './trials.module.css';

interface TrialViewProps extends TrialPageData {
  api?: ApiClient;
}

/** One trial of a search, from the query cache (the server's reads first); a refit's model and evaluation appear when they land. */
export function TrialView({ api, ...initial }: TrialViewProps) {
  const { trial, compared, evaluations, models } = useTrialPage(initial, { api });
  const label = `${compared.experiment.name} #${trial.number}`;
  const curveSettings = useChartSettings('trial-curves');
  const test = newestOfSplit(evaluations, 'test');
  const validation = newestOfSplit(evaluations, 'validation');
  const newest = models[0] ?? null;
  return (
    <>
      <header className={`stack ${styles.header ?? ''}`}>
        <div className={`page-header ${styles.pageHeader ?? ''}`}>
          <div>
            <div className="breadcrumb">
              <Link href="/experiments">Experiments</Link> /{' '}
              <Link href={`/experiments/${compared.experiment.id}`}>{compared.experiment.name}</Link> / Trial {trial.number}
            </div>
            <div className="title-row">
              <h1>Trial {trial.number}</h1>
              <StatusBadge status={trial.status} />
              <DivergedBadge reason={divergence(trial, compared.dataset.classNames.length)} />
            </div>
            <p>
              {compared.dataset.name} · <Num value={trial.parameterCount} kind="compact" /> parameters
            </p>
          </div>
          <div className="toolbar">
            {/* a trial is a run: its run page plots every metric key it logged (learning rate, images per second…) */}
            <Link className={buttonStyles.button} href={`/runs/${encodeURIComponent(trial.id)}`}>
              Every metric
            </Link>
            <CompareToggle id={trial.id} label={label} />
            <RefitButton trialId={trial.id} api={api} />
          </div>
        </div>
        {trial.error ? (
          <div className={`${alertStyles.alert} ${alertStyles.error}`} role="alert">
            {trial.error}
          </div>
        ) : null}
        <dl className={`${factsStyles.facts} ${cardStyles.card}`}>
          {recordedHyperparameters([trial]).map((name) => (
            <div key={name}>
              <dt>{HYPERPARAMETER_LABELS[name]}</dt>
              <dd className="mono">{formatHyperparameterValue(name, trial.hyperparameters[name])}</dd>
            </div>
          ))}
          <div>
            <dt>Mean val. accuracy</dt>
            <dd data-testid="trial-score">
              <Num value={trial.meanValAccuracy} std={trial.folds.length > 1 ? trial.stdValAccuracy : null} kind="accuracy" />
            </dd>
          </div>
          <div>
            <dt>Mean val. loss</dt>
            <dd>
              <Num value={trial.meanValLoss} />
            </dd>
          </div>
          <div>
            <dt>Test accuracy</dt>
            <dd>
              <Num value={compared.testAccuracy} kind="percent" />
            </dd>
          </div>
        </dl>
      </header>

      <div className="stack">
        <section className={cardStyles.card} aria-labelledby="trial-curves-title">
          <div className={cardStyles.header}>
            <h2 id="trial-curves-title">Curves per fold</h2>
            <span className={`muted ${styles.note ?? ''}`}>
              Thin lines: each fold; thick: their mean with a ± one standard deviation band
            </span>
          </div>
          <div className={cardStyles.body}>
            <ChartControls state={curveSettings} label="Curves per fold" />
            <div className="charts">
              <div data-testid="trial-fold-loss">
                <h3 className={styles.chartHeading}>Validation loss</h3>
                <FoldCurvesChart curves={compared.curves} metric="valLoss" view={curveSettings.view} />
              </div>
              <div data-testid="trial-fold-accuracy">
                <h3 className={styles.chartHeading}>Validation accuracy</h3>
                <FoldCurvesChart curves={compared.curves} metric="valAccuracy" view={curveSettings.view} />
              </div>
              <div>
                <h3 className={styles.chartHeading}>Training and validation accuracy (mean)</h3>
                <CompareCurvesChart
                  trials={[compared]}
                  labels={[`Trial ${trial.number}`]}
                  metric="accuracy"
                  height={240}
                  view={curveSettings.view}
                />
              </div>
              <div>
                <h3 className={styles.chartHeading}>Training and validation loss (mean)</h3>
                <CompareCurvesChart
                  trials={[compared]}
                  labels={[`Trial ${trial.number}`]}
                  metric="loss"
                  height={240}
                  view={curveSettings.view}
                />
              </div>
            </div>
          </div>
          <div className={tableStyles.scroll} role="region" aria-label="Folds table" tabIndex={0}>
            <table className={`${tableStyles.table} ${tableStyles.compact}`}>
              <caption className="visually-hidden">Folds of this trial</caption>
              <thead>
                <tr>
                  <th scope="col">Fold</th>
                  <th scope="col">Status</th>
                  <th scope="col" className="align-right">
                    Epochs
                  </th>
                  <th scope="col" className="align-right">
                    Train / val images
                  </th>
                  <th scope="col" className="align-right">
                    Val. accuracy
                  </th>
                  <th scope="col" className="align-right">
                    Val. loss
                  </th>
                  <th scope="col">Backend</th>
                </tr>
              </thead>
              <tbody>
                {trial.folds.map((fold) => (
                  <tr key={fold.id}>
                    <td className="num">{fold.fold + 1}</td>
                    <td>
                      <StatusBadge status={fold.status} />
                      {fold.error ? (
                        // a failure in the error colour; why a fold waits again ("worker lost, retrying") as a note
                        <div
                          className={fold.status === 'failed' ? fieldStyles.error : `muted ${tableStyles.cellNote}`}
                          data-testid="fold-detail"
                        >
                          {fold.error}
                        </div>
                      ) : null}
                    </td>
                    <td className="align-right num">{fold.epochsCompleted}</td>
                    <td className="align-right num">
                      {formatInteger(fold.trainSize)} / {formatInteger(fold.valSize)}
                    </td>
                    <td className="align-right num">
                      <Num value={fold.valAccuracy} kind="percent" />
                    </td>
                    <td className="align-right num">
                      <Num value={fold.valLoss} />
                    </td>
                    <td className="mono muted">{fold.backend ?? '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>

        <FoldTimeBreakdown folds={trial.folds} />

        {test ? <EvaluationPanel evaluation={test} title={`Trial ${trial.number}`} /> : null}
        {validation ? (
          <EvaluationPanel evaluation={validation} title={`Trial ${trial.number}`} />
        ) : (
          <section className={cardStyles.card}>
            <div className={`${cardStyles.body} muted`}>The out-of-fold evaluation appears when every fold of this trial has finished.</div>
          </section>
        )}

        <section className={cardStyles.card} aria-labelledby="models-title">
          <div className={cardStyles.header}>
            <h2 id="models-title">Model</h2>
            <span className={`muted ${styles.note ?? ''}`}>TF.js layers format in a zip: model.json, weights.bin, a model card</span>
          </div>
          {models.length ? (
            <div className={tableStyles.scroll}>
              <table className={`${tableStyles.table} ${tableStyles.compact}`} data-testid="models-table">
                <caption className="visually-hidden">Stored models of this trial, newest first</caption>
                <thead>
                  <tr>
                    <th scope="col">Created</th>
                    <th scope="col" className="align-right">
                      Trained on
                    </th>
                    <th scope="col" className="align-right">
                      Size
                    </th>
                    <th scope="col">SHA-256</th>
                    <th scope="col">Backend</th>
                    <th scope="col">
                      <span className="visually-hidden">Download</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {models.map((model) => (
                    <tr key={model.id}>
                      <td>{formatDateTime(model.createdAt)}</td>
                      <td className="align-right num">{model.trainedOn === null ? '—' : `${formatInteger(model.trainedOn)} images`}</td>
                      <td className="align-right num">
                        <Num value={model.sizeBytes} kind="compact" />B
                      </td>
                      <td className="mono muted" title={model.sha256}>
                        {model.sha256.slice(0, 12)}…
                      </td>
                      <td className="mono muted">{model.backend ?? '—'}</td>
                      <td>
                        <a
                          className={`${buttonStyles.button} ${buttonStyles.small}`}
                          href={downloadUrls.model(model.id)}
                          download
                          data-testid="model-download"
                        >
                          Download zip
                        </a>{' '}
                        <a
                          className={`${buttonStyles.button} ${buttonStyles.small}`}
                          href={downloadUrls.onnxModel(model.id)}
                          download
                          data-testid="model-download-onnx"
                          title="The same model as one .onnx file for onnxruntime, its model card in the file's metadata"
                        >
                          ONNX
                        </a>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ) : (
            <div className={`${cardStyles.body} muted`}>
              No stored model yet: refit this trial to train one on all its training images and test it.
            </div>
          )}
        </section>

        <section className={cardStyles.card} aria-labelledby="try-title">
          <div className={cardStyles.header}>
            <h2 id="try-title">Try it</h2>
            {newest ? <span className={`muted ${styles.note ?? ''}`}>With the model stored {formatDateTime(newest.createdAt)}</span> : null}
          </div>
          <div className={cardStyles.body}>
            {newest ? (
              <TryIt modelId={newest.id} />
            ) : (
              <p className={`muted ${styles.flush ?? ''}`}>Refit this trial first: predictions need a stored model.</p>
            )}
          </div>
        </section>
      </div>
    </>
  );
}
