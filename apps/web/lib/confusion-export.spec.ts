import { confusionMatrixCsv, drawConfusionMatrix, exportFileName } from './confusion-export';

describe('confusion matrix export', () => {
  it('writes counts as CSV, true classes as rows, quoting names that need it', () => {
    expect(confusionMatrixCsv([[3, 1], [0, 4]], ['T-shirt/top', 'Bag, small'])).toBe(
      'true \\ predicted,T-shirt/top,"Bag, small"\nT-shirt/top,3,1\n"Bag, small",0,4\n',
    );
  });

  it('names files safely', () => {
    expect(exportFileName('confusion Sweep #3 validation', 'png')).toBe('confusion-sweep-3-validation.png');
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
    const size = drawConfusionMatrix(ctx, [[3, 1], [0, 4]], ['a', 'b'], { title: 'Trial 1', cell: 50 });
    expect(size).toEqual({ width: 130 + 100 + 16, height: 120 + 100 + 16 });
    expect(texts).toEqual(expect.arrayContaining(['Trial 1', '3', '75.0%', '1', '25.0%', '0', '0.0%', '4', '100.0%']));
  });
});
