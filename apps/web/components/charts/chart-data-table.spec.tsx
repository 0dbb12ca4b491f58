import { render, screen, within } from '@testing-library/react';
import { CLASSES, makeComparedTrial, makeCurves } from '../../test/fixtures/compare';
import { makeImportance } from '../../test/fixtures/leaderboard';
import { ChartDataTable } from './chart-data-table';
import { CompareCurvesChart } from './compare-curves-chart';
import { ConfusionMatrix } from './confusion-matrix';
import { FoldCurvesChart } from './fold-curves-chart';
import { ImportanceChart } from './importance-chart';
import { ClassDistributionChart } from '@/components/datasets/class-distribution-chart';

/** Every row of a table as its cells' text, the header row first. */
const cells = (table: HTMLElement) =>
  within(table)
    .getAllByRole('row')
    .map((row) => Array.from(row.querySelectorAll('th, td')).map((cell) => cell.textContent));

describe('ChartDataTable', () => {
  it('folds a captioned table under "Data table", the first cell of each row its header', () => {
    render(
      <ChartDataTable
        caption="Loss per epoch"
        columns={['Epoch', 'Trial 1']}
        rows={[{ key: '1', cells: [1, '0.500'] }]}
        footer={[{ key: 'all', cells: ['Mean', '0.500'] }]}
      />,
    );
    const table = screen.getByRole('table', { name: 'Loss per epoch' });
    expect(table.closest('details')?.querySelector('summary')?.textContent).toBe('Data table: Loss per epoch');
    expect(cells(table)).toEqual([
      ['Epoch', 'Trial 1'],
      ['1', '0.500'],
      ['Mean', '0.500'],
    ]);
    expect(
      within(table)
        .getAllByRole('rowheader')
        .map((th) => th.textContent),
    ).toEqual(['1', 'Mean']);
    expect(
      within(table)
        .getAllByRole('columnheader')
        .map((th) => th.getAttribute('scope')),
    ).toEqual(['col', 'col']);
    // a wide table scrolls inside its chart: the keyboard reaches the scrolling region
    expect(screen.getByRole('region', { name: 'Loss per epoch, data table' }).tabIndex).toBe(0);
  });

  it('stands open, outside a disclosure, when the page shows the table anyway', () => {
    render(<ChartDataTable open caption="Images per class" columns={['Class', 'Train']} rows={[{ key: 'a', cells: ['a', '3'] }]} />);
    expect(screen.getByRole('table', { name: 'Images per class' }).closest('details')).toBeNull();
  });
});

describe('each chart lists the values it plots', () => {
  it('curves: a row per epoch, a column per line, the measured (unsmoothed) values', () => {
    // the mean of 3 folds: validation loss 1/epoch + 0.1, training loss 1/epoch
    render(<CompareCurvesChart trials={[makeComparedTrial(1)]} labels={['lr=0.01']} metric="loss" width={640} height={300} />);
    expect(cells(screen.getByRole('table', { name: 'Loss per epoch' }))).toEqual([
      ['Epoch', 'lr=0.01 validation', 'lr=0.01 training'],
      ['1', '1.10', '1.00'],
      ['2', '0.600', '0.500'],
      ['3', '0.433', '0.333'],
    ]);
  });

  it('fold curves: every fold, the mean and its ± std range', () => {
    render(<FoldCurvesChart curves={makeCurves(2, 2)} width={640} height={240} />);
    const rows = cells(screen.getByRole('table', { name: 'Validation loss per fold' }));
    expect(rows[0]).toEqual(['Epoch', 'Fold 1', 'Fold 2', 'Mean', 'mean ± std']);
    // epoch 1: folds 1.0 and 1.1, mean 1.05, population std 0.05
    expect(rows[1]).toEqual(['1', '1.00', '1.10', '1.05', '1.00 – 1.10']);
  });

  it('confusion matrix: the counts and row shares, true classes down, predicted across', () => {
    const matrix = [
      [8, 1, 1],
      [0, 10, 0],
      [3, 0, 7],
    ];
    render(<ConfusionMatrix matrix={matrix} classNames={CLASSES} label="Confusion matrix, trial 1" />);
    const figure = screen.getByRole('figure', { name: 'Confusion matrix, trial 1' });
    expect(cells(within(figure).getByRole('table'))).toEqual([
      ['True class / predicted', ...CLASSES],
      ['T-shirt/top', '8 (80.0%)', '1 (10.0%)', '1 (10.0%)'],
      ['Trouser', '0 (0%)', '10 (100%)', '0 (0%)'],
      ['Pullover', '3 (30.0%)', '0 (0%)', '7 (70.0%)'],
    ]);
  });

  it('importance: each share with its interquartile range', () => {
    render(<ImportanceChart importance={makeImportance()} />);
    expect(cells(screen.getByRole('table', { name: /^Share of the variance/ }))).toEqual([
      ['Hyperparameter', 'Median share', 'First quartile', 'Third quartile'],
      ['Learning rate', '55.0%', '45.0%', '60.0%'],
      ['Batch size', '5.0%', '2.0%', '9.0%'],
      ['Unexplained', '40.0%', '32.0%', '50.0%'],
    ]);
  });

  it('class distribution: its table is the one the page shows, with the totals', () => {
    render(<ClassDistributionChart classNames={['a', 'b']} distribution={{ train: [3, 1], test: [2, 0] }} width={400} />);
    expect(cells(screen.getByTestId('class-distribution-table'))).toEqual([
      ['Class', 'Train', 'Test'],
      ['a', '3', '2'],
      ['b', '1', '0'],
      ['Total', '4', '2'],
    ]);
  });
});
