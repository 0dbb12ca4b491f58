'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { useCompareTray } from './use-compare-tray';
import { compareHref } from '@/lib/compare';
import { trayCompareHref } from './compare-tray-state';
import buttonStyles from '@/components/ui/button.module.css';
import choiceStyles from '@/components/ui/choice.module.css';
import styles from './compare-tray.module.css';

/**
 * A bar at the bottom of every page while trials are picked for comparison. Its count folds the
 * list of picks away and back (Escape folds it too); removing a pick moves the focus to the next
 * one's remove button, and once the tray empties and goes, to the page's main content, so focus is
 * never left on a button that no longer exists.
 */
export function CompareTray() {
  const { items, remove, clear } = useCompareTray();
  const pathname = usePathname();
  const [open, setOpen] = useState(true);
  const listId = useId();
  const toggleRef = useRef<HTMLButtonElement>(null);
  const listRef = useRef<HTMLUListElement>(null);
  /** The position of the pick just removed from the keyboard or pointer, to focus what took its place. */
  const removedAt = useRef<number | null>(null);

  useEffect(() => {
    const at = removedAt.current;
    if (at === null) return;
    removedAt.current = null;
    if (items.length === 0) {
      document.getElementById('main')?.focus();
      return;
    }
    const buttons = listRef.current?.querySelectorAll('button');
    const next = buttons?.[Math.min(at, items.length - 1)];
    (next ?? toggleRef.current)?.focus();
  }, [items]);

  if (items.length === 0) return null;
  const href = trayCompareHref(items, compareHref);
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Escape' && open) {
      event.stopPropagation();
      setOpen(false);
      toggleRef.current?.focus();
    }
  };
  return (
    <aside className={styles.tray} aria-label="Runs picked for comparison" data-testid="compare-tray" onKeyDown={onKeyDown}>
      <div className={styles.trayInner}>
        <button
          ref={toggleRef}
          type="button"
          className={styles.toggle}
          aria-expanded={open}
          aria-controls={listId}
          onClick={() => setOpen(!open)}
        >
          <span className={styles.chevron} aria-hidden="true">
            ▾
          </span>
          {items.length}{' '}
          {items.some((i) => i.source === 'tracked') ? (items.length === 1 ? 'run' : 'runs') : items.length === 1 ? 'trial' : 'trials'} to
          compare
        </button>
        <ul ref={listRef} id={listId} className={styles.trayItems} hidden={!open}>
          {items.map((item, index) => (
            <li key={item.id} className={`${choiceStyles.chip} ${styles.trayChip ?? ''}`}>
              {item.label}
              <button
                type="button"
                onClick={() => {
                  removedAt.current = index;
                  remove(item.id);
                }}
                aria-label={`Remove ${item.label} from the comparison`}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
        <div className="toolbar">
          <button
            type="button"
            className={`${buttonStyles.button} ${buttonStyles.small} ${styles.trayButton ?? ''}`}
            onClick={() => {
              removedAt.current = 0;
              clear();
            }}
          >
            Clear
          </button>
          {items.length >= 2 ? (
            <Link
              className={`${buttonStyles.button} ${buttonStyles.primary} ${buttonStyles.small}`}
              href={href}
              aria-current={pathname === href.split('?')[0] ? 'page' : undefined}
            >
              Compare {items.length}
            </Link>
          ) : (
            <span className={styles.trayHint}>Pick at least one more</span>
          )}
        </div>
      </div>
    </aside>
  );
}
