'use client';

import { divergence, type TComparison } from '@atelier/domain';
import Link from 'next/link';
import { useQuery } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useMemo } from 'react';
import { ChartControls } from '@/components/charts/chart-controls';
import { CompareCurvesChart } from '@/components/charts/compare-curves-chart';
import { FoldCurvesChart } from '@/components/charts/fold-curves-chart';
import { trialColor } from '@/components/charts/trial-colors';
import { Num } from '@/components/ui/num';
import { StatusBadge } from '@/components/ui/status-badge';
import { useChartSettings } from '@/components/charts/use-chart-settings';
import { DivergedBadge } from '@/components/ui/trust-badges';
import { browserApi, type ApiClient } from '@/lib/api-client';
import { compareHref, legendLabels } from '@/lib/compare';
import { queryKeys } from '@/lib/query-keys';
import { runsCompareUrl } from '@/components/runs/run-compare';
import { EvaluationComparison, trialEvaluations } from './evaluation-comparison';
import { HyperparameterDiffTable } from './hyperparameter-diff-table';
import buttonStyles from '@/components/ui/button.module.css';
import cardStyles from '@/components/ui/card.module.css';
import swatchStyles from '@/components/ui/swatch.module.css';
import tableStyles from '@/components/ui/table.module.css';
import styles from './compare.module.css';

/**
 * Side-by-side comparison of trials, possibly from different experiments, from the query cache
 * (the server's answer first): a refit queued from here shows its test figures when it lands.
 */
export function CompareView({ comparison: initial, api = browserApi }: { comparison: TComparison; api?: ApiClient }) {
  const router = useRouter();
  const ids = initial.trials.map((trial) => trial.id);
  const { data: comparison } = useQuery({
    queryKey: queryKeys.comparisons.of(ids),
    queryFn: () => api.compareTrials(ids),
    initialData: initial,
  });
  const { trials, differing } = comparison;
  const labels = useMemo(() => legendLabels(trials, differing), [trials, differing]);
  const evaluationEntries = useMemo(() => trials.map(trialEvaluations), [trials]);
  const curveSettings = useChartSettings('compare-curves');
  const foldSettings = useChartSettings('compare-folds');

  const removeTrial = (id: string) => router.push(compareHref(trials.filter((t) => t.id !== id).map((t) => t.id)));

  return (
    <div className="stack">
      <section className={cardStyles.card} aria-labelledby="compared-title">
        <div className={cardStyles.header}>
          <h2 id="compared-title">Trials</h2>
          <span className={`muted ${styles.note ?? ''}`}>
            {differing.length ? `Differing: ${differing.join(', ')}` : 'The hyperparameters are the same in every trial'}
          </span>
        </div>
        <ul className={styles.trialList}>
          {trials.map((trial, index) => (
            <li key={trial.id} data-testid="compared-trial">
              <span className={swatchStyles.swatch} style={{ background: trialColor(index + 1) }} aria-hidden="true" />
              <Link href={`/trials/${trial.id}`} className={tableStyles.name}>
                {trial.experiment.name} #{trial.number}
              </Link>
              <StatusBadge status={trial.status} />
              <DivergedBadge reason={divergence(trial, trial.dataset.classNames.length)} />
              <span className="mono muted">{labels[index]}</span>
              <span className={`num ${styles.pushEnd ?? ''}`}>
                <Num value={trial.meanValAccuracy} std={trial.stdValAccuracy} kind="accuracy" />
              </span>
              {trials.length > 1 ? (
                <button
                  type="button"
                  className={`${buttonStyles.button} ${buttonStyles.small}`}
                  onClick={() => removeTrial(trial.id)}
                  aria-label={`Remove ${trial.experiment.name} #${trial.number}`}
                >
                  Remove
                </button>
              ) : null}
            </li>
          ))}
        </ul>
      </section>

      <section className={cardStyles.card} aria-labelledby="compare-curves-title">
        <div className={cardStyles.header}>
          <h2 id="compare-curves-title">Learning curves</h2>
          <span className={`muted ${styles.note ?? ''}`}>
            Mean over each trial&apos;s folds; solid: validation, dashed: training ·{' '}
            <Link href={runsCompareUrl(trials.map((t) => t.id))}>every metric, as runs</Link>
          </span>
        </div>
        <div className={cardStyles.body}>
          <ChartControls state={curveSettings} label="Learning curves" />
          <div className="charts">
            <div data-testid="compare-accuracy-chart">
              <h3 className={styles.chartHeading}>Accuracy</h3>
              <CompareCurvesChart trials={trials} labels={labels} metric="accuracy" view={curveSettings.view} />
            </div>
            <div data-testid="compare-loss-chart">
              <h3 className={styles.chartHeading}>Loss</h3>
              <CompareCurvesChart trials={trials} labels={labels} metric="loss" view={curveSettings.view} />
            </div>
          </div>
        </div>
      </section>

      <section className={cardStyles.card} aria-labelledby="compare-folds-title">
        <div className={cardStyles.header}>
          <h2 id="compare-folds-title">Validation loss per fold</h2>
          <span className={`muted ${styles.note ?? ''}`}>Each fold, and the mean ± one standard deviation</span>
        </div>
        <div className={cardStyles.body}>
          <ChartControls state={foldSettings} label="Validation loss per fold" />
          <div className="charts">
            {trials.map((trial, index) => (
              <div key={trial.id} data-testid="fold-chart">
                <h3 className={styles.chartHeading}>{labels[index]}</h3>
                <FoldCurvesChart
                  curves={trial.curves}
                  color={trialColor(index + 1)}
                  title={`Validation loss per fold, ${labels[index]}`}
                  height={220}
                  view={foldSettings.view}
                />
              </div>
            ))}
          </div>
        </div>
      </section>

      <section className={cardStyles.card} aria-labelledby="compare-hp-title">
        <div className={cardStyles.header}>
          <h2 id="compare-hp-title">Hyperparameters and scores</h2>
          <span className={`muted ${styles.note ?? ''}`}>Highlighted rows differ</span>
        </div>
        <HyperparameterDiffTable trials={trials} differing={differing} labels={labels} />
      </section>

      <EvaluationComparison entries={evaluationEntries} labels={labels} />
    </div>
  );
}
