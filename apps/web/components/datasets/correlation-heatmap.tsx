'use client';

import type { TDatasetCorrelation } from '@atelier/domain';
import { useState } from 'react';
import { formatNumber, formatTick } from '@/lib/format';
import { viridis } from './pixel-colors';
import { PixelImage } from './pixel-image';
import styles from './datasets.module.css';
import chartStyles from '../charts/chart.module.css';

const LEGEND_STOPS = [0, 0.25, 0.5, 0.75, 1];

/**
 * Where the label lives in the image: η (correlation ratio) of each pixel with the class, on
 * a fixed 0–1 scale so two datasets' maps can be compared. Hover a pixel for its value.
 */
export function CorrelationHeatmap({ map, size = 280 }: { map: TDatasetCorrelation; size?: number }) {
  const [hover, setHover] = useState<{ x: number; y: number } | null>(null);
  const value = hover ? map.values[hover.y * map.width + hover.x] : undefined;
  const peak = map.values.indexOf(map.max);

  const onMove = (event: React.MouseEvent<HTMLDivElement>) => {
    const box = event.currentTarget.getBoundingClientRect();
    if (box.width === 0 || box.height === 0) return;
    const x = Math.floor(((event.clientX - box.left) / box.width) * map.width);
    const y = Math.floor(((event.clientY - box.top) / box.height) * map.height);
    setHover(x >= 0 && y >= 0 && x < map.width && y < map.height ? { x, y } : null);
  };

  return (
    <figure className={styles.figure} aria-label="Pixel–label correlation">
      <div className={styles.heatmapRow}>
        <div onMouseMove={onMove} onMouseLeave={() => setHover(null)} style={{ width: size }}>
          <PixelImage
            values={map.values}
            width={map.width}
            height={map.height}
            color={viridis}
            size={size}
            label="Correlation ratio of each pixel with the class"
          >
            {hover ? <rect x={hover.x} y={hover.y} width={1} height={1} className={styles.hoverCell} /> : null}
          </PixelImage>
        </div>
        <div className={styles.legend} aria-hidden="true">
          <div
            className={styles.legendBar}
            style={{ height: size, background: `linear-gradient(to top, ${LEGEND_STOPS.map((s) => viridis(s)).join(', ')})` }}
          />
          <div className={styles.legendTicks} style={{ height: size }}>
            {[...LEGEND_STOPS].reverse().map((s) => (
              <span key={s}>{formatTick(s)}</span>
            ))}
          </div>
        </div>
      </div>
      <p className={styles.readout} aria-live="polite" data-testid="correlation-readout">
        {hover && value !== undefined
          ? `Row ${hover.y + 1}, column ${hover.x + 1}: η = ${formatNumber(value)}`
          : `Strongest: η = ${formatNumber(map.max)} at row ${Math.floor(peak / map.width) + 1}, column ${(peak % map.width) + 1}`}
      </p>
      <figcaption className={chartStyles.key}>
        Correlation ratio η between each pixel’s intensity and the class ({map.split} split): 0 where every class has the same mean, 1 where
        the pixel alone determines the class. η rather than Pearson’s r because class numbers are categories, not quantities.
      </figcaption>
    </figure>
  );
}
