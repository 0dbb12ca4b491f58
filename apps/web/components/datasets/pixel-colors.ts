/**
 * Colours for pixel maps. Mean images are grayscale like the data; the correlation map uses
 * viridis (perceptually uniform, readable in grayscale and by colour-blind readers), the
 * colour map optuna-dashboard and matplotlib default to.
 */

/** viridis at 9 evenly spaced stops, from matplotlib's table. */
const VIRIDIS: readonly (readonly [number, number, number])[] = [
  [68, 1, 84],
  [71, 44, 122],
  [59, 81, 139],
  [44, 113, 142],
  [33, 144, 141],
  [39, 173, 129],
  [92, 200, 99],
  [170, 220, 50],
  [253, 231, 37],
];

function stop(index: number): readonly [number, number, number] {
  const rgb = VIRIDIS[index];
  if (!rgb) throw new RangeError(`viridis has no stop ${index}`);
  return rgb;
}

function hex(r: number, g: number, b: number): string {
  return `#${[r, g, b]
    .map((c) =>
      Math.round(Math.min(255, Math.max(0, c)))
        .toString(16)
        .padStart(2, '0'),
    )
    .join('')}`;
}

/** t in [0,1] (clamped) → viridis colour, linearly interpolated between stops. */
export function viridis(t: number): string {
  const x = Number.isFinite(t) ? Math.min(1, Math.max(0, t)) : 0;
  const position = x * (VIRIDIS.length - 1);
  const i = Math.min(VIRIDIS.length - 2, Math.floor(position));
  const f = position - i;
  const [a, b] = [stop(i), stop(i + 1)];
  return hex(a[0] + (b[0] - a[0]) * f, a[1] + (b[1] - a[1]) * f, a[2] + (b[2] - a[2]) * f);
}

/** Intensity in [0,1] → gray, 0 black as in the datasets themselves. */
export function gray(t: number): string {
  const v = Number.isFinite(t) ? Math.min(1, Math.max(0, t)) * 255 : 0;
  return hex(v, v, v);
}
