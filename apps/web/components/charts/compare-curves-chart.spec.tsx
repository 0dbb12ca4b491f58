import { render, screen, within } from '@testing-library/react';
import { makeComparedTrial, makeCurves } from '../../test/fixtures/compare';
import { CompareCurvesChart } from './compare-curves-chart';

const trials = [makeComparedTrial(1), makeComparedTrial(2, { curves: makeCurves(5) })];

describe('CompareCurvesChart', () => {
  it('draws a validation and a training line per trial, the legend naming what differs', () => {
    const { container } = render(<CompareCurvesChart trials={trials} labels={['lr=0.01', 'lr=0.001']} metric="accuracy" width={640} height={300} />);
    const paths = Array.from(container.querySelectorAll('path.recharts-line-curve'));
    expect(paths).toHaveLength(4);
    // trial 1 has 3 epochs (2 segments), trial 2 has 5 (4 segments)
    expect(paths.map((p) => p.getAttribute('d')?.match(/[LC]/g)?.length)).toEqual([2, 2, 4, 4]);
    const legend = screen.getByRole('list', { name: 'Accuracy legend' });
    expect(within(legend).getByText('lr=0.01')).toBeTruthy();
    expect(within(legend).getByText('lr=0.001')).toBeTruthy();
    const ticks = Array.from(container.querySelectorAll('.recharts-yAxis-tick-labels .recharts-cartesian-axis-tick-value')).map((t) => t.textContent);
    for (const tick of ticks) expect(tick).toMatch(/%$/);
  });

  it('labels the loss axis and says when there is nothing to draw', () => {
    render(<CompareCurvesChart trials={trials} labels={['a', 'b']} metric="loss" width={640} />);
    expect(screen.getByText('Loss')).toBeTruthy();
    render(<CompareCurvesChart trials={[makeComparedTrial(3, { curves: { mean: [], folds: [] } })]} labels={['c']} metric="loss" width={640} />);
    expect(screen.getByText(/None of these trials has finished an epoch/)).toBeTruthy();
  });
});
