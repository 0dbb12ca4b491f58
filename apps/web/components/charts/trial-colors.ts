/** How many series colours the theme defines (--color-chart-1 … in app/tokens.css, apart from each other and 3:1 on the surface in both themes). */
const PALETTE_SIZE = 10;

/** A trial's (or a compared run's) colour: a custom property, so it follows the theme wherever it is drawn (SVG attributes, swatches). */
export function trialColor(trialNumber: number): string {
  return `var(--color-chart-${String(((((trialNumber - 1) % PALETTE_SIZE) + PALETTE_SIZE) % PALETTE_SIZE) + 1)})`;
}
