import { render, screen, within } from '@testing-library/react';
import { CLASS_NAMES } from '../../test/fixtures/dataset';
import { ClassDistributionChart } from './class-distribution-chart';

describe('ClassDistributionChart', () => {
  it('draws a train and a test bar per class, with the exact counts in a table', () => {
    const { container } = render(
      <ClassDistributionChart
        classNames={CLASS_NAMES}
        distribution={{ train: [40, 30, 20], test: [10, 10, 10] }}
        width={600}
        height={260}
      />,
    );
    expect(container.querySelectorAll('.recharts-bar-rectangle').length).toBe(6);
    const ticks = Array.from(container.querySelectorAll('.recharts-xAxis-tick-labels .recharts-cartesian-axis-tick-value')).map(
      (t) => t.textContent,
    );
    expect(ticks).toEqual(CLASS_NAMES);
    const rows = within(screen.getByTestId('class-distribution-table'))
      .getAllByRole('row')
      .map((row) => row.textContent);
    expect(rows).toEqual(['ClassTrainTest', 'circle4010', 'square3010', 'star2010', 'Total9030']);
    // the legend lists the splits in the bars' order: train, then test
    const legend = Array.from(container.querySelectorAll('.recharts-legend-item-text')).map((t) => t.textContent);
    expect(legend).toEqual(['Train', 'Test']);
  });

  it('formats large counts and shows empty classes as zero', () => {
    render(<ClassDistributionChart classNames={['a', 'b']} distribution={{ train: [60000, 0], test: [10000] }} width={400} />);
    const rows = within(screen.getByTestId('class-distribution-table'))
      .getAllByRole('row')
      .map((row) => row.textContent);
    expect(rows).toEqual(['ClassTrainTest', 'a60,00010,000', 'b00', 'Total60,00010,000']);
  });
});
