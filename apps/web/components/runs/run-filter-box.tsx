'use client';

import { useId, useState, type SubmitEvent } from 'react';
import type { FilterError } from './use-runs-page';
import { filterErrorPosition } from './runs-table-state';
import styles from './runs.module.css';
import buttonStyles from '@/components/ui/button.module.css';
import fieldStyles from '@/components/ui/field.module.css';

interface RunFilterBoxProps {
  /** The filter the table shows now (applied). */
  applied: string;
  /** The API's 400 for the applied filter, or null. */
  error: FilterError | null;
  onApply: (filter: string) => void;
  /** What the box filters, for its accessible name ("Filter runs"). */
  what?: string;
  /** The example the empty box shows. */
  example?: string;
}

const EXAMPLE = "params.optimizer = 'adam' and metrics.val_accuracy > 0.9";

/**
 * The filter language of GET /runs, typed and sent as is: the API parses it, and when it cannot,
 * its 400 message shows here with a caret under the position it names.
 */
export function RunFilterBox({ applied, error, onApply, what = 'runs', example = EXAMPLE }: RunFilterBoxProps) {
  const [draft, setDraft] = useState(applied);
  // another filter applied from outside (the back button, a clear): the box follows it
  const [seen, setSeen] = useState(applied);
  if (seen !== applied) {
    setSeen(applied);
    setDraft(applied);
  }
  const id = useId();
  const position = error ? filterErrorPosition(error, applied) : null;
  const submit = (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    onApply(draft.trim());
  };
  return (
    <form className={styles.filter} role="search" aria-label={`Filter ${what}`} onSubmit={submit}>
      <label htmlFor={`${id}-filter`} className={fieldStyles.label}>
        Filter
      </label>
      <div className={styles.filterRow}>
        <input
          id={`${id}-filter`}
          className={`${fieldStyles.input} mono ${styles.filterInput}`}
          value={draft}
          onChange={(e) => setDraft(e.target.value)}
          placeholder={example}
          spellCheck={false}
          autoComplete="off"
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-error` : `${id}-hint`}
          data-testid="run-filter"
        />
        <button type="submit" className={`${buttonStyles.button} ${buttonStyles.small} ${buttonStyles.primary}`}>
          Apply
        </button>
        {applied || draft ? (
          <button
            type="button"
            className={`${buttonStyles.button} ${buttonStyles.small}`}
            onClick={() => {
              setDraft('');
              onApply('');
            }}
          >
            Clear
          </button>
        ) : null}
      </div>
      {error ? (
        <div id={`${id}-error`} className={styles.filterError} role="alert" data-testid="run-filter-error">
          <p>{error.message}</p>
          {position !== null ? (
            <pre aria-hidden="true" className={styles.filterCaret}>
              {applied}
              {'\n'}
              {' '.repeat(position)}^
            </pre>
          ) : null}
        </div>
      ) : (
        <p id={`${id}-hint`} className={fieldStyles.hint}>
          <code>params.</code>, <code>metrics.</code> (last value; <code>.min</code>, <code>.max</code>), <code>tags.</code> and{' '}
          <code>attributes.</code> fields with <code>= != &lt; &lt;= &gt; &gt;=</code>, <code>in (…)</code>, <code>contains</code>,{' '}
          <code>is null</code>, joined by <code>and</code>, <code>or</code>, <code>not</code>; text in single quotes, odd keys in backticks.
          Enter applies it.
        </p>
      )}
    </form>
  );
}
