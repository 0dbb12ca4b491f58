/**
 * Classification metrics as pure functions on plain arrays, so the worker, the API, the SDK and the
 * web app compute the same numbers from the same stored predictions. Definitions follow
 * scikit-learn (classification_report with labels=range(numClasses), zero_division=0).
 */

export type LabelArray = ArrayLike<number>;

function assertSameLength(yTrue: LabelArray, yPred: LabelArray): void {
  if (yTrue.length !== yPred.length) {
    throw new RangeError(`yTrue has ${yTrue.length} labels but yPred has ${yPred.length}`);
  }
}

/** Fraction of predictions equal to the truth; 0 for empty input (nothing was right). */
export function accuracy(yTrue: LabelArray, yPred: LabelArray): number {
  assertSameLength(yTrue, yPred);
  if (yTrue.length === 0) return 0;
  let correct = 0;
  for (let i = 0; i < yTrue.length; i++) if (yTrue[i] === yPred[i]) correct++;
  return correct / yTrue.length;
}

/** counts[t][p]: rows are true classes, columns predicted classes. */
export function confusionMatrix(yTrue: LabelArray, yPred: LabelArray, numClasses: number): number[][] {
  assertSameLength(yTrue, yPred);
  const matrix = Array.from({ length: numClasses }, () => new Array<number>(numClasses).fill(0));
  for (let i = 0; i < yTrue.length; i++) {
    const t = yTrue[i] ?? Number.NaN;
    const p = yPred[i] ?? Number.NaN;
    const row = Number.isInteger(t) ? matrix[t] : undefined;
    if (row === undefined || !(Number.isInteger(p) && p >= 0 && p < numClasses)) {
      throw new RangeError(`label pair (${t}, ${p}) at index ${i} is outside 0..${numClasses - 1}`);
    }
    row[p] = cell(matrix, t, p) + 1;
  }
  return matrix;
}

export interface ClassScores {
  precision: number;
  recall: number;
  f1: number;
  /** Number of true instances of the class (row sum). */
  support: number;
}

export interface PerClassScores extends ClassScores {
  className: string;
}

export interface ClassificationReport {
  perClass: PerClassScores[];
  accuracy: number;
  macroAvg: ClassScores;
  weightedAvg: ClassScores;
}

const ratio = (num: number, den: number) => (den === 0 ? 0 : num / den);

/** matrix[r][c]; a cell outside the matrix is a bug of the caller's loop, not a zero. */
function cell(matrix: readonly (readonly number[])[], r: number, c: number): number {
  const value = matrix[r]?.[c];
  if (value === undefined) throw new RangeError(`no cell (${r}, ${c}) in a ${matrix.length}-row matrix`);
  return value;
}

function assertSquare(matrix: readonly (readonly number[])[], classNames: readonly string[]): void {
  if (matrix.length !== classNames.length || matrix.some((row) => row.length !== classNames.length)) {
    throw new RangeError(`confusion matrix must be ${classNames.length}×${classNames.length} to match the class names`);
  }
}

/**
 * Per-class precision, recall and F1 from a confusion matrix, with macro (unweighted mean over
 * classes) and weighted (by support) averages. Undefined ratios (no predictions, no support)
 * count as 0, as scikit-learn's zero_division default reports them.
 */
export function classificationReport(matrix: readonly (readonly number[])[], classNames: readonly string[]): ClassificationReport {
  assertSquare(matrix, classNames);
  const n = classNames.length;
  let total = 0;
  let correct = 0;
  const perClass: PerClassScores[] = classNames.map((className, c) => {
    const tp = cell(matrix, c, c);
    let support = 0;
    let predicted = 0;
    for (let k = 0; k < n; k++) {
      support += cell(matrix, c, k);
      predicted += cell(matrix, k, c);
    }
    total += support;
    correct += tp;
    const precision = ratio(tp, predicted);
    const recall = ratio(tp, support);
    // 2tp / (2tp + fp + fn) equals the harmonic mean when defined and is 0 when tp = 0.
    const f1 = ratio(2 * tp, predicted + support);
    return { className, precision, recall, f1, support };
  });
  const mean = (pick: (s: ClassScores) => number) =>
    ratio(
      perClass.reduce((sum, s) => sum + pick(s), 0),
      n,
    );
  const weighted = (pick: (s: ClassScores) => number) =>
    ratio(
      perClass.reduce((sum, s) => sum + pick(s) * s.support, 0),
      total,
    );
  return {
    perClass,
    accuracy: ratio(correct, total),
    macroAvg: { precision: mean((s) => s.precision), recall: mean((s) => s.recall), f1: mean((s) => s.f1), support: total },
    weightedAvg: {
      precision: weighted((s) => s.precision),
      recall: weighted((s) => s.recall),
      f1: weighted((s) => s.f1),
      support: total,
    },
  };
}

