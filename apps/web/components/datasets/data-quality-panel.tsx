import type { TDatasetDetail, TDatasetSplit, TImageRef, TSplitAnomalies } from '@atelier/domain';
import { datasetImageUrl } from '@/lib/datasets-client';
import { formatInteger } from '@/lib/format';
import factsStyles from '@/components/ui/facts.module.css';
import tableStyles from '@/components/ui/table.module.css';
import styles from './datasets.module.css';

/**
 * Exact duplicates and broken rows: what a data-quality review of an image dataset checks
 * first. Each finding says why it matters, and shows the images it is about.
 */
export function DataQualityPanel({ detail }: { detail: TDatasetDetail }) {
  const { duplicates, anomalies, dataset } = detail;
  const names = dataset.classNames;
  const total = dataset.trainSize + dataset.testSize;
  return (
    <div className={styles.quality} data-testid="data-quality">
      <section aria-labelledby="duplicates-title">
        <h3 id="duplicates-title">Exact duplicates</h3>
        {duplicates.groupCount === 0 ? (
          <p className={styles.ok}>No two of the {formatInteger(total)} images have identical pixels.</p>
        ) : (
          <>
            <dl className={factsStyles.facts}>
              <Fact label="Duplicate groups" value={duplicates.groupCount} />
              <Fact label="Redundant images" value={duplicates.redundantImages} />
              <Fact label="Test images also in train" value={duplicates.testImagesSeenInTrain} warn />
              <Fact label="Groups with conflicting labels" value={duplicates.conflictingLabelGroups} warn />
            </dl>
            <p className={`muted ${styles.hint ?? ''}`}>
              Test images that also occur in train inflate test accuracy; identical images with different labels mean a label is wrong.
            </p>
            <ul className={styles.groups}>
              {duplicates.examples.map((group) => (
                <li key={group.hash} className={styles.group}>
                  <div className={styles.groupImages}>
                    {group.members.map((m) => (
                      <Thumb
                        key={`${m.split}-${m.index}`}
                        datasetKey={dataset.key}
                        split={m.split}
                        index={m.index}
                        caption={names[m.label] ?? String(m.label)}
                        where={whereFrom(m)}
                      />
                    ))}
                  </div>
                  <span className={styles.tileMeta}>
                    {group.size} copies{group.crossSplit ? ' · train and test' : ''}
                    {group.conflictingLabels ? <strong className={styles.warn}> · conflicting labels</strong> : null}
                  </span>
                </li>
              ))}
            </ul>
          </>
        )}
      </section>
      <section aria-label="Empty and invalid rows table">
        <h3 id="anomalies-title">Empty and invalid rows</h3>
        <div className={tableStyles.scroll} role="region" aria-labelledby="anomalies-title" tabIndex={0}>
          <table className={`${tableStyles.table} ${tableStyles.compact} ${styles.narrowTable ?? ''}`}>
            <thead>
              <tr>
                <th scope="col">Split</th>
                <th scope="col" className="align-right">
                  Blank (all 0)
                </th>
                <th scope="col" className="align-right">
                  Constant
                </th>
                <th scope="col" className="align-right">
                  Label out of range
                </th>
              </tr>
            </thead>
            <tbody>
              {(['train', 'test'] as const).map((split) => (
                <AnomalyRow key={split} split={split} counts={anomalies[split]} />
              ))}
            </tbody>
          </table>
        </div>
        {(['train', 'test'] as const).map((split) =>
          anomalies[split].examples.length > 0 ? (
            <div key={split} className={`${styles.groupImages ?? ''} ${styles.spaced ?? ''}`} aria-label={`Affected ${split} images`}>
              {anomalies[split].examples.map((index) => (
                <Thumb key={index} datasetKey={dataset.key} split={split} index={index} caption={`#${index}`} />
              ))}
            </div>
          ) : null,
        )}
        <p className={`muted ${styles.hint ?? ''}`}>
          Rows that cannot be parsed (ragged, non-numeric, out of 0–255) are refused when a dataset is imported, so they never get here.
        </p>
      </section>
    </div>
  );
}

function Fact({ label, value, warn = false }: { label: string; value: number; warn?: boolean }) {
  return (
    <div>
      <dt>{label}</dt>
      <dd className={warn && value > 0 ? styles.warn : undefined}>{formatInteger(value)}</dd>
    </div>
  );
}

function AnomalyRow({ split, counts }: { split: TDatasetSplit; counts: TSplitAnomalies }) {
  const cell = (n: number) => <td className={`align-right num ${n > 0 ? styles.warn : ''}`}>{formatInteger(n)}</td>;
  return (
    <tr>
      <td className={styles.capitalize}>{split}</td>
      {cell(counts.empty)}
      {cell(counts.constant)}
      {cell(counts.invalidLabel)}
    </tr>
  );
}

/** "train #3 · digits.csv line 14": the split and, for an imported dataset, where in the upload to find the row. */
export function whereFrom(member: TImageRef): string {
  const place = `${member.split} #${member.index}`;
  if (!member.source) return place;
  const { file, line, record } = member.source;
  return `${place} · ${file} ${line === null ? `image ${record}` : `line ${line}`}`;
}

function Thumb({
  datasetKey,
  split,
  index,
  caption,
  where,
}: {
  datasetKey: string;
  split: TDatasetSplit;
  index: number;
  caption: string;
  where?: string;
}) {
  return (
    <figure className={styles.thumb}>
      {/* eslint-disable-next-line @next/next/no-img-element -- tiny PNGs from our API */}
      <img
        src={datasetImageUrl(datasetKey, split, index)}
        alt={`${split} #${index}: ${caption}`}
        width={48}
        height={48}
        className={styles.pixelated}
        loading="lazy"
      />
      <figcaption>
        {caption}
        {where ? <span className={styles.thumbWhere}>{where}</span> : null}
      </figcaption>
    </figure>
  );
}
