import { toCsv } from '@atelier/domain/csv';
import { fileStem } from '@atelier/domain/file-name';
import { rowNormalize } from '@/lib/compare';
import { formatPercent } from '@/lib/format';
import { axisLabel, matrixLayout } from './matrix-layout';

/** Confusion matrices as files: CSV (counts, rows = true class) and PNG (a canvas drawing of the heatmap). */

export function confusionMatrixCsv(matrix: readonly (readonly number[])[], classNames: readonly string[]): string {
  // class names are user input: the shared writer quotes them and guards them against formulas
  return toCsv([['true \\ predicted', ...classNames], ...matrix.map((row, i) => [classNames[i] ?? String(i), ...row])]);
}

/** File name safe on every OS, by the API's rule for its downloads: "confusion-trial-3-validation.csv". */
export function exportFileName(base: string, extension: 'csv' | 'png'): string {
  return `${fileStem(base, 'confusion-matrix')}.${extension}`;
}

/**
 * Draws the heatmap (counts and row percentages) on a 2D context. Separate from the canvas
 * so the drawing can be checked with a recording context in tests.
 */
export function drawConfusionMatrix(
  ctx: Pick<CanvasRenderingContext2D, 'fillRect' | 'fillText' | 'save' | 'restore' | 'translate' | 'rotate'> & {
    fillStyle: CanvasRenderingContext2D['fillStyle'];
    font: string;
    textAlign: CanvasTextAlign;
  },
  matrix: readonly (readonly number[])[],
  classNames: readonly string[],
  options: { title: string; cell?: number },
): { width: number; height: number } {
  const cell = options.cell ?? 56;
  // the same room for the names as on the page: the last column's name runs past the grid
  const { left, top, width, height, columnLabelY } = matrixLayout(classNames, { cell, fontSize: 12, header: 52, axisTitle: 12 });
  const n = classNames.length;
  const shares = rowNormalize(matrix);
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, width, height);
  ctx.fillStyle = '#1b1f24';
  ctx.font = '600 15px sans-serif';
  ctx.textAlign = 'left';
  ctx.fillText(options.title, 12, 22);
  ctx.font = '12px sans-serif';
  ctx.fillStyle = '#59636e';
  ctx.textAlign = 'center';
  ctx.fillText('Predicted class', left + (n * cell) / 2, 44);
  ctx.textAlign = 'right';
  classNames.forEach((name, i) => {
    ctx.fillStyle = '#1b1f24';
    ctx.fillText(axisLabel(name), left - 6, top + i * cell + cell / 2 + 4);
    ctx.save();
    ctx.translate(left + i * cell + cell / 2, columnLabelY);
    ctx.rotate(-Math.PI / 4);
    ctx.textAlign = 'left';
    ctx.fillText(axisLabel(name), 0, 0);
    ctx.restore();
    ctx.textAlign = 'right';
  });
  ctx.textAlign = 'center';
  matrix.forEach((row, i) =>
    row.forEach((count, j) => {
      const share = shares[i]?.[j] ?? 0;
      const mix = (from: number, to: number) => Math.round(from + (to - from) * share);
      ctx.fillStyle = `rgb(${mix(246, 35)}, ${mix(248, 76)}, ${mix(252, 178)})`;
      ctx.fillRect(left + j * cell, top + i * cell, cell - 1, cell - 1);
      ctx.fillStyle = share > 0.55 ? '#ffffff' : '#1b1f24';
      ctx.font = '600 13px sans-serif';
      ctx.fillText(String(count), left + j * cell + cell / 2, top + i * cell + cell / 2);
      ctx.font = '10px sans-serif';
      ctx.fillText(formatPercent(share), left + j * cell + cell / 2, top + i * cell + cell / 2 + 14);
    }),
  );
  return { width, height };
}

/** Starts a download of a Blob in the browser. */
export function downloadBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export async function confusionMatrixPng(
  matrix: readonly (readonly number[])[],
  classNames: readonly string[],
  title: string,
): Promise<Blob> {
  const probe = document.createElement('canvas');
  const size = drawConfusionMatrix(recorder(), matrix, classNames, { title });
  probe.width = size.width * 2;
  probe.height = size.height * 2;
  const ctx = probe.getContext('2d');
  if (!ctx) throw new Error('this browser cannot draw on a canvas');
  ctx.scale(2, 2);
  drawConfusionMatrix(ctx, matrix, classNames, { title });
  return new Promise((resolve, reject) =>
    probe.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('the canvas gave no PNG'))), 'image/png'),
  );
}

/** A context that draws nothing: measures the drawing's size before the canvas exists. */
function recorder() {
  const noop = () => undefined;
  return {
    fillRect: noop,
    fillText: noop,
    save: noop,
    restore: noop,
    translate: noop,
    rotate: noop,
    fillStyle: '',
    font: '',
    textAlign: 'left' as CanvasTextAlign,
  };
}
