'use client';

import { RUN_LIMITS } from '@atelier/domain';
import { useId, useState } from 'react';
import { formatInteger } from '@/lib/format';
import { MarkdownText } from './markdown';
import styles from './runs.module.css';
import alertStyles from '@/components/ui/alert.module.css';
import buttonStyles from '@/components/ui/button.module.css';
import fieldStyles from '@/components/ui/field.module.css';

interface RunNotesProps {
  notes: string;
  /**
   * Stores the edited notes (PATCH /runs/:id or PATCH /experiments/:id {notes}) and takes in
   * what the API answered; a rejection keeps the editor open with its message.
   */
  save: (notes: string) => Promise<void>;
}

/** The notes of a run or an experiment: Markdown rendered, and edited in place. */
export function RunNotes({ notes, save: store }: RunNotesProps) {
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState(notes);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const id = useId();
  const tooLong = draft.length > RUN_LIMITS.notesLength;

  const save = async () => {
    setSaving(true);
    setError(null);
    try {
      await store(draft);
      setEditing(false);
    } catch (cause) {
      setError((cause as Error).message);
    } finally {
      setSaving(false);
    }
  };

  if (!editing) {
    return (
      <div className={styles.sectionBody}>
        {notes.trim() ? (
          <MarkdownText className={styles.notes}>{notes}</MarkdownText>
        ) : (
          <p className="muted">No notes yet: what was tried, what came of it.</p>
        )}
        <button
          type="button"
          className={`${buttonStyles.button} ${buttonStyles.small}`}
          onClick={() => {
            setDraft(notes);
            setEditing(true);
          }}
        >
          {notes.trim() ? 'Edit notes' : 'Write notes'}
        </button>
      </div>
    );
  }
  return (
    <form
      className={styles.sectionBody}
      onSubmit={(event) => {
        event.preventDefault();
        if (!tooLong) void save();
      }}
    >
      <label htmlFor={`${id}-notes`} className={fieldStyles.label}>
        Notes (Markdown)
      </label>
      <textarea
        id={`${id}-notes`}
        className={`${fieldStyles.textarea} ${styles.notesEditor}`}
        value={draft}
        onChange={(e) => setDraft(e.target.value)}
        aria-invalid={tooLong || undefined}
        aria-describedby={`${id}-count`}
        autoFocus
      />
      <p id={`${id}-count`} className={tooLong ? fieldStyles.error : fieldStyles.hint}>
        {formatInteger(draft.length)} of {formatInteger(RUN_LIMITS.notesLength)} characters
      </p>
      {error ? (
        <div className={`${alertStyles.alert} ${alertStyles.error}`} role="alert">
          Could not save the notes: {error}
        </div>
      ) : null}
      <div className="toolbar">
        <button
          type="submit"
          className={`${buttonStyles.button} ${buttonStyles.primary} ${buttonStyles.small}`}
          disabled={saving || tooLong}
        >
          {saving ? 'Saving…' : 'Save notes'}
        </button>
        <button
          type="button"
          className={`${buttonStyles.button} ${buttonStyles.small}`}
          onClick={() => setEditing(false)}
          disabled={saving}
        >
          Cancel
        </button>
      </div>
    </form>
  );
}
