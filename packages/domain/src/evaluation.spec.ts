import { EVALUATION_LIMITS, ZLogEvaluationRequest } from './evaluation';

const issues = (body: unknown) => {
  const result = ZLogEvaluationRequest.safeParse(body);
  return result.success ? [] : result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
};

describe('ZLogEvaluationRequest', () => {
  it('takes a square matrix of counts over distinct class names, the split defaulting to test', () => {
    expect(
      ZLogEvaluationRequest.parse({
        classNames: ['a', 'b'],
        confusionMatrix: [
          [2, 1],
          [0, 3],
        ],
      }),
    ).toEqual({
      classNames: ['a', 'b'],
      confusionMatrix: [
        [2, 1],
        [0, 3],
      ],
      split: 'test',
    });
  });

  it('names the row or the size that breaks squareness', () => {
    expect(issues({ classNames: ['a', 'b', 'c'], confusionMatrix: [[1, 0, 0]] })).toEqual([
      'confusionMatrix: has 1 rows but there are 3 class names: it must be 3×3',
    ]);
    expect(issues({ classNames: ['a', 'b'], confusionMatrix: [[1, 0], [1]] })).toEqual([
      'confusionMatrix.1: row 1 has 1 counts; the matrix must be 2×2',
    ]);
  });

  it('refuses negative and fractional counts, repeated names and more classes than the limit', () => {
    expect(
      issues({
        classNames: ['a', 'b'],
        confusionMatrix: [
          [1, -2],
          [0.5, 1],
        ],
      }),
    ).toEqual(['confusionMatrix.0.1: counts are never negative', 'confusionMatrix.1.0: counts are whole numbers']);
    expect(
      issues({
        classNames: ['a', 'a'],
        confusionMatrix: [
          [1, 0],
          [0, 1],
        ],
      }),
    ).toEqual(['classNames: class names must be distinct']);
    const n = EVALUATION_LIMITS.classes + 1;
    expect(issues({ classNames: Array.from({ length: n }, (_, i) => String(i)), confusionMatrix: [] })).toContain(
      `classNames: at most ${EVALUATION_LIMITS.classes} classes`,
    );
  });
});
