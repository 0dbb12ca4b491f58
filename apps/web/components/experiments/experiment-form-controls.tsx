'use client';

import type { ExperimentFormState, FormPath } from './experiment-form-state';
import choiceStyles from '@/components/ui/choice.module.css';
import fieldStyles from '@/components/ui/field.module.css';
import styles from './experiment-form.module.css';

/** Sets one field of the form, marking it changed (so its live error shows). */
export type UpdateField = <K extends keyof ExperimentFormState>(key: K, value: ExperimentFormState[K]) => void;
/** The first error to show among these fields: the resolver's or the API's, the plan's, then the live check's. */
export type ErrorFor = (...paths: FormPath[]) => string | undefined;

/** What every section of the launch form reads and writes. */
export interface FormSectionProps {
  state: ExperimentFormState;
  update: UpdateField;
  errorFor: ErrorFor;
}

export function toggle<T>(list: readonly T[], value: T): T[] {
  return list.includes(value) ? list.filter((item) => item !== value) : [...list, value];
}

export function FieldError({ message, id }: { message?: string; id?: string }) {
  if (!message) return null;
  return (
    <span id={id} className={fieldStyles.error} role="alert">
      {message}
    </span>
  );
}

export function EnumField<T extends string>({
  legend,
  name,
  options,
  selected,
  error,
  onToggle,
}: {
  legend: string;
  name: string;
  options: readonly T[];
  selected: readonly T[];
  error?: string;
  onToggle: (value: T) => void;
}) {
  return (
    <fieldset className={fieldStyles.field}>
      <legend>{legend}</legend>
      <div className={styles.checkboxRow}>
        {options.map((option) => (
          <label key={option} className={choiceStyles.pill}>
            <input type="checkbox" name={name} value={option} checked={selected.includes(option)} onChange={() => onToggle(option)} />
            {option}
          </label>
        ))}
      </div>
      <FieldError message={error} />
    </fieldset>
  );
}
