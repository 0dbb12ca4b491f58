import type { ReactNode } from 'react';
import styles from './datasets.module.css';

export interface PixelImageProps {
  /** height × width values, row-major. */
  values: readonly number[];
  width: number;
  height: number;
  /** value → CSS colour. */
  color: (value: number) => string;
  /** Rendered width in CSS pixels; the height keeps the aspect ratio. */
  size: number;
  label: string;
  children?: ReactNode;
}

/**
 * A small image drawn as SVG rectangles, one per pixel: crisp at any zoom, printable, and
 * testable in jsdom (a canvas is not). Pixels of the background colour are not drawn, which
 * for dataset images (mostly black borders) saves most of the elements.
 */
export function PixelImage({ values, width, height, color, size, label, children }: PixelImageProps) {
  const background = color(0);
  const cells: ReactNode[] = [];
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const fill = color(values[y * width + x] ?? 0);
      if (fill !== background) cells.push(<rect key={y * width + x} x={x} y={y} width={1.02} height={1.02} fill={fill} />);
    }
  }
  return (
    <svg
      role="img"
      aria-label={label}
      viewBox={`0 0 ${width} ${height}`}
      width={size}
      height={(size * height) / width}
      shapeRendering="crispEdges"
      className={styles.pixelImage}
    >
      <rect width={width} height={height} fill={background} />
      {cells}
      {children}
    </svg>
  );
}
