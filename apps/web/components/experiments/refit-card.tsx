import { isRefitActive, refitStillExpected, TIE_RULE, type TExperimentStatus, type TLeaderboard, type TRefit } from '@atelier/domain';
import Link from 'next/link';
import type { ReactNode } from 'react';
import { Num } from '@/components/ui/num';
import { StatusBadge } from '@/components/ui/status-badge';
import { downloadUrls } from '@/lib/api-client';
import { formatCompact, formatDateTime, formatInteger } from '@/lib/format';
import alertStyles from '@/components/ui/alert.module.css';
import buttonStyles from '@/components/ui/button.module.css';
import cardStyles from '@/components/ui/card.module.css';
import styles from './experiments.module.css';
import factsStyles from '@/components/ui/facts.module.css';

interface Props {
  refit: TRefit | null;
  bestTrialNumber: number | null;
  /** Without a refit, what the card promises depends on whether the search can still finish. */
  experimentStatus: TExperimentStatus;
  /** The leaderboard's ties: when the folds cannot tell the best from others, the card says so. */
  ties?: TLeaderboard['ties'] | null;
  /** More to do with the stored model, beside its download (the registry's "Register model"). */
  modelActions?: ReactNode;
}

/** Why there is no refit (yet): a promise only while the search can still make one. */
function noRefitText(status: TExperimentStatus): string {
  if (refitStillExpected(status)) {
    return 'When the search finishes, its best trial is retrained on all the training images, tested, and stored as a model here.';
  }
  if (status === 'completed') return 'No trial finished with a score, so there was nothing to refit.';
  return `The search ${status === 'cancelled' ? 'was cancelled' : 'failed'} before it finished, so no trial will be refit automatically. Open a finished trial and use "Refit this trial" to train and test it.`;
}

/**
 * The best trial retrained on every training image and scored on the test set, with its model,
 * and the trials it is tied with: "best" within one standard error is a coin toss between them.
 */
export function RefitCard({ refit, bestTrialNumber, experimentStatus, ties = null, modelActions = null }: Props) {
  const tied = ties && ties.bestTrialNumber === bestTrialNumber ? ties.tiedTrialNumbers : [];
  return (
    <section className={cardStyles.card} aria-labelledby="refit-title" data-testid="refit-card">
      <div className={cardStyles.header}>
        <h2 id="refit-title">Best model</h2>
        {refit ? <StatusBadge status={refit.status} /> : null}
      </div>
      <div className={`${cardStyles.body} stack ${styles.tight}`}>
        {!refit ? (
          <p className={`muted ${styles.flush}`} data-testid="refit-none">
            {noRefitText(experimentStatus)}
          </p>
        ) : (
          <>
            <dl className={factsStyles.counts}>
              <div>
                <dt>Trial</dt>
                <dd>
                  <Link href={`/trials/${refit.trialId}`}>#{bestTrialNumber ?? '?'}</Link>
                </dd>
              </div>
              <div>
                <dt>Test accuracy</dt>
                <dd data-testid="refit-test-accuracy">
                  <Num value={refit.testAccuracy} kind="percent" />
                </dd>
              </div>
              {refit.model ? (
                <div>
                  <dt>Trained on</dt>
                  <dd>{refit.model.trainedOn === null ? '—' : formatInteger(refit.model.trainedOn)}</dd>
                </div>
              ) : null}
            </dl>
            {tied.length > 0 ? (
              <p
                className={`${alertStyles.alert} ${alertStyles.info} ${styles.flush}`}
                data-testid="refit-ties"
                title={`Tied: ${TIE_RULE}`}
              >
                Tied with {listNumbers(tied)} within one standard error: the folds cannot tell{' '}
                {tied.length === 1 ? 'these two' : 'these trials'} apart, so another of them could test as well or better.
              </p>
            ) : null}
            {refit.error ? (
              <div className={`${alertStyles.alert} ${alertStyles.error} ${styles.flush}`} role="alert">
                {refit.error}
              </div>
            ) : null}
            {isRefitActive(refit.status) ? (
              <p className={`muted ${styles.flush}`}>Retraining on every training image, then testing…</p>
            ) : null}
            {refit.model ? (
              <div className="toolbar">
                <a
                  className={`${buttonStyles.button} ${buttonStyles.primary}`}
                  href={downloadUrls.model(refit.model.id)}
                  download
                  data-testid="refit-download"
                >
                  Download model zip ({formatCompact(refit.model.sizeBytes)}B)
                </a>
                <a
                  className={buttonStyles.button}
                  href={downloadUrls.onnxModel(refit.model.id)}
                  download
                  data-testid="refit-download-onnx"
                  title="The same model as one .onnx file for onnxruntime (Python, C++, …), its model card in the file's metadata"
                >
                  ONNX
                </a>
                <Link className={buttonStyles.button} href={`/trials/${refit.trialId}`}>
                  Evaluation and Try it
                </Link>
                {modelActions}
                <span className={cardStyles.note}>Stored {formatDateTime(refit.model.createdAt)}</span>
              </div>
            ) : null}
          </>
        )}
      </div>
    </section>
  );
}

/** "#1", "#1 and #4", "#1, #4 and 5 more". */
function listNumbers(numbers: readonly number[]): string {
  const shown = numbers.slice(0, 3).map((n) => `#${n}`);
  const rest = numbers.length - shown.length;
  if (rest > 0) return `${shown.join(', ')} and ${rest} more`;
  const last = shown.at(-1) ?? '';
  return shown.length > 1 ? `${shown.slice(0, -1).join(', ')} and ${last}` : last;
}
