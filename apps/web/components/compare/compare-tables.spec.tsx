import { render, screen, within } from '@testing-library/react';
import { legendLabel } from '@/lib/compare';
import { makeComparedTrial, makeComparison, makeEvaluation, summaryOf } from '../../test/fixtures/compare';
import { HyperparameterDiffTable } from './hyperparameter-diff-table';
import { PerClassTable } from './per-class-table';

describe('HyperparameterDiffTable', () => {
  it('highlights the rows that differ and the best score', () => {
    const comparison = makeComparison([
      makeComparedTrial(1, { meanValAccuracy: 0.81 }),
      makeComparedTrial(2, {
        meanValAccuracy: 0.86,
        hyperparameters: { ...makeComparedTrial(2).hyperparameters, learningRate: 0.001, batchSize: 64 },
      }),
    ]);
    const labels = comparison.trials.map((t) => legendLabel(t, comparison.differing));
    expect(labels).toEqual(['batch=32 · lr=0.01', 'batch=64 · lr=0.001']);
    const { container } = render(<HyperparameterDiffTable trials={comparison.trials} differing={comparison.differing} labels={labels} />);
    const differing = Array.from(container.querySelectorAll('tr[data-differs] th')).map((th) => th.textContent);
    expect(differing).toEqual(['Batch size (differs)', 'Learning rate (differs)']);
    const accuracyRow = screen.getByRole('rowheader', { name: 'Mean val. accuracy ± std' }).closest('tr')!;
    const best = within(accuracyRow)
      .getAllByRole('cell')
      .filter((td) => td.hasAttribute('data-best'));
    expect(best.map((td) => td.textContent)).toEqual(['86.0% ± 1.00 (best)']);
  });
});

describe('HyperparameterDiffTable test accuracy', () => {
  it('marks no best test accuracy when only one trial was refit', () => {
    const comparison = makeComparison([
      makeComparedTrial(1, { testAccuracy: null }),
      makeComparedTrial(2, { testAccuracy: 0.9, test: summaryOf(makeEvaluation({ split: 'test', accuracy: 0.9 })) }),
    ]);
    const labels = comparison.trials.map((t) => legendLabel(t, comparison.differing));
    render(<HyperparameterDiffTable trials={comparison.trials} differing={comparison.differing} labels={labels} />);
    const row = screen.getByRole('rowheader', { name: 'Test accuracy (refit)' }).closest('tr')!;
    const cells = within(row).getAllByRole('cell');
    expect(cells.map((c) => c.textContent)).toEqual(['—', '90.0%']);
    expect(cells.some((c) => c.hasAttribute('data-best'))).toBe(false);
  });
});

describe('PerClassTable', () => {
  it('shows P, R and F1 per class and trial, the best per class highlighted', () => {
    const a = makeEvaluation();
    const b = makeEvaluation({
      perClass: [
        { className: 'T-shirt/top', precision: 0.9, recall: 0.7, f1: 0.7875, support: 10 },
        { className: 'Trouser', precision: 0.5, recall: 1, f1: 0.6667, support: 10 },
        { className: 'Pullover', precision: 0.875, recall: 0.7, f1: 0.7778, support: 10 },
      ],
    });
    render(<PerClassTable classNames={a.classNames} evaluations={[a, b]} labels={['A', 'B']} />);
    const row = screen.getByRole('rowheader', { name: 'T-shirt/top' }).closest('tr')!;
    const cells = within(row).getAllByRole('cell');
    expect(cells.map((c) => c.textContent)).toEqual(['72.7%', '80.0%', '76.2%', '90.0%', '70.0%', '78.8%']);
    expect(cells.map((c) => c.hasAttribute('data-best'))).toEqual([false, true, false, true, false, true]);
    // a tie is best for both
    const pullover = within(screen.getByRole('rowheader', { name: 'Pullover' }).closest('tr')!).getAllByRole('cell');
    expect(pullover.filter((c) => c.hasAttribute('data-best'))).toHaveLength(6);
    expect(screen.getByRole('rowheader', { name: 'Macro average' })).toBeTruthy();
  });

  it('marks no best when only one trial has figures, and shows the others as missing', () => {
    const a = makeEvaluation({ split: 'test' });
    render(<PerClassTable classNames={a.classNames} evaluations={[null, a]} labels={['never refit', 'refit']} />);
    const cells = within(screen.getByRole('rowheader', { name: 'T-shirt/top' }).closest('tr')!).getAllByRole('cell');
    expect(cells.map((c) => c.textContent)).toEqual(['—', '—', '—', '72.7%', '80.0%', '76.2%']);
    expect(document.querySelectorAll('td[data-best]')).toHaveLength(0);
  });
});
