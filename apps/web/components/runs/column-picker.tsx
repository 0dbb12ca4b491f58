'use client';

import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { chooseAll, chooseColumn, type ColumnChoices, type RunColumn, type RunColumnKind } from './runs-table-state';
import styles from './runs.module.css';
import buttonStyles from '@/components/ui/button.module.css';
import fieldStyles from '@/components/ui/field.module.css';

interface ColumnPickerProps {
  columns: readonly RunColumn[];
  visible: ReadonlySet<string>;
  choices: ColumnChoices;
  onChange: (next: ColumnChoices) => void;
  /** Another title for a group ("Trial" for a search's own columns). */
  titles?: Partial<Record<RunColumnKind, string>>;
}

const GROUPS: { kind: RunColumnKind; title: string }[] = [
  { kind: 'attribute', title: 'Run' },
  { kind: 'param', title: 'Parameters' },
  { kind: 'metric', title: 'Metrics' },
];

/**
 * Which columns the runs table shows: a button that opens a panel of checkboxes, grouped by
 * kind, with a search for long key lists and all / none per group. Keyboard: Tab moves through
 * it, Space ticks, Escape closes it and gives the focus back to the button.
 */
export function ColumnPicker({ columns, visible, choices, onChange, titles }: ColumnPickerProps) {
  const [open, setOpen] = useState(false);
  const [query, setQuery] = useState('');
  const id = useId();
  const button = useRef<HTMLButtonElement>(null);
  const panel = useRef<HTMLDivElement>(null);
  const search = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (!open) return;
    search.current?.focus();
    const onPointer = (event: PointerEvent) => {
      const target = event.target as Node;
      if (!panel.current?.contains(target) && !button.current?.contains(target)) setOpen(false);
    };
    document.addEventListener('pointerdown', onPointer);
    return () => document.removeEventListener('pointerdown', onPointer);
  }, [open]);

  const close = () => {
    setOpen(false);
    button.current?.focus();
  };
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Escape') {
      event.stopPropagation();
      close();
    }
  };
  const needle = query.trim().toLowerCase();
  const matching = needle ? columns.filter((c) => c.label.toLowerCase().includes(needle)) : columns;
  const shownCount = columns.filter((c) => visible.has(c.id)).length;

  return (
    <div className={styles.picker}>
      <button
        ref={button}
        type="button"
        className={`${buttonStyles.button} ${buttonStyles.small}`}
        aria-expanded={open}
        aria-controls={`${id}-panel`}
        onClick={() => (open ? close() : setOpen(true))}
        data-testid="column-picker-button"
      >
        Columns{' '}
        <span className="muted num">
          ({shownCount} of {columns.length})
        </span>
      </button>
      {open ? (
        <div ref={panel} id={`${id}-panel`} className={styles.pickerPanel} role="group" aria-label="Columns to show" onKeyDown={onKeyDown}>
          <label className={styles.pickerSearch}>
            <span className="visually-hidden">Find a column</span>
            <input
              ref={search}
              className={fieldStyles.input}
              type="search"
              placeholder="Find a column"
              value={query}
              onChange={(e) => setQuery(e.target.value)}
            />
          </label>
          {GROUPS.map(({ kind, title: fallback }) => {
            const title = titles?.[kind] ?? fallback;
            const group = matching.filter((c) => c.kind === kind);
            if (group.length === 0) return null;
            return (
              <fieldset key={kind} className={styles.pickerGroup}>
                <legend>
                  {title}
                  <span className={styles.pickerAll}>
                    <button
                      type="button"
                      className={styles.linkButton}
                      onClick={() => onChange(chooseAll(choices, group, true))}
                      aria-label={`Show every ${title.toLowerCase()} column`}
                    >
                      all
                    </button>
                    {' · '}
                    <button
                      type="button"
                      className={styles.linkButton}
                      onClick={() => onChange(chooseAll(choices, group, false))}
                      aria-label={`Hide every ${title.toLowerCase()} column`}
                    >
                      none
                    </button>
                  </span>
                </legend>
                {group.map((column) => (
                  <label key={column.id} className={styles.pickerItem}>
                    <input
                      type="checkbox"
                      checked={visible.has(column.id)}
                      onChange={(e) => onChange(chooseColumn(choices, column.id, e.target.checked))}
                    />
                    <span className={column.kind === 'attribute' ? undefined : 'mono'}>{column.label}</span>
                  </label>
                ))}
              </fieldset>
            );
          })}
          {matching.length === 0 ? <p className="muted">No column matches “{query}”.</p> : null}
          <div className={styles.pickerFooter}>
            <button type="button" className={`${buttonStyles.button} ${buttonStyles.small}`} onClick={close}>
              Done
            </button>
          </div>
        </div>
      ) : null}
    </div>
  );
}
