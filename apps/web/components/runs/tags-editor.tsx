'use client';

import { RUN_LIMITS, ZRunKey, type TTags, type TTagsPatch } from '@atelier/domain';
import { useId, useState } from 'react';
import { formatInteger } from '@/lib/format';
import styles from './runs.module.css';
import alertStyles from '@/components/ui/alert.module.css';
import buttonStyles from '@/components/ui/button.module.css';
import fieldStyles from '@/components/ui/field.module.css';

interface TagsEditorProps {
  tags: TTags;
  /** Names the list for assistive technology ("Experiment tags"). */
  label: string;
  /**
   * Stores one change as a merge patch (PATCH /experiments/:id or /runs/:id {tags}: a value sets
   * the tag, null removes it) and takes in what the API answered; a rejection shows its message.
   */
  save: (patch: TTagsPatch) => Promise<void>;
}

/** Why a tag cannot be set as typed, by the rules the API applies (the domain's key schema and limits); null when it can. */
export function tagDraftProblem(tags: TTags, key: string, value: string): { field: 'key' | 'value'; message: string } | null {
  const keyCheck = ZRunKey.safeParse(key);
  if (!keyCheck.success) return { field: 'key', message: keyCheck.error.issues[0]?.message ?? keyCheck.error.message };
  if (value.length > RUN_LIMITS.valueLength)
    return { field: 'value', message: `a tag value must be at most ${formatInteger(RUN_LIMITS.valueLength)} characters` };
  if (!Object.hasOwn(tags, key) && Object.keys(tags).length >= RUN_LIMITS.tags) {
    return { field: 'key', message: `at most ${RUN_LIMITS.tags} tags: remove one first` };
  }
  return null;
}

/** Tags as key=value chips, keys A→Z, each removable, and a form that sets one (a new key, or a new value for a key). */
export function TagsEditor({ tags, label, save }: TagsEditorProps) {
  const [key, setKey] = useState('');
  const [value, setValue] = useState('');
  const [touched, setTouched] = useState(false);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const id = useId();
  const entries = Object.entries(tags).sort(([a], [b]) => a.localeCompare(b));
  const problem = touched ? tagDraftProblem(tags, key.trim(), value) : null;

  const apply = async (patch: TTagsPatch, done?: () => void) => {
    setSaving(true);
    setError(null);
    try {
      await save(patch);
      done?.();
    } catch (cause) {
      setError((cause as Error).message);
    } finally {
      setSaving(false);
    }
  };

  return (
    <div className={`${styles.sectionBody} ${styles.tagsEditor}`}>
      {entries.length === 0 ? (
        <p className="muted">No tags yet: a key, and a value if it needs one (team=vision, baseline).</p>
      ) : (
        <ul className={styles.tags} aria-label={label}>
          {entries.map(([tagKey, tagValue]) => (
            <li key={tagKey} className={`${styles.tag} ${styles.tagEditable}`}>
              <span>
                <span className={styles.tagKey}>{tagKey}</span>
                {tagValue ? `=${tagValue}` : ''}
              </span>
              <button
                type="button"
                className={styles.tagRemove}
                aria-label={`Remove tag ${tagKey}`}
                title={`Remove tag ${tagKey}`}
                disabled={saving}
                onClick={() => void apply({ [tagKey]: null })}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
      <form
        className={styles.tagForm}
        aria-label="Set a tag"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          setTouched(true);
          const typed = key.trim();
          if (tagDraftProblem(tags, typed, value)) return;
          void apply({ [typed]: value }, () => {
            setKey('');
            setValue('');
            setTouched(false);
          });
        }}
      >
        <div className={fieldStyles.field}>
          <label htmlFor={`${id}-key`}>Key</label>
          <input
            id={`${id}-key`}
            className={fieldStyles.input}
            value={key}
            onChange={(e) => setKey(e.target.value)}
            aria-invalid={problem?.field === 'key' || undefined}
            aria-describedby={problem?.field === 'key' ? `${id}-problem` : undefined}
            autoComplete="off"
            spellCheck={false}
          />
        </div>
        <div className={fieldStyles.field}>
          <label htmlFor={`${id}-value`}>Value (optional)</label>
          <input
            id={`${id}-value`}
            className={fieldStyles.input}
            value={value}
            onChange={(e) => setValue(e.target.value)}
            aria-invalid={problem?.field === 'value' || undefined}
            aria-describedby={problem?.field === 'value' ? `${id}-problem` : undefined}
            autoComplete="off"
          />
        </div>
        <button type="submit" className={buttonStyles.button} disabled={saving}>
          {saving ? 'Saving…' : Object.hasOwn(tags, key.trim()) ? 'Change tag' : 'Add tag'}
        </button>
      </form>
      {problem ? (
        <p id={`${id}-problem`} className={fieldStyles.error}>
          {problem.field === 'key' ? 'Key' : 'Value'}: {problem.message}
        </p>
      ) : null}
      {error ? (
        <div className={`${alertStyles.alert} ${alertStyles.error}`} role="alert">
          Could not save the tags: {error}
        </div>
      ) : null}
    </div>
  );
}
