import {
  accuracy,
  classificationReport,
  confusionMatrix,
  formatClassificationReport,
  scoreConfusionMatrix,
  formatFixed,
  topConfusions,
} from './classification';

/*
 * Hand-computed 3-class fixture (classes cat=0, dog=1, bird=2):
 *   yTrue = 0 0 0 1 1 2 2 2 2 2     support: cat 3, dog 2, bird 5
 *   yPred = 0 1 0 1 2 2 2 0 2 1
 * Confusion matrix (rows true, cols predicted):
 *   cat  [2 1 0]    column sums (predicted): 3 3 4
 *   dog  [0 1 1]
 *   bird [1 1 3]
 * precision = tp/col: cat 2/3, dog 1/3, bird 3/4
 * recall    = tp/row: cat 2/3, dog 1/2, bird 3/5
 * f1 = 2tp/(col+row): cat 4/6, dog 2/5, bird 6/9
 * accuracy = (2+1+3)/10 = 0.6
 * macro     p = (2/3+1/3+3/4)/3 = 7/12      r = (2/3+1/2+3/5)/3 = 53/90   f1 = (2/3+2/5+2/3)/3 = 26/45
 * weighted  p = (3·2/3+2·1/3+5·3/4)/10 = 77/120   r = 0.6   f1 = (3·2/3+2·2/5+5·2/3)/10 = 46/75
 */
const Y_TRUE = [0, 0, 0, 1, 1, 2, 2, 2, 2, 2];
const Y_PRED = [0, 1, 0, 1, 2, 2, 2, 0, 2, 1];
const NAMES = ['cat', 'dog', 'bird'];

describe('classification metrics', () => {
  it('accuracy', () => {
    expect(accuracy(Y_TRUE, Y_PRED)).toBeCloseTo(0.6, 12);
    expect(accuracy(Uint8Array.from([1, 2]), Uint8Array.from([1, 2]))).toBe(1);
    expect(accuracy([], [])).toBe(0);
    expect(() => accuracy([1], [1, 2])).toThrow(/1 labels but yPred has 2/);
  });

  it('confusionMatrix: rows true, columns predicted', () => {
    expect(confusionMatrix(Y_TRUE, Y_PRED, 3)).toEqual([
      [2, 1, 0],
      [0, 1, 1],
      [1, 1, 3],
    ]);
    expect(() => confusionMatrix([0, 3], [0, 1], 3)).toThrow(/\(3, 1\) at index 1/);
  });

  it('classificationReport equals the hand-computed values', () => {
    const report = classificationReport(confusionMatrix(Y_TRUE, Y_PRED, 3), NAMES);
    const expected = [
      { className: 'cat', precision: 2 / 3, recall: 2 / 3, f1: 4 / 6, support: 3 },
      { className: 'dog', precision: 1 / 3, recall: 1 / 2, f1: 2 / 5, support: 2 },
      { className: 'bird', precision: 3 / 4, recall: 3 / 5, f1: 6 / 9, support: 5 },
    ];
    report.perClass.forEach((row, c) => {
      const want = expected[c]!;
      expect(row.className).toBe(want.className);
      expect(row.support).toBe(want.support);
      expect(row.precision).toBeCloseTo(want.precision, 12);
      expect(row.recall).toBeCloseTo(want.recall, 12);
      expect(row.f1).toBeCloseTo(want.f1, 12);
    });
    expect(report.accuracy).toBeCloseTo(0.6, 12);
    expect(report.macroAvg.precision).toBeCloseTo(7 / 12, 12);
    expect(report.macroAvg.recall).toBeCloseTo(53 / 90, 12);
    expect(report.macroAvg.f1).toBeCloseTo(26 / 45, 12);
    expect(report.macroAvg.support).toBe(10);
    expect(report.weightedAvg.precision).toBeCloseTo(77 / 120, 12);
    expect(report.weightedAvg.recall).toBeCloseTo(0.6, 12);
    expect(report.weightedAvg.f1).toBeCloseTo(46 / 75, 12);
    expect(report.weightedAvg.support).toBe(10);
  });

  it('zero division counts as 0 (a class never predicted and never present)', () => {
    // Class 2 has no support and no predictions; class 1 is never predicted.
    const report = classificationReport(confusionMatrix([0, 0, 1], [0, 0, 0], 3), ['a', 'b', 'c']);
    expect(report.perClass[1]).toMatchObject({ precision: 0, recall: 0, f1: 0, support: 1 });
    expect(report.perClass[2]).toMatchObject({ precision: 0, recall: 0, f1: 0, support: 0 });
    // a: p = 2/3, r = 1, f1 = 4/5; macro over all 3 classes as sklearn with labels=[0,1,2].
    expect(report.macroAvg.precision).toBeCloseTo(2 / 9, 12);
    expect(report.macroAvg.f1).toBeCloseTo(4 / 15, 12);
    expect(report.weightedAvg.recall).toBeCloseTo(2 / 3, 12);
    expect(classificationReport([[0]], ['only']).accuracy).toBe(0);
  });

  it('topConfusions: off-diagonal only, largest first, stable ties, limited', () => {
    const matrix = [
      [50, 7, 0],
      [2, 40, 7],
      [9, 0, 30],
    ];
    expect(topConfusions(matrix, NAMES, 3)).toEqual([
      { trueClass: 'bird', predictedClass: 'cat', count: 9 },
      { trueClass: 'cat', predictedClass: 'dog', count: 7 },
      { trueClass: 'dog', predictedClass: 'bird', count: 7 },
    ]);
    expect(topConfusions(matrix, NAMES)).toHaveLength(4);
    expect(
      topConfusions(
        [
          [3, 0],
          [0, 4],
        ],
        ['x', 'y'],
      ),
    ).toEqual([]);
  });

  it("formats like scikit-learn's classification_report (strings produced by sklearn's own format code)", () => {
    const report = classificationReport(confusionMatrix(Y_TRUE, Y_PRED, 3), NAMES);
    expect(formatClassificationReport(report)).toBe(
      '              precision    recall  f1-score   support\n\n' +
        '         cat       0.67      0.67      0.67         3\n' +
        '         dog       0.33      0.50      0.40         2\n' +
        '        bird       0.75      0.60      0.67         5\n\n' +
        '    accuracy                           0.60        10\n' +
        '   macro avg       0.58      0.59      0.58        10\n' +
        'weighted avg       0.64      0.60      0.61        10\n',
    );
    expect(formatClassificationReport(report, { digits: 4 })).toContain('   macro avg     0.5833    0.5889    0.5778        10\n');
  });

  it("formatFixed rounds exact ties to even like Python's format", () => {
    expect([0.125, 0.375, 0.625, 0.875, 0.005, 1.005, 2.675, 0.6666].map((x) => formatFixed(x, 2))).toEqual([
      '0.12',
      '0.38',
      '0.62',
      '0.88',
      '0.01',
      '1.00',
      '2.67',
      '0.67',
    ]);
  });
});

describe('scoreConfusionMatrix', () => {
  it('is the classification report with the largest confusions', () => {
    const matrix = [
      [5, 1, 0],
      [2, 3, 0],
      [0, 0, 4],
    ];
    const names = ['a', 'b', 'c'];
    const scores = scoreConfusionMatrix(matrix, names);
    expect(scores.accuracy).toBeCloseTo(12 / 15);
    expect(scores.topConfusions).toEqual([
      { trueClass: 'b', predictedClass: 'a', count: 2 },
      { trueClass: 'a', predictedClass: 'b', count: 1 },
    ]);
    expect(scores).toMatchObject(classificationReport(matrix, names));
  });
});
