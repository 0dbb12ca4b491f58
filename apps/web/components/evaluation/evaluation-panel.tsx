import type { TEvaluation } from '@atelier/domain';
import { ConfusionExportButtons } from '@/components/charts/confusion-export-buttons';
import { ConfusionMatrix } from '@/components/charts/confusion-matrix';
import { Num } from '@/components/ui/num';
import { formatDateTime } from '@/lib/format';
import { ClassificationReport } from './classification-report';
import { SamplePredictions } from './sample-predictions';
import chartStyles from '../charts/chart.module.css';
import cardStyles from '@/components/ui/card.module.css';
import factsStyles from '@/components/ui/facts.module.css';
import styles from './evaluation.module.css';

const TITLES = { test: 'Test set (refit model)', validation: 'Out-of-fold validation' } as const;
const NOTES = {
  test: 'The trial retrained on all its training images, scored on the test set',
  validation: 'Every training image predicted by the fold model that did not train on it',
} as const;
// a run logged from code says what its script evaluated on; Atelier scored the matrix it sent
const LOGGED_TITLES = { test: 'Test set', validation: 'Validation set' } as const;
const LOGGED_NOTE = 'Confusion matrix logged from code (run.logConfusionMatrix); precision, recall and F1 computed by Atelier';

interface EvaluationPanelProps {
  evaluation: TEvaluation;
  title: string;
  /** A run logged from code: its own wording, and no sample-predictions section (it sends counts only). */
  loggedFromCode?: boolean;
}

/** Everything one evaluation holds: headline scores, confusion matrix, report, top confusions, samples. */
export function EvaluationPanel({ evaluation, title, loggedFromCode = false }: EvaluationPanelProps) {
  const id = `evaluation-${evaluation.split}`;
  const { datasetKey } = evaluation;
  return (
    <section className={cardStyles.card} aria-labelledby={id} data-testid={id}>
      <div className={cardStyles.header}>
        <h2 id={id}>{(loggedFromCode ? LOGGED_TITLES : TITLES)[evaluation.split]}</h2>
        <span className={`muted ${styles.note ?? ''}`}>
          {loggedFromCode ? LOGGED_NOTE : NOTES[evaluation.split]} · {formatDateTime(evaluation.createdAt)}
        </span>
      </div>
      <div className={`${cardStyles.body} stack`}>
        <dl className={factsStyles.counts}>
          <div>
            <dt>Accuracy</dt>
            <dd data-testid={`${id}-accuracy`}>
              <Num value={evaluation.accuracy} kind="percent" />
            </dd>
          </div>
          <div>
            <dt>Loss</dt>
            <dd>
              <Num value={evaluation.loss} />
            </dd>
          </div>
          <div>
            <dt>Macro F1</dt>
            <dd>
              <Num value={evaluation.macroAvg.f1} kind="percent" />
            </dd>
          </div>
          <div>
            <dt>Images</dt>
            <dd>{evaluation.weightedAvg.support}</dd>
          </div>
        </dl>
        <div className="charts">
          <div className={`stack ${styles.tightStack ?? ''}`}>
            <div className={chartStyles.title}>
              <h3>Confusion matrix</h3>
              <ConfusionExportButtons
                matrix={evaluation.confusionMatrix}
                classNames={evaluation.classNames}
                title={`${title} ${evaluation.split}`}
              />
            </div>
            <ConfusionMatrix
              matrix={evaluation.confusionMatrix}
              classNames={evaluation.classNames}
              label={`Confusion matrix, ${title} (${evaluation.split})`}
            />
          </div>
          <div className={`stack ${styles.tightStack ?? ''}`}>
            <h3>Classification report</h3>
            <ClassificationReport evaluation={evaluation} caption={`Classification report, ${evaluation.split}`} />
            <h3>Top confusions</h3>
            {evaluation.topConfusions.length ? (
              <ol className={styles.topConfusions} data-testid="top-confusions">
                {evaluation.topConfusions.map((c) => (
                  <li key={`${c.trueClass}-${c.predictedClass}`}>
                    <strong>{c.trueClass}</strong> taken for <strong>{c.predictedClass}</strong>: <span className="num">{c.count}</span>
                  </li>
                ))}
              </ol>
            ) : (
              <p className="muted">No mistakes.</p>
            )}
          </div>
        </div>
        {loggedFromCode ? null : (
          <div>
            <h3 className={styles.heading}>Sample predictions</h3>
            {evaluation.samplePredictions.length && datasetKey !== null ? (
              <SamplePredictions
                samples={evaluation.samplePredictions}
                classNames={evaluation.classNames}
                datasetKey={datasetKey}
                split={evaluation.split === 'test' ? 'test' : 'train'}
              />
            ) : (
              <p className={`muted ${styles.flush ?? ''}`}>
                This evaluation stored no sample predictions
                {evaluation.split === 'validation' ? ' (out-of-fold evaluations keep only the counts)' : ''}.
              </p>
            )}
          </div>
        )}
      </div>
    </section>
  );
}
