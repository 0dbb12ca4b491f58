'use client';

import type { TTrial } from '@atelier/domain';
import { trialColor } from '@/components/charts/trial-colors';
import { bestOf } from './trial-selection';

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
    <fieldset className="trial-selector" style={{ border: 0, padding: 0, margin: 0 }}>
      <legend className="visually-hidden">Trials shown in the charts</legend>
      {trials.map((trial) => (
        <label key={trial.id} className="check-pill">
          <input type="checkbox" checked={selected.has(trial.number)} onChange={() => toggle(trial.number)} />
          <span className="swatch" style={{ background: trialColor(trial.number) }} aria-hidden="true" />
          Trial {trial.number}
          {trial.number === bestTrialNumber ? ' ★' : ''}
        </label>
      ))}
      <span className="toolbar" style={{ marginLeft: 4 }}>
        <button type="button" className="button" style={{ padding: '3px 10px', fontSize: '0.8rem' }} onClick={() => onChange(new Set(trials.map((t) => t.number)))}>
          All
        </button>
        {trials.length > 5 ? (
          <button type="button" className="button" style={{ padding: '3px 10px', fontSize: '0.8rem' }} onClick={() => onChange(new Set(best))}>
            Top 5
          </button>
        ) : null}
        <button type="button" className="button" style={{ padding: '3px 10px', fontSize: '0.8rem' }} onClick={() => onChange(new Set())}>
          None
        </button>
      </span>
    </fieldset>
  );
}