export interface Confusion {
  trueClass: string;
  predictedClass: string;
  count: number;
}

/**
 * The most frequent mistakes (off-diagonal cells with a count above 0), largest first; ties
 * by true class then predicted class index, so the list is stable.
 */
export function topConfusions(matrix: readonly (readonly number[])[], classNames: readonly string[], limit = 10): Confusion[] {
  assertSquare(matrix, classNames);
  const cells: { t: number; p: number; count: number }[] = [];
  matrix.forEach((row, t) =>
    row.forEach((count, p) => {
      if (t !== p && count > 0) cells.push({ t, p, count });
    }),
  );
  cells.sort((a, b) => b.count - a.count || a.t - b.t || a.p - b.p);
  const nameOf = (index: number) => classNames[index] ?? String(index); // assertSquare: every index has a name
  return cells.slice(0, limit).map(({ t, p, count }) => ({ trueClass: nameOf(t), predictedClass: nameOf(p), count }));
}

/** What Atelier stores of an evaluation, all read off its confusion matrix. */
export interface ConfusionMatrixScores extends ClassificationReport {
  topConfusions: Confusion[];
}

/** Accuracy, per-class precision/recall/F1 with their averages, and the largest confusions of a matrix. */
export function scoreConfusionMatrix(matrix: readonly (readonly number[])[], classNames: readonly string[]): ConfusionMatrixScores {
  return { ...classificationReport(matrix, classNames), topConfusions: topConfusions(matrix, classNames) };
}

/**
 * Python's format(x, '.Nf'): correctly rounded like toFixed, but exact ties go to the even
 * digit (0.125 → '0.12', where toFixed gives '0.13'). A double is exactly halfway between two
 * N-digit decimals only if x·2^(N+1) is an odd integer (halves of 10^-N are k·5^N / 2^(N+1)),
 * and that product is exact in floating point, so the test is exact.
 */
export function formatFixed(x: number, digits: number): string {
  const scaledByTwo = x * 2 ** (digits + 1);
  if (Number.isInteger(scaledByTwo) && Math.abs(scaledByTwo) % 2 === 1) {
    const lower = Math.floor(x * 10 ** digits);
    const even = lower % 2 === 0 ? lower : lower + 1;
    return (even / 10 ** digits).toFixed(digits);
  }
  return x.toFixed(digits);
}

/**
 * The text layout of scikit-learn's classification_report (digits=2 by default), so a report
 * pasted next to a Python one lines up column for column.
 */
export function formatClassificationReport(report: ClassificationReport, options: { digits?: number } = {}): string {
  const digits = options.digits ?? 2;
  const headers = ['precision', 'recall', 'f1-score', 'support'];
  const lastHeading = 'weighted avg';
  const width = Math.max(...report.perClass.map((c) => c.className.length), lastHeading.length, digits);
  const right = (s: string, w: number) => s.padStart(w);
  const row = (name: string, s: ClassScores) =>
    `${right(name, width)} ` +
    [s.precision, s.recall, s.f1].map((v) => ` ${right(formatFixed(v, digits), 9)}`).join('') +
    ` ${right(String(s.support), 9)}\n`;
  let text = `${right('', width)} ${headers.map((h) => ` ${right(h, 9)}`).join('')}\n\n`;
  for (const c of report.perClass) text += row(c.className, c);
  text += '\n';
  text += `${right('accuracy', width)} ${` ${right('', 9)}`.repeat(2)} ${right(formatFixed(report.accuracy, digits), 9)} ${right(String(report.macroAvg.support), 9)}\n`;
  text += row('macro avg', report.macroAvg);
  text += row(lastHeading, report.weightedAvg);
  return text;
}
