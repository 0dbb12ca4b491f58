import { render, screen } from '@testing-library/react';
import { matrixDifference } from '@/lib/compare';
import { CLASSES } from '../../test/fixtures/compare';
import { ConfusionDifference, ConfusionMatrix } from './confusion-matrix';

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
    const cell = (i: number, j: number) => all.find((c) => c.getAttribute('data-true') === String(i) && c.getAttribute('data-predicted') === String(j))!;
    expect(Array.from(cell(0, 0).querySelectorAll('text')).map((t) => t.textContent)).toEqual(['8', '80%']);
    expect(Array.from(cell(2, 0).querySelectorAll('text')).map((t) => t.textContent)).toEqual(['3', '30%']);
    expect(Array.from(cell(1, 1).querySelectorAll('text')).map((t) => t.textContent)).toEqual(['10', '100%']);
    expect(cell(2, 0).querySelector('title')?.textContent).toBe('true Pullover, predicted T-shirt/top: 3 (30.0% of the row)');
    expect(screen.getByRole('img', { name: 'Confusion matrix, trial 1' })).toBeTruthy();
    // class names on both axes
    expect(screen.getAllByText('Trouser')).toHaveLength(2);
  });

  it('colours a cell darker the larger its share of the row', () => {
    const { container } = render(<ConfusionMatrix matrix={matrix} classNames={CLASSES} label="m" />);
    const fill = (i: number, j: number) =>
      container.querySelector(`[data-true="${i}"][data-predicted="${j}"] rect`)!.getAttribute('fill')!.match(/\d+/g)!.map(Number);
    // the red channel falls from 246 (0%) towards 35 (100%)
    expect(fill(1, 1)[0]).toBe(35);
    expect(fill(1, 0)[0]).toBe(246);
    expect(fill(0, 0)[0]).toBeLessThan(fill(2, 2)[0]!);
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
    expect(texts).toEqual(['+20.0', '−10.0', '−10.0', '0', '0', '0', '+20.0', '0', '−20.0']);
  });
});
