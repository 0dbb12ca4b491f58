'use client';

import type { TExperimentPlan, TSearchStrategyKind } from '@atelier/domain';
import { formatInteger } from '@/lib/format';
import { describeEstimate } from './launch-estimate';
import type { PlanCheck } from './use-experiment-plan';
import alertStyles from '@/components/ui/alert.module.css';
import buttonStyles from '@/components/ui/button.module.css';
import cardStyles from '@/components/ui/card.module.css';
import tableStyles from '@/components/ui/table.module.css';
import styles from './experiment-form.module.css';

const count = (n: number, one: string, many = `${one}s`) => `${formatInteger(n)} ${n === 1 ? one : many}`;

/** How the summary names the trials of each strategy ("12 trials …"). */
const STRATEGY_SUMMARY: Record<TSearchStrategyKind, string> = {
  grid: 'in the grid',
  random: 'drawn at random',
  asha: 'started by ASHA',
  hyperband: "over Hyperband's brackets",
  tpe: 'proposed by TPE',
};

/** The launch panel: the plan's counts (live for a grid, the server's otherwise), its estimate, what blocks a launch, and the button. */
export function LaunchSummary({
  strategy,
  summary,
  plan,
  planCheck,
  localValid,
  serverError,
  blockers,
  canLaunch,
  launching,
  roleNote = null,
}: {
  strategy: TSearchStrategyKind;
  summary: { trialCount: number; folds: number; trainingRuns: number; totalEpochs: number } | null;
  plan: TExperimentPlan | null;
  planCheck: PlanCheck;
  /** The form as typed passes the domain schema. */
  localValid: boolean;
  /** Why the last launch failed, as the API said. */
  serverError: { message?: string } | undefined;
  /** The fields to fix before a launch. */
  blockers: readonly string[];
  canLaunch: boolean;
  launching: boolean;
  /** The user's role in the project cannot launch: what it needs. */
  roleNote?: string | null;
}) {
  const estimateText = plan?.estimate ? describeEstimate(plan.estimate) : null;
  return (
    <aside className={`${styles.summaryPanel} ${cardStyles.card} ${styles.summary}`} aria-labelledby="summary-title">
      <h2 id="summary-title">Launch</h2>
      <div className={styles.bigNumber} data-testid="trial-count" aria-live="polite">
        {summary ? formatInteger(summary.trialCount) : '—'}
      </div>
      <div className={styles.bigNumberLabel}>
        {summary?.trialCount === 1 ? 'trial' : 'trials'} {STRATEGY_SUMMARY[strategy]}
      </div>
      <dl>
        <dt>Folds per trial</dt>
        <dd>{summary ? summary.folds : '—'}</dd>
        <dt>Training runs</dt>
        <dd data-testid="training-runs">{summary ? formatInteger(summary.trainingRuns) : '—'}</dd>
        <dt>{strategy === 'grid' || strategy === 'random' ? 'Epochs in total' : 'Epochs at most'}</dt>
        <dd data-testid="total-epochs">{summary ? formatInteger(summary.totalEpochs) : '—'}</dd>
      </dl>
      {plan?.rungs ? (
        <table className={`${tableStyles.table} ${tableStyles.compact} ${styles.rungs}`} data-testid="plan-rungs">
          <caption className="visually-hidden">ASHA rungs: epochs and the most trials that can reach each</caption>
          <thead>
            <tr>
              <th scope="col">Rung</th>
              <th scope="col" className="align-right">
                Epochs
              </th>
              <th scope="col" className="align-right">
                Trials at most
              </th>
            </tr>
          </thead>
          <tbody>
            {plan.rungs.map((rung, index) => (
              <tr key={index}>
                <td className="num">{index}</td>
                <td className="align-right num">{rung.epochs}</td>
                <td className="align-right num">{formatInteger(rung.trials)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {summary ? <p className={styles.formula}>training runs = trials × folds</p> : null}
      {estimateText ? (
        <div className={styles.estimate} data-testid="plan-estimate">
          <strong>{estimateText.headline}</strong>
          <span className={styles.estimateBasis}>{estimateText.basis}</span>
          {estimateText.warning ? <span className={styles.estimateWarning}>{estimateText.warning}</span> : null}
        </div>
      ) : null}
      <ServerCheck check={planCheck} localValid={localValid} />
      {serverError ? (
        <div className={`${alertStyles.alert} ${alertStyles.error}`} role="alert">
          {serverError.message}
        </div>
      ) : null}
      {!localValid ? (
        <div className={`${alertStyles.alert} ${alertStyles.warn}`} data-testid="form-blockers">
          To launch, fix: {blockers.join(', ')}.
        </div>
      ) : null}
      {roleNote ? (
        <div className={`${alertStyles.alert} ${alertStyles.warn}`} data-testid="launch-role-note">
          {roleNote}
        </div>
      ) : null}
      <button type="submit" className={`${buttonStyles.button} ${buttonStyles.primary} ${buttonStyles.large}`} disabled={!canLaunch}>
        {launching ? 'Launching…' : summary ? `Launch ${count(summary.trialCount, 'trial')}` : 'Launch'}
      </button>
    </aside>
  );
}

function ServerCheck({ check, localValid }: { check: PlanCheck; localValid: boolean }) {
  if (!localValid) {
    return (
      <div className={styles.serverCheck} data-state="idle">
        Complete the form to check it with the server.
      </div>
    );
  }
  switch (check.state) {
    case 'idle':
    case 'checking':
      return (
        <div className={styles.serverCheck} data-state="checking" role="status">
          Checking with the server…
        </div>
      );
    case 'ok':
      return (
        <div className={styles.serverCheck} data-state="ok" role="status" data-testid="plan-ok">
          Server check passed: {count(check.plan.trialCount, 'trial')}, {count(check.plan.trainingRuns, 'run')},{' '}
          {count(check.plan.totalEpochs, 'epoch')}
          {check.plan.maxTrials ? ` (limit ${count(check.plan.maxTrials, 'trial')})` : ''}.
        </div>
      );
    case 'rejected':
      return (
        <div className={styles.serverCheck} data-state="rejected" role="alert" data-testid="plan-error">
          {check.message}
        </div>
      );
    case 'unavailable':
      return (
        <div className={styles.serverCheck} data-state="unavailable" role="status">
          Could not check with the server ({check.message}). You can still try to launch.
        </div>
      );
  }
}
