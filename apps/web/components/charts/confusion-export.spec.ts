import { confusionMatrixCsv, drawConfusionMatrix, exportFileName } from './confusion-export';
import { labelWidth, matrixLayout } from './matrix-layout';

describe('confusion matrix export', () => {
  it('writes counts as RFC 4180 CSV, true classes as rows, quoting names that need it', () => {
    expect(
      confusionMatrixCsv(
        [
          [3, 1],
          [0, 4],
        ],
        ['T-shirt/top', 'Bag, small'],
      ),
    ).toBe('true \\ predicted,T-shirt/top,"Bag, small"\r\nT-shirt/top,3,1\r\n"Bag, small",0,4\r\n');
  });

  it('keeps a class name a spreadsheet would run as a formula as text', () => {
    expect(
      confusionMatrixCsv(
        [
          [1, 0],
          [0, 1],
        ],
        ['=HYPERLINK("http://x")', '-1'],
      ).split('\r\n'),
    ).toEqual([`true \\ predicted,"'=HYPERLINK(""http://x"")",-1`, `"'=HYPERLINK(""http://x"")",1,0`, '-1,0,1', '']);
  });

  it('names files safely', () => {
    expect(exportFileName('confusion Sweep #3 validation', 'png')).toBe('confusion-sweep-3-validation.png');
    expect(exportFileName('confusion Étude «données»', 'csv')).toBe('confusion-etude-donnees.csv');
    expect(exportFileName('***', 'csv')).toBe('confusion-matrix.csv');
  });

  it('draws every count and row percentage on the canvas', () => {
    const texts: string[] = [];
    const ctx = {
      fillRect: () => undefined,
      fillText: (text: string) => void texts.push(text),
      save: () => undefined,
      restore: () => undefined,
      translate: () => undefined,
      rotate: () => undefined,
      fillStyle: '',
      font: '',
      textAlign: 'left' as CanvasTextAlign,
    };
    const size = drawConfusionMatrix(
      ctx,
      [
        [3, 1],
        [0, 4],
      ],
      ['a', 'b'],
      { title: 'Trial 1', cell: 50 },
    );
    expect(size.width).toBe(matrixLayout(['a', 'b'], { cell: 50, fontSize: 12, header: 52, axisTitle: 12 }).width);
    expect(size.height).toBeGreaterThan(0);
    expect(texts).toEqual(expect.arrayContaining(['Trial 1', '3', '75.0%', '1', '25.0%', '0', '0%', '4', '100%']));
  });

  it("leaves room for the longest class name's rotated label right of the last column", () => {
    // where each rotated column name starts: the drawing translates there before rotating
    const anchors: [number, number][] = [];
    const ctx = {
      fillRect: () => undefined,
      fillText: () => undefined,
      save: () => undefined,
      restore: () => undefined,
      translate: (x: number, y: number) => void anchors.push([x, y]),
      rotate: () => undefined,
      fillStyle: '',
      font: '',
      textAlign: 'left' as CanvasTextAlign,
    };
    const names = ['T-shirt/top', 'Trouser', 'Pullover', 'Dress', 'Coat', 'Sandal', 'Shirt', 'Sneaker', 'Bag', 'Ankle boot'];
    const { width } = drawConfusionMatrix(
      ctx,
      names.map(() => names.map(() => 1)),
      names,
      { title: 't', cell: 56 },
    );
    const run = (name: string) => labelWidth(name, 12) * Math.SQRT1_2;
    names.forEach((name, i) => {
      const [x, y] = anchors[i]!;
      expect(x + run(name)).toBeLessThanOrEqual(width);
      // below the title and the "Predicted class" line
      expect(y - run(name)).toBeGreaterThanOrEqual(48);
    });
  });
});
