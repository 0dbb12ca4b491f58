import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { encodeIdx } from './idx-reader';
import { createRandom } from './random';
import type { ImageSet } from './types';

/**
 * Test data factory: small, seeded ImageSets and temp directories, so specs never need the
 * real datasets (only the one spec that checks them reads /work/shared).
 */
export function makeImageSet(options: {
  labels: readonly number[];
  height?: number;
  width?: number;
  seed?: number;
  /** Pixel generator; default seeded noise. */
  pixel?: (index: number, p: number, label: number) => number;
}): ImageSet {
  const height = options.height ?? 4;
  const width = options.width ?? 4;
  const pixels = height * width;
  const random = createRandom(options.seed ?? 1);
  const count = options.labels.length;
  const images = new Uint8Array(count * pixels);
  for (let i = 0; i < count; i++) {
    for (let p = 0; p < pixels; p++) {
      images[i * pixels + p] = options.pixel ? options.pixel(i, p, options.labels[i]!) : random.nextInt(256);
    }
  }
  return { images, labels: Uint8Array.from(options.labels), count, height, width, channels: 1 };
}

/** Labels 0..numClasses-1 repeated `perClass` times, class-interleaved. */
export function balancedLabels(numClasses: number, perClass: number): number[] {
  return Array.from({ length: numClasses * perClass }, (_, i) => i % numClasses);
}

export function idxImagesBytes(set: ImageSet): Uint8Array {
  return encodeIdx([set.count, set.height, set.width], set.images);
}

export function idxLabelsBytes(set: ImageSet): Uint8Array {
  return encodeIdx([set.count], set.labels);
}

export interface TempDir {
  dir: string;
  write(name: string, content: Uint8Array | string, options?: { gzip?: boolean }): string;
  remove(): void;
}

export function makeTempDir(prefix = 'atelier-data-'): TempDir {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  return {
    dir,
    write(name, content, options = {}) {
      const file = path.join(dir, name);
      const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
      writeFileSync(file, options.gzip ? gzipSync(bytes) : bytes);
      return file;
    },
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}
