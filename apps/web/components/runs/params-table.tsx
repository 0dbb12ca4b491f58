'use client';

import type { TParams } from '@atelier/domain';
import { useId, useState } from 'react';
import { formatParamValue } from './run-values';
import styles from './runs.module.css';
import tableStyles from '@/components/ui/table.module.css';
import fieldStyles from '@/components/ui/field.module.css';

/**
 * A run's parameters, keys A→Z, with a search over keys and values: a run from code can log
 * hundreds of them (a flattened config).
 */
export function ParamsTable({ params }: { params: TParams }) {
  const [query, setQuery] = useState('');
  const id = useId();
  const entries = Object.entries(params).sort(([a], [b]) => a.localeCompare(b, 'en', { numeric: true }));
  if (entries.length === 0) return <p className={`muted ${styles.sectionBody}`}>This run logged no parameters.</p>;
  const needle = query.trim().toLowerCase();
  const shown = needle
    ? entries.filter(([key, value]) => key.toLowerCase().includes(needle) || formatParamValue(value).toLowerCase().includes(needle))
    : entries;
  return (
    <div>
      <div className={styles.sectionBody}>
        <label htmlFor={`${id}-search`} className="visually-hidden">
          Search parameters
        </label>
        <input
          id={`${id}-search`}
          className={`${fieldStyles.input} ${styles.search}`}
          type="search"
          placeholder={`Search ${entries.length} parameters`}
          value={query}
          onChange={(e) => setQuery(e.target.value)}
        />
      </div>
      <div className={tableStyles.scroll} role="region" aria-label="Parameters table" tabIndex={0}>
        <table className={`${tableStyles.table} ${tableStyles.compact}`} data-testid="params-table">
          <caption className="visually-hidden">Parameters{needle ? ` matching ${query.trim()}` : ''}</caption>
          <thead>
            <tr>
              <th scope="col">Parameter</th>
              <th scope="col">Value</th>
            </tr>
          </thead>
          <tbody>
            {shown.map(([key, value]) => (
              <tr key={key} data-param={key}>
                <th scope="row" className={`mono ${styles.rowKey}`}>
                  {key}
                </th>
                <td className={typeof value === 'number' ? 'num' : 'mono'}>{formatParamValue(value)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {shown.length === 0 ? <p className={`muted ${styles.sectionBody}`}>No parameter matches “{query.trim()}”.</p> : null}
      </div>
    </div>
  );
}
