import { describeTally, tallyTrials, type TExperimentDetail, type TValidationPlan } from '@atelier/domain';
import type { ReactNode } from 'react';
import { ParentModelLink } from '@/components/registry/parent-model-link';
import { IntentLink } from '@/components/ui/intent-link';
import { StatusBadge } from '@/components/ui/status-badge';
import { formatDateTime, formatInteger } from '@/lib/format';
import { ElapsedTime } from './elapsed-time';
import alertStyles from '@/components/ui/alert.module.css';
import cardStyles from '@/components/ui/card.module.css';
import styles from './experiments.module.css';
import factsStyles from '@/components/ui/facts.module.css';

export function describeValidation(validation: TValidationPlan): string {
  return validation.kind === 'kfold' ? `${validation.folds}-fold cross-validation` : `Holdout ${Math.round(validation.fraction * 100)}%`;
}

export function describeStrategy(experiment: Pick<TExperimentDetail, 'strategy' | 'trialCount'>): string {
  const { strategy, trialCount } = experiment;
  const trials = `${trialCount} ${trialCount === 1 ? 'trial' : 'trials'}`;
  switch (strategy.kind) {
    case 'grid':
      return `Grid · ${trials}`;
    case 'random':
      return `Random · ${trials}`;
    case 'asha':
      return `ASHA · ${trials} · r=${strategy.minEpochs}, R=${strategy.maxEpochs}, η=${strategy.reductionFactor}`;
    case 'hyperband':
      return `Hyperband · ${trials} · r=${strategy.minEpochs}, R=${strategy.maxEpochs}, η=${strategy.reductionFactor}`;
    case 'tpe': {
      const early = strategy.earlyStopping;
      const parts = [
        `TPE${early ? ' + ASHA' : ''}`,
        trials,
        `${strategy.startupTrials} random first`,
        ...(strategy.multivariate ? ['multivariate'] : []),
        `${strategy.parallelism} at once`,
        ...(early ? [`r=${early.minEpochs}, R=${early.maxEpochs}, η=${early.reductionFactor}`] : []),
      ];
      return parts.join(' · ');
    }
  }
}

interface ExperimentHeaderProps {
  experiment: TExperimentDetail;
  /** Right-hand side: actions such as cancel, and the stream status. */
  actions?: ReactNode;
}

export function ExperimentHeader({ experiment, actions }: ExperimentHeaderProps) {
  return (
    <header className="page-intro">
      <div className="page-header">
        <div>
          <div className="breadcrumb">
            <IntentLink href="/experiments">Experiments</IntentLink> / {experiment.name}
          </div>
          <div className="title-row">
            <h1>{experiment.name}</h1>
            <StatusBadge status={experiment.status} />
          </div>
          {experiment.description ? <p>{experiment.description}</p> : null}
        </div>
        <div className="toolbar">{actions}</div>
      </div>
      {experiment.error ? (
        <div className={`${alertStyles.alert} ${alertStyles.error}`} role="alert">
          {experiment.error}
        </div>
      ) : null}
      <dl className={`${factsStyles.facts} ${cardStyles.card}`}>
        <div>
          <dt>Dataset</dt>
          <dd className="mono">{experiment.dataset}</dd>
        </div>
        {experiment.parentModel ? (
          <div>
            <dt>Start</dt>
            <dd>
              fine-tuned from <ParentModelLink parent={experiment.parentModel} project={experiment.project.slug} />
            </dd>
          </div>
        ) : null}
        <div>
          <dt>Strategy</dt>
          <dd>{describeStrategy(experiment)}</dd>
        </div>
        <div>
          <dt>Validation</dt>
          <dd>{describeValidation(experiment.validation)}</dd>
        </div>
        <div>
          <dt>Training slice</dt>
          <dd>
            {experiment.trainingSlice === null ? 'Whole set' : `${formatInteger(experiment.trainingSlice)} images`}
            <span className={styles.seed}> · seed {experiment.seed}</span>
          </dd>
        </div>
        <div>
          <dt>Trials</dt>
          <dd className="num" data-testid="header-trials">
            {describeTally(tallyTrials(experiment.trialCounts, experiment.trialCount))}
          </dd>
        </div>
        <div>
          <dt>Created</dt>
          <dd>{formatDateTime(experiment.createdAt)}</dd>
        </div>
        <div>
          <dt>Duration</dt>
          <dd>
            {experiment.startedAt ? (
              <ElapsedTime start={experiment.startedAt} end={experiment.finishedAt} />
            ) : (
              <span className="muted">not started</span>
            )}
          </dd>
        </div>
      </dl>
    </header>
  );
}
