import type { TTags } from '@atelier/domain';
import styles from './runs.module.css';

/** Tags as key=value chips, keys A→Z. */
export function RunTags({ tags, label = 'Tags' }: { tags: TTags; label?: string }) {
  const entries = Object.entries(tags).sort(([a], [b]) => a.localeCompare(b));
  if (entries.length === 0) return <span className="muted">none</span>;
  return (
    <ul className={styles.tags} aria-label={label}>
      {entries.map(([key, value]) => (
        <li key={key} className={styles.tag}>
          <span className={styles.tagKey}>{key}</span>
          {value ? `=${value}` : ''}
        </li>
      ))}
    </ul>
  );
}
