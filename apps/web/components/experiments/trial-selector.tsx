'use client';

import type { TTrial } from '@atelier/domain';
import { trialColor } from '@/components/charts/trial-colors';
import { bestOf } from './trial-selection';
import buttonStyles from '@/components/ui/button.module.css';
import choiceStyles from '@/components/ui/choice.module.css';
import styles from './experiments.module.css';
import swatchStyles from '@/components/ui/swatch.module.css';

interface TrialSelectorProps {
  trials: readonly TTrial[];
  selected: ReadonlySet<number>;
  bestTrialNumber: number | null;
  onChange: (selected: Set<number>) => void;
}

/** Which trials the curves show; doubles as the charts' colour legend. */
export function TrialSelector({ trials, selected, bestTrialNumber, onChange }: TrialSelectorProps) {
  const toggle = (number: number) => {
    const next = new Set(selected);
    if (next.has(number)) next.delete(number);
    else next.add(number);
    onChange(next);
  };
  const best = bestOf(trials, 5);
  return (
    <fieldset className={styles.trialSelector}>
      <legend className="visually-hidden">Trials shown in the charts</legend>
      {trials.map((trial) => (
        <label key={trial.id} className={choiceStyles.pill}>
          <input type="checkbox" checked={selected.has(trial.number)} onChange={() => toggle(trial.number)} />
          <span className={swatchStyles.swatch} style={{ background: trialColor(trial.number) }} aria-hidden="true" />
          Trial {trial.number}
          {trial.number === bestTrialNumber ? ' ★' : ''}
        </label>
      ))}
      <span className={styles.selectorButtons}>
        <button type="button" className={buttonStyles.button} onClick={() => onChange(new Set(trials.map((t) => t.number)))}>
          All
        </button>
        {trials.length > 5 ? (
          <button type="button" className={buttonStyles.button} onClick={() => onChange(new Set(best))}>
            Top 5
          </button>
        ) : null}
        <button type="button" className={buttonStyles.button} onClick={() => onChange(new Set())}>
          None
        </button>
      </span>
    </fieldset>
  );
}
