import { render, screen, within } from '@testing-library/react';
import { makeCurves } from '../../test/fixtures/compare';
import { DEFAULT_CHART_SETTINGS } from './chart-settings';
import { tickTexts } from '../../test/chart-dom';
import { FoldCurvesChart } from './fold-curves-chart';

describe('FoldCurvesChart', () => {
  it('draws every fold, their mean and a ± std band', () => {
    const { container } = render(<FoldCurvesChart curves={makeCurves(4, 3)} width={600} height={240} />);
    // 3 folds + the mean
    expect(container.querySelectorAll('path.recharts-line-curve')).toHaveLength(4);
    const band = container.querySelector('.recharts-area-area');
    expect(band).toBeTruthy();
    const legend = screen.getByRole('list', { name: 'Validation loss per fold legend' });
    expect(within(legend).getByText('mean ± std over 3 folds')).toBeTruthy();
    expect(within(legend).getByText('Fold 3')).toBeTruthy();
    expect(screen.getByText('Validation loss')).toBeTruthy();
  });

  it('plots accuracy as percentages', () => {
    const { container } = render(<FoldCurvesChart curves={makeCurves(3, 2)} metric="valAccuracy" width={600} />);
    const ticks = Array.from(container.querySelectorAll('.recharts-yAxis-tick-labels .recharts-cartesian-axis-tick-value')).map(
      (t) => t.textContent,
    );
    expect(ticks.length).toBeGreaterThan(1);
    for (const tick of ticks) expect(tick).toMatch(/%$/);
  });

  it('waits for the first validation epoch', () => {
    render(<FoldCurvesChart curves={{ mean: [], folds: [] }} width={600} />);
    expect(screen.getByText('No validation epoch finished yet.')).toBeTruthy();
  });
});

describe('FoldCurvesChart settings', () => {
  it('draws the folds, the mean and the band on a log axis against training time', () => {
    const view = { settings: { ...DEFAULT_CHART_SETTINGS, logY: true, xAxis: 'time' as const }, zoom: null };
    const { container } = render(<FoldCurvesChart curves={makeCurves(4, 3)} width={600} height={240} view={view} />);
    expect(container.querySelectorAll('path.recharts-line-curve')).toHaveLength(4);
    expect(container.querySelector('.recharts-area-area')).toBeTruthy();
    expect(screen.getByText('Validation loss (log)')).toBeTruthy();
    // 2 s per epoch: the x ticks are seconds up to 8 s
    const ticks = tickTexts(container, 'x');
    expect(ticks.at(-1)).toBe('8s');
  });
});
