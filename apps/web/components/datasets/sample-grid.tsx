import type { TDatasetSamples } from '@atelier/domain';
import { datasetImageUrl } from '@/lib/datasets-client';
import styles from './datasets.module.css';

/** Images with their labels; each links to nothing, the point is to look at the data. */
export function SampleGrid({ datasetKey, samples, size = 84 }: { datasetKey: string; samples: TDatasetSamples; size?: number }) {
  if (samples.items.length === 0) {
    return <p className="muted">This split has no images.</p>;
  }
  return (
    <ul className={styles.tiles} style={{ gridTemplateColumns: `repeat(auto-fill, minmax(${size + 8}px, 1fr))` }} data-testid="sample-grid">
      {samples.items.map((item) => (
        <li
          key={`${samples.split}-${item.index}`}
          className={styles.tile}
          title={`${samples.split} image #${item.index}, label ${item.label}`}
        >
          {/* eslint-disable-next-line @next/next/no-img-element -- 28×28 PNGs from our API; next/image would only resize them */}
          <img
            src={datasetImageUrl(datasetKey, samples.split, item.index)}
            alt={`${item.className} (${samples.split} #${item.index})`}
            width={size}
            height={size}
            className={styles.pixelated}
            loading="lazy"
          />
          <span className={styles.tileName} data-testid="sample-label">
            {item.className}
          </span>
          <span className={styles.tileMeta}>#{item.index}</span>
        </li>
      ))}
    </ul>
  );
}
