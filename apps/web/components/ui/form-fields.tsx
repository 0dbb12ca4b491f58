import type { InputHTMLAttributes } from 'react';
import type { FieldError } from 'react-hook-form';
import alertStyles from './alert.module.css';
import buttonStyles from './button.module.css';
import fieldStyles from './field.module.css';

interface TextFieldProps extends InputHTMLAttributes<HTMLInputElement> {
  label: string;
  /** The field's validation error (react-hook-form's `errors.<name>`), shown under it and marked on the input. */
  error?: FieldError;
}

/**
 * A labelled input with its validation message, as every form of the app draws one field; the
 * rest of the props (react-hook-form's `register(...)` included, its ref too) go to the input.
 */
export function TextField({ label, error, ...input }: TextFieldProps) {
  return (
    <label className={fieldStyles.field}>
      <span className={fieldStyles.label}>{label}</span>
      <input className={fieldStyles.input} aria-invalid={error ? true : undefined} {...input} />
      {error ? <span className={fieldStyles.error}>{error.message}</span> : null}
    </label>
  );
}

/** What the server refused a form with (react-hook-form's `errors.root.server`); nothing without a message. */
export function FormAlert({ message, 'data-testid': testId }: { message: string | undefined; 'data-testid'?: string }) {
  if (!message) return null;
  return (
    <div className={`${alertStyles.alert} ${alertStyles.error}`} role="alert" data-testid={testId}>
      {message}
    </div>
  );
}

/** A form's primary button: disabled and saying what it does while the form is being sent, so it cannot be sent twice. */
export function SubmitButton({
  pending,
  pendingLabel,
  children,
  'data-testid': testId,
}: {
  /** react-hook-form's `formState.isSubmitting`. */
  pending: boolean;
  /** e.g. 'Creating…' */
  pendingLabel: string;
  children: string;
  'data-testid'?: string;
}) {
  return (
    <button type="submit" className={`${buttonStyles.button} ${buttonStyles.primary}`} disabled={pending} data-testid={testId}>
      {pending ? pendingLabel : children}
    </button>
  );
}
