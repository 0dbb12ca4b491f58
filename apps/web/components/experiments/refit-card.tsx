import { refitStillExpected, type TExperimentStatus, type TRefit } from '@atelier/domain';
import Link from 'next/link';
import { StatusBadge } from '@/components/ui/status-badge';
import { downloadUrls } from '@/lib/api-client';
import { formatCompact, formatDateTime, formatInteger, formatPercent } from '@/lib/format';

interface Props {
  refit: TRefit | null;
  bestTrialNumber: number | null;
  /** Without a refit, what the card promises depends on whether the search can still finish. */
  experimentStatus: TExperimentStatus;
}

/** Why there is no refit (yet): a promise only while the search can still make one. */
function noRefitText(status: TExperimentStatus): string {
  if (refitStillExpected(status)) {
    return 'When the search finishes, its best trial is retrained on all the training images, tested, and stored as a model here.';
  }
  if (status === 'completed') return 'No trial finished with a score, so there was nothing to refit.';
  return `The search ${status === 'cancelled' ? 'was cancelled' : 'failed'} before it finished, so no trial will be refit automatically. Open a finished trial and use "Refit this trial" to train and test it.`;
}

/** The best trial retrained on every training image and scored on the test set, with its model. */
export function RefitCard({ refit, bestTrialNumber, experimentStatus }: Props) {
  return (
    <section className="card" aria-labelledby="refit-title" data-testid="refit-card">
      <div className="card__header">
        <h2 id="refit-title">Best model</h2>
        {refit ? <StatusBadge status={refit.status} /> : null}
      </div>
      <div className="card__body stack" style={{ gap: 12 }}>
        {!refit ? (
          <p className="muted" style={{ margin: 0 }} data-testid="refit-none">
            {noRefitText(experimentStatus)}
          </p>
        ) : (
          <>
            <dl className="counts">
              <div>
                <dt>Trial</dt>
                <dd>
                  <Link href={`/trials/${refit.trialId}`}>#{bestTrialNumber ?? '?'}</Link>
                </dd>
              </div>
              <div>
                <dt>Test accuracy</dt>
                <dd data-testid="refit-test-accuracy">{formatPercent(refit.testAccuracy)}</dd>
              </div>
              {refit.model ? (
                <div>
                  <dt>Trained on</dt>
                  <dd>{refit.model.trainedOn === null ? '—' : formatInteger(refit.model.trainedOn)}</dd>
                </div>
              ) : null}
            </dl>
            {refit.error ? (
              <div className="alert alert--error" role="alert" style={{ margin: 0 }}>
                {refit.error}
              </div>
            ) : null}
            {refit.status === 'queued' || refit.status === 'running' ? (
              <p className="muted" style={{ margin: 0 }}>
                Retraining on every training image, then testing…
              </p>
            ) : null}
            {refit.model ? (
              <div className="toolbar">
                <a className="button button--primary" href={downloadUrls.model(refit.model.id)} download data-testid="refit-download">
                  Download model zip ({formatCompact(refit.model.sizeBytes)}B)
                </a>
                <Link className="button" href={`/trials/${refit.trialId}`}>
                  Evaluation and Try it
                </Link>
                <span className="muted" style={{ fontSize: '0.82rem' }}>
                  Stored {formatDateTime(refit.model.createdAt)}
                </span>
              </div>
            ) : null}
          </>
        )}
      </div>
    </section>
  );
}
