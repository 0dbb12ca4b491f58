'use client';

import type { TDatasetSamples, TDatasetSplit } from '@atelier/domain';
import { useState } from 'react';
import { browserDatasets, type DatasetsClient, SAMPLE_GRID_SIZE } from '@/lib/datasets-client';
import { formatInteger } from '@/lib/format';
import { SampleGrid } from './sample-grid';
import styles from './datasets.module.css';

/**
 * The sample grid with its controls: split, class, and a new random draw. Draws are seeded
 * (the seed is shown), so "seed 7 of the test split" means the same images to a colleague.
 */
export function SampleExplorer({
  datasetKey,
  classNames,
  initial,
  client = browserDatasets,
}: {
  datasetKey: string;
  classNames: readonly string[];
  initial: TDatasetSamples;
  client?: DatasetsClient;
}) {
  const [samples, setSamples] = useState(initial);
  const [query, setQuery] = useState<{ split: TDatasetSplit; label: number | null; seed: number }>({
    split: initial.split,
    label: initial.label,
    seed: initial.seed,
  });
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function load(next: typeof query) {
    setQuery(next);
    setLoading(true);
    setError(null);
    try {
      setSamples(await client.getSamples(datasetKey, { split: next.split, seed: next.seed, count: SAMPLE_GRID_SIZE, label: next.label ?? undefined }));
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setLoading(false);
    }
  }

  return (
    <div>
      <div className={`toolbar ${styles.toolbar ?? ''}`}>
        <div className="segmented" role="radiogroup" aria-label="Split">
          {(['train', 'test'] as const).map((split) => (
            <label key={split}>
              <input type="radio" name="sample-split" value={split} checked={query.split === split} onChange={() => void load({ ...query, split })} />
              {split === 'train' ? 'Train' : 'Test'}
            </label>
          ))}
        </div>
        <label className="visually-hidden" htmlFor="sample-class">
          Class
        </label>
        <select
          id="sample-class"
          className={`select ${styles.inlineSelect ?? ''}`}
          value={query.label ?? ''}
          onChange={(e) => void load({ ...query, label: e.target.value === '' ? null : Number(e.target.value) })}
        >
          <option value="">All classes</option>
          {classNames.map((name, label) => (
            <option key={label} value={label}>
              {name}
            </option>
          ))}
        </select>
        <button type="button" className="button" onClick={() => void load({ ...query, seed: query.seed + 1 })} disabled={loading}>
          Shuffle
        </button>
        <span className={`muted num ${styles.count ?? ''}`} aria-live="polite">
          {loading ? 'Loading…' : `${samples.items.length} of ${formatInteger(samples.total)} · seed ${samples.seed}`}
        </span>
      </div>
      {error ? (
        <div className="alert alert--error" role="alert">
          Cannot load samples: {error}
        </div>
      ) : null}
      <div aria-busy={loading} className={loading ? styles.loading : undefined}>
        <SampleGrid datasetKey={datasetKey} samples={samples} />
      </div>
    </div>
  );
}
