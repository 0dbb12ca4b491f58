/**
 * Room for a confusion matrix's class names, shared by the SVG heatmap and its PNG export:
 * column names are written at -45° from the top of their column, so the longest one sets how
 * far the drawing must reach up and to the right (the last column's name runs past the grid).
 */

/**
 * Upper bound of a sans-serif glyph's advance, in em: most letters are 0.5–0.6 em, capitals
 * and m/w up to 0.85, so 0.62 per character over a whole name holds for real class names
 * ("T-shirt/top", "Ankle boot") without measuring text, which the server render cannot do.
 */
const EM_PER_CHAR = 0.62;
/** Longer names are cut with an ellipsis on the axes; the full name is in the label's title. */
export const MAX_LABEL_CHARS = 20;
const GAP = 6;

export function axisLabel(name: string): string {
  return name.length > MAX_LABEL_CHARS ? `${name.slice(0, MAX_LABEL_CHARS - 1)}…` : name;
}

export function labelWidth(text: string, fontSize: number): number {
  return text.length * EM_PER_CHAR * fontSize;
}

export interface MatrixLayout {
  /** Left edge of the grid (row names and the axis title to its left). */
  left: number;
  /** Top edge of the grid (the header and the rotated column names above it). */
  top: number;
  width: number;
  height: number;
  /** Where a column name starts: just above its column's centre. */
  columnLabelY: number;
}

export function matrixLayout(
  classNames: readonly string[],
  options: { cell: number; fontSize: number; header: number; axisTitle: number },
): MatrixLayout {
  const { cell, fontSize, header, axisTitle } = options;
  const longest = Math.max(0, ...classNames.map((name) => labelWidth(axisLabel(name), fontSize)));
  // at -45° a name of width w climbs w·√½ and runs as far right; its glyphs stand fontSize above the baseline
  const rise = longest * Math.SQRT1_2 + fontSize * Math.SQRT1_2;
  const top = header + rise + GAP;
  const left = axisTitle + longest + GAP;
  const right = Math.max(GAP + 2, rise - cell / 2 + GAP);
  const n = classNames.length;
  return { left, top, width: left + n * cell + right, height: top + n * cell + GAP + 2, columnLabelY: top - GAP };
}
