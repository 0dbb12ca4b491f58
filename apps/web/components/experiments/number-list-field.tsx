'use client';

import { parseNumberList } from './grid';
import { formatHyperparameter } from '@/lib/format';
import choiceStyles from '@/components/ui/choice.module.css';
import fieldStyles from '@/components/ui/field.module.css';

interface NumberListFieldProps {
  id: string;
  label: string;
  hint: string;
  value: string;
  error?: string;
  onChange: (value: string) => void;
}

/** A grid dimension typed as "0.1, 0.01"; the parsed values show as chips underneath. */
export function NumberListField({ id, label, hint, value, error, onChange }: NumberListFieldProps) {
  const parsed = parseNumberList(value);
  const describedBy = `${id}-hint${error ? ` ${id}-error` : ''}`;
  return (
    <div className={fieldStyles.field}>
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        name={id}
        className={`${fieldStyles.input} mono`}
        value={value}
        inputMode="decimal"
        autoComplete="off"
        spellCheck={false}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
        onChange={(event) => onChange(event.target.value)}
      />
      <div className={choiceStyles.chips} aria-hidden="true">
        {parsed.ok
          ? parsed.values.map((v) => (
              <span key={v} className={choiceStyles.chip}>
                {formatHyperparameter(v)}
              </span>
            ))
          : null}
      </div>
      <span id={`${id}-hint`} className={fieldStyles.hint}>
        {hint}
      </span>
      {error ? (
        <span id={`${id}-error`} className={fieldStyles.error} role="alert">
          {error}
        </span>
      ) : null}
    </div>
  );
}
