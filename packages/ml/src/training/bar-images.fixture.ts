import { createRandom } from '../data/random';
import type { ImageSet } from '../data/types';

/**
 * A learnable synthetic set for unit tests: class k draws a bright horizontal bar in band k
 * of the image over uniform noise, so a tiny model separates the classes within an epoch or two
 * and the tests stay fast on the cpu backend.
 */
export function makeBarImages(options: { count: number; numClasses: number; size?: number; seed: number }): ImageSet {
  const { count, numClasses, seed } = options;
  const size = options.size ?? 28;
  const random = createRandom(seed);
  const images = new Uint8Array(count * size * size);
  const labels = new Uint8Array(count);
  const band = Math.floor(size / numClasses);
  for (let i = 0; i < count; i++) {
    const label = i % numClasses;
    labels[i] = label;
    const row = label * band + random.nextInt(Math.max(1, band - 2));
    for (let p = 0; p < size * size; p++) images[i * size * size + p] = random.nextInt(90);
    for (let x = 0; x < size; x++) {
      images[i * size * size + row * size + x] = 200 + random.nextInt(56);
      images[i * size * size + (row + 1) * size + x] = 200 + random.nextInt(56);
    }
  }
  return { images, labels, count, height: size, width: size, channels: 1 };
}
