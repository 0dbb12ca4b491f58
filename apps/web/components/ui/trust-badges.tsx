import { DIVERGENCE_LABELS, TIE_RULE, type TDivergence } from '@atelier/domain';
import styles from './trust-badges.module.css';

/** Marks a trial whose score the folds cannot tell apart from the best's. */
export function TiedBadge({ bestNumber }: { bestNumber: number }) {
  return (
    <span className={styles.tied} title={`Tied: ${TIE_RULE}`} data-testid="tied-badge">
      tied with #{bestNumber}
    </span>
  );
}

/** Marks a run that learnt nothing: its loss is not a number, or it guesses at chance level. */
export function DivergedBadge({ reason }: { reason: TDivergence | null }) {
  if (!reason) return null;
  return (
    <span className={styles.diverged} title={`Diverged: ${DIVERGENCE_LABELS[reason]}`} data-testid="diverged-badge" data-reason={reason}>
      diverged<span className="visually-hidden">: {DIVERGENCE_LABELS[reason]}</span>
    </span>
  );
}
