import type { TDatasetMeanImages } from '@atelier/domain';
import { formatInteger } from '@/lib/format';
import { gray } from './pixel-colors';
import { PixelImage } from './pixel-image';
import styles from './datasets.module.css';
import chartStyles from '../charts/chart.module.css';

/**
 * The average train image of each class: what the classes look like "in general", and how
 * much they overlap (blurry means = varied classes; similar means = classes easy to confuse).
 */
export function MeanImageGrid({ means, size = 96 }: { means: TDatasetMeanImages; size?: number }) {
  return (
    <figure className={styles.figure} aria-label="Mean image per class">
      <ul className={styles.tiles} style={{ gridTemplateColumns: `repeat(auto-fill, minmax(${size + 8}px, 1fr))` }}>
        {means.classes.map((c) => (
          <li key={c.label} className={styles.tile}>
            <PixelImage
              values={c.pixels}
              width={means.width}
              height={means.height}
              color={gray}
              size={size}
              label={`Mean image of ${c.name}`}
            />
            <span className={styles.tileName}>{c.name}</span>
            <span className={styles.tileMeta}>{c.count > 0 ? `${formatInteger(c.count)} images` : 'no images'}</span>
          </li>
        ))}
      </ul>
      <figcaption className={chartStyles.key}>Pixel-wise mean of every {means.split} image of each class, 0 black to 1 white.</figcaption>
    </figure>
  );
}
