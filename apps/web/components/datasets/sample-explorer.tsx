'use client';

import type { TDatasetSamples, TDatasetSplit } from '@atelier/domain';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { browserDatasets, type DatasetsClient, SAMPLE_GRID_SIZE, type SamplesQuery } from '@/lib/datasets-client';
import { formatInteger } from '@/lib/format';
import { errorMessage } from '@/lib/query-client';
import { queryKeys } from '@/lib/query-keys';
import { SampleGrid } from './sample-grid';
import alertStyles from '@/components/ui/alert.module.css';
import buttonStyles from '@/components/ui/button.module.css';
import choiceStyles from '@/components/ui/choice.module.css';
import fieldStyles from '@/components/ui/field.module.css';
import styles from './datasets.module.css';

/**
 * The sample grid with its controls: split, class, and a new random draw. Draws are seeded
 * (the seed is shown), so "seed 7 of the test split" means the same images to a colleague.
 * Each draw is a cache entry: going back to an earlier one shows it at once.
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
  const [query, setQuery] = useState<{ split: TDatasetSplit; label: number | null; seed: number }>({
    split: initial.split,
    label: initial.label,
    seed: initial.seed,
  });
  const request: SamplesQuery = { split: query.split, seed: query.seed, count: SAMPLE_GRID_SIZE, label: query.label ?? undefined };
  // the server drew the first grid: it is this query's answer, and no other's
  const first = query.split === initial.split && query.label === initial.label && query.seed === initial.seed;
  const draw = useQuery({
    queryKey: queryKeys.datasets.samples(datasetKey, request),
    queryFn: () => client.getSamples(datasetKey, request),
    initialData: first ? initial : undefined,
    // a draw never changes: the same seed gives the same images
    staleTime: Infinity,
    // the last grid stays (dimmed) while the next one loads, and when it fails
    placeholderData: keepPreviousData,
  });
  const [samples, setSamples] = useState(initial);
  if (draw.data && draw.data !== samples) setSamples(draw.data);
  const loading = draw.isFetching;
  const error = errorMessage(draw.error);
  const load = (next: typeof query) => setQuery(next);

  return (
    <div>
      <div className={`toolbar ${styles.toolbar ?? ''}`}>
        <div className={choiceStyles.segmented} role="radiogroup" aria-label="Split">
          {(['train', 'test'] as const).map((split) => (
            <label key={split}>
              <input
                type="radio"
                name="sample-split"
                value={split}
                checked={query.split === split}
                onChange={() => load({ ...query, split })}
              />
              {split === 'train' ? 'Train' : 'Test'}
            </label>
          ))}
        </div>
        <label className="visually-hidden" htmlFor="sample-class">
          Class
        </label>
        <select
          id="sample-class"
          className={`${fieldStyles.select} ${styles.inlineSelect ?? ''}`}
          value={query.label ?? ''}
          onChange={(e) => load({ ...query, label: e.target.value === '' ? null : Number(e.target.value) })}
        >
          <option value="">All classes</option>
          {classNames.map((name, label) => (
            <option key={label} value={label}>
              {name}
            </option>
          ))}
        </select>
        <button type="button" className={buttonStyles.button} onClick={() => load({ ...query, seed: query.seed + 1 })} disabled={loading}>
          Shuffle
        </button>
        <span className={`muted num ${styles.count ?? ''}`} aria-live="polite">
          {loading ? 'Loading…' : `${samples.items.length} of ${formatInteger(samples.total)} · seed ${samples.seed}`}
        </span>
      </div>
      {error ? (
        <div className={`${alertStyles.alert} ${alertStyles.error}`} role="alert">
          Cannot load samples: {error}
        </div>
      ) : null}
      <div aria-busy={loading} className={loading ? styles.loading : undefined}>
        <SampleGrid datasetKey={datasetKey} samples={samples} />
      </div>
    </div>
  );
}
