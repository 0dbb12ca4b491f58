import { render, screen } from '@testing-library/react';
import { matrixDifference } from '@/lib/compare';
import { CLASSES } from '../../test/fixtures/compare';
import { FASHION_CLASSES } from '../../test/fixtures/experiment';
import { labelWidth } from './matrix-layout';
import { ConfusionDifference, ConfusionMatrix, HEAT_INK_FLIP } from './confusion-matrix';

const matrix = [
  [8, 1, 1],
  [0, 10, 0],
  [3, 0, 7],
];

function cells(container: HTMLElement, testId: string) {
  return Array.from(container.querySelectorAll(`[data-testid="${testId}"]`));
}

describe('ConfusionMatrix', () => {
  it('draws one cell per class pair with its count and its share of the row', () => {
    const { container } = render(<ConfusionMatrix matrix={matrix} classNames={CLASSES} label="Confusion matrix, trial 1" />);
    const all = cells(container, 'confusion-cell');
    expect(all).toHaveLength(9);
    const cell = (i: number, j: number) =>
      all.find((c) => c.getAttribute('data-true') === String(i) && c.getAttribute('data-predicted') === String(j))!;
    expect(Array.from(cell(0, 0).querySelectorAll('text')).map((t) => t.textContent)).toEqual(['8', '80.0%']);
    expect(Array.from(cell(2, 0).querySelectorAll('text')).map((t) => t.textContent)).toEqual(['3', '30.0%']);
    expect(Array.from(cell(1, 1).querySelectorAll('text')).map((t) => t.textContent)).toEqual(['10', '100%']);
    expect(cell(2, 0).querySelector('title')?.textContent).toBe('true Pullover, predicted T-shirt/top: 3 (30% of the row)');
    expect(screen.getByRole('img', { name: 'Confusion matrix, trial 1' })).toBeTruthy();
    // class names on both axes, each with its full name on hover
    expect(screen.getAllByText('Trouser', { selector: 'text' })).toHaveLength(2);
    expect(screen.getAllByText('Trouser', { selector: 'title' })).toHaveLength(2);
  });

  it("colours a cell by its share of the row on the theme's heat scale, its text inked for contrast past the flip point", () => {
    const { container } = render(<ConfusionMatrix matrix={matrix} classNames={CLASSES} label="m" />);
    const cellOf = (i: number, j: number) => container.querySelector(`[data-true="${i}"][data-predicted="${j}"]`)!;
    const fill = (i: number, j: number) => cellOf(i, j).querySelector('rect')!.getAttribute('fill');
    const ink = (i: number, j: number) => Array.from(cellOf(i, j).querySelectorAll('text')).map((t) => t.getAttribute('fill'));
    expect(fill(1, 1)).toBe('color-mix(in srgb, var(--chart-heat-high) 100%, var(--chart-heat-low))');
    expect(fill(1, 0)).toBe('color-mix(in srgb, var(--chart-heat-high) 0%, var(--chart-heat-low))');
    expect(fill(0, 0)).toBe('color-mix(in srgb, var(--chart-heat-high) 80%, var(--chart-heat-low))');
    // 80% is past the flip point (0.7), 70% is not: below it a cell is too light for the high-end ink
    expect(HEAT_INK_FLIP).toBe(0.7);
    expect(ink(0, 0)).toEqual(['var(--chart-heat-ink-high)', 'var(--chart-heat-ink-high)']);
    expect(ink(2, 2)).toEqual(['var(--chart-heat-ink-low)', 'var(--chart-heat-ink-low)']);
  });
});

describe('ConfusionDifference', () => {
  it('shows A − B of the row shares in percentage points', () => {
    const b = [
      [6, 2, 2],
      [0, 10, 0],
      [1, 0, 9],
    ];
    const { container } = render(<ConfusionDifference difference={matrixDifference(matrix, b)} classNames={CLASSES} label="A minus B" />);
    const texts = cells(container, 'difference-cell').map((c) => c.querySelector('text')!.textContent);
    expect(texts).toEqual(['+20.0', '-10.0', '-10.0', '0', '0', '0', '+20.0', '0', '-20.0']);
  });
});

describe('confusion matrix labels', () => {
  const fashion = FASHION_CLASSES.map((_, i) => FASHION_CLASSES.map((__, j) => (i === j ? 90 : 1)));

  /** The corners of a label's box from its attributes: start point, width along the text, rotation. */
  function extent(text: Element) {
    const x = Number(text.getAttribute('x'));
    const y = Number(text.getAttribute('y'));
    const width = labelWidth(text.textContent, Number(text.getAttribute('font-size')));
    const rotated = (text.getAttribute('transform') ?? '').startsWith('rotate(-45');
    const anchorEnd = text.getAttribute('text-anchor') === 'end';
    if (rotated) return { minX: x, maxX: x + width * Math.SQRT1_2, minY: y - width * Math.SQRT1_2 };
    return { minX: anchorEnd ? x - width : x, maxX: anchorEnd ? x : x + width, minY: y - 10 };
  }

  it.each([
    ['matrix', (names: string[]) => <ConfusionMatrix matrix={fashion} classNames={names} label="m" cellSize={40} />],
    [
      'difference',
      (names: string[]) => (
        <ConfusionDifference difference={matrixDifference(fashion, fashion)} classNames={names} label="d" cellSize={46} />
      ),
    ],
  ])("fits every Fashion-MNIST class name in full inside the %s's drawing", (_kind, draw) => {
    const { container } = render(draw([...FASHION_CLASSES]));
    const [, , width] = container.querySelector('svg')!.getAttribute('viewBox')!.split(' ').map(Number);
    const columns = Array.from(container.querySelectorAll('text.confusion__col-label'));
    const rows = Array.from(container.querySelectorAll('text.confusion__row-label'));
    expect(columns.map((t) => t.textContent)).toEqual([...FASHION_CLASSES]);
    expect(rows.map((t) => t.textContent)).toEqual([...FASHION_CLASSES]);
    for (const label of [...columns, ...rows]) {
      const box = extent(label);
      expect(box.minX).toBeGreaterThanOrEqual(0);
      expect(box.maxX).toBeLessThanOrEqual(width!);
      // below the "Predicted class" header
      expect(box.minY).toBeGreaterThanOrEqual(14);
    }
  });

  it('cuts a very long class name with an ellipsis and keeps it whole on hover', () => {
    const names = ['A class name far too long for an axis', 'b'];
    const { container } = render(
      <ConfusionMatrix
        matrix={[
          [1, 0],
          [0, 1],
        ]}
        classNames={names}
        label="m"
      />,
    );
    const column = container.querySelector('.confusion__col')!;
    expect(column.querySelector('text')!.textContent).toBe('A class name far to…');
    expect(column.querySelector('title')!.textContent).toBe(names[0]);
  });
});
