import { render, screen, within } from '@testing-library/react';
import { makeEvaluation } from '../../test/fixtures/compare';
import { EvaluationPanel } from './evaluation-panel';

describe('EvaluationPanel', () => {
  it('shows the scores, matrix, report, top confusions and samples of a test evaluation', () => {
    const { container } = render(<EvaluationPanel evaluation={makeEvaluation({ split: 'test' })} title="Trial 1" />);
    expect(screen.getByTestId('evaluation-test-accuracy').textContent).toBe('83.3%');
    expect(container.querySelectorAll('[data-testid="confusion-cell"]')).toHaveLength(9);
    const report = screen.getByTestId('classification-report');
    const tshirt = within(report)
      .getByRole('rowheader', { name: /T-shirt\/top/ })
      .closest('tr')!;
    expect(
      within(tshirt)
        .getAllByRole('cell')
        .map((c) => c.textContent),
    ).toEqual(['72.7%', '80.0%', '76.2%', '10']);
    // T-shirt has the lowest F1 (0.7619)
    expect(within(tshirt).getByTitle('Lowest F1')).toBeTruthy();
    expect(
      within(screen.getByTestId('top-confusions'))
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual(['Pullover taken for T-shirt/top: 3', 'T-shirt/top taken for Trouser: 1']);
    const samples = within(screen.getByTestId('sample-predictions')).getAllByRole('listitem');
    // the wrong one first, marked, with its image from the test split
    expect(samples[0]!.getAttribute('data-correct')).toBe('false');
    expect(samples[0]!.querySelector('img')!.getAttribute('src')).toBe('/api/datasets/fashion-mnist/images/test/7.png');
    expect(samples[0]!.textContent).toContain('true Pullover');
    expect(samples[0]!.textContent).toContain('pred. T-shirt/top');
    expect(samples[0]!.textContent).toContain('62.0%');
    expect(within(samples[0]!).getByLabelText('wrong')).toBeTruthy();
    expect(samples[1]!.getAttribute('data-correct')).toBe('true');
  });

  it('says when an out-of-fold evaluation kept no samples', () => {
    render(<EvaluationPanel evaluation={makeEvaluation({ samplePredictions: [] })} title="Trial 1" />);
    expect(screen.getByText(/out-of-fold evaluations keep only the counts/)).toBeTruthy();
  });
});
