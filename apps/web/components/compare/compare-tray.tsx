'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { useCompareTray } from './use-compare-tray';
import { compareHref } from '@/lib/compare';
import { trayCompareHref } from './compare-tray-state';
import styles from './compare.module.css';

/** A bar at the bottom of every page while trials are picked for comparison. */
export function CompareTray() {
  const { items, remove, clear } = useCompareTray();
  const pathname = usePathname();
  if (items.length === 0) return null;
  const href = trayCompareHref(items, compareHref);
  return (
    <aside className={styles.tray} aria-label="Runs picked for comparison" data-testid="compare-tray">
      <div className={styles.trayInner}>
        <strong className="compare-tray__count">
          {items.length} {items.some((i) => i.source === 'tracked') ? (items.length === 1 ? 'run' : 'runs') : items.length === 1 ? 'trial' : 'trials'} to compare
        </strong>
        <ul className={styles.trayItems}>
          {items.map((item) => (
            <li key={item.id} className={`chip ${styles.trayChip ?? ''}`}>
              {item.label}
              <button type="button" onClick={() => remove(item.id)} aria-label={`Remove ${item.label} from the comparison`}>
                ×
              </button>
            </li>
          ))}
        </ul>
        <div className="toolbar">
          <button type="button" className={`button button--small ${styles.trayButton ?? ''}`} onClick={clear}>
            Clear
          </button>
          {items.length >= 2 ? (
            <Link className="button button--primary button--small" href={href} aria-current={pathname === href.split('?')[0] ? 'page' : undefined}>
              Compare {items.length}
            </Link>
          ) : (
            <span className={styles.trayHint}>
              Pick at least one more
            </span>
          )}
        </div>
      </div>
    </aside>
  );
}
