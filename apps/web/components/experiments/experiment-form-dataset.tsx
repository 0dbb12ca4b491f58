'use client';

import type { TDatasetSummary } from '@atelier/domain';
import { DatasetWarnings } from '@/components/datasets/dataset-warnings';
import { formatInteger } from '@/lib/format';
import cardStyles from '@/components/ui/card.module.css';
import fieldStyles from '@/components/ui/field.module.css';
import { FieldError, type FormSectionProps } from './experiment-form-controls';
import styles from './experiment-form.module.css';

/** The dataset to train on; one whose files the server cannot find is listed but cannot be chosen. */
export function DatasetSection({ datasets, state, update, errorFor }: FormSectionProps & { datasets: readonly TDatasetSummary[] }) {
  return (
    <section className={`${cardStyles.card} ${fieldStyles.section}`} aria-labelledby="data-title">
      <h2 id="data-title">Dataset</h2>
      <p className={styles.sectionHint}>Datasets whose files the server cannot find are listed but cannot be chosen.</p>
      <fieldset className={fieldStyles.field}>
        <legend className="visually-hidden">Dataset</legend>
        <div className={styles.optionGrid}>
          {datasets.map((dataset) => (
            <label key={dataset.key} className={styles.optionCard}>
              <input
                type="radio"
                name="dataset"
                value={dataset.key}
                checked={state.dataset === dataset.key}
                disabled={!dataset.available}
                onChange={() => update('dataset', dataset.key)}
              />
              <span>
                <span className={styles.optionTitle}>{dataset.name}</span>
                <span className={`${styles.optionMeta} ${styles.block}`}>
                  {formatInteger(dataset.trainSize)} train · {formatInteger(dataset.testSize)} test · {dataset.classNames.length} classes ·{' '}
                  {dataset.imageShape.join('×')}
                </span>
                {!dataset.available ? (
                  <span className={`${styles.optionReason} ${styles.block}`}>Unavailable: the server did not find its files</span>
                ) : null}
              </span>
            </label>
          ))}
        </div>
        {datasets.length === 0 ? <p className="muted">The API lists no datasets.</p> : null}
        <FieldError message={errorFor('dataset')} />
      </fieldset>
      <DatasetWarnings warnings={datasets.find((d) => d.key === state.dataset)?.warnings ?? []} />
    </section>
  );
}
