import { render, screen, within } from '@testing-library/react';
import { EXPERIMENT_ID, makeMetrics } from '../../test/fixtures/experiment';
import { DEFAULT_CHART_SETTINGS, type TChartSettings } from './chart-settings';
import { tickTexts } from '../../test/chart-dom';
import { MetricCurvesChart } from './metric-curves-chart';

const metrics = makeMetrics([
  { trialId: 'trial-1', number: 1, epochs: 3 },
  { trialId: 'trial-2', number: 2, epochs: 3 },
  { trialId: 'trial-3', number: 3, epochs: 1 },
]);

function linePaths(container: HTMLElement): SVGPathElement[] {
  return Array.from(container.querySelectorAll<SVGPathElement>('path.recharts-line-curve'));
}

describe('MetricCurvesChart', () => {
  it('draws a training and a validation line for every trial, with a legend', () => {
    const { container } = render(<MetricCurvesChart metrics={metrics} metric="accuracy" width={640} height={300} bestTrialNumber={2} />);
    expect(linePaths(container)).toHaveLength(6);
    const legend = screen.getByRole('list', { name: 'Accuracy legend' });
    expect(within(legend).getByText('Trial 1')).toBeTruthy();
    expect(within(legend).getByText('Trial 2 ★ best')).toBeTruthy();
    expect(within(legend).getByText('Trial 3')).toBeTruthy();
    // the drawing's axis title (the data table has an Epoch column too)
    expect(screen.getAllByText('Epoch').filter((text) => text.closest('svg'))).toHaveLength(1);
    expect(screen.getByText('Accuracy')).toBeTruthy();
  });

  it('plots one point per epoch on each line, ticks as percentages', () => {
    const { container } = render(<MetricCurvesChart metrics={metrics} metric="accuracy" trialNumbers={[1]} width={640} height={300} />);
    const paths = linePaths(container);
    expect(paths).toHaveLength(2);
    // a path through three points: one move and two line segments (straight or curved)
    for (const path of paths) expect(path.getAttribute('d')?.match(/[LC]/g)?.length).toBe(2);
    const ticks = Array.from(container.querySelectorAll('.recharts-yAxis-tick-labels .recharts-cartesian-axis-tick-value')).map(
      (t) => t.textContent,
    );
    expect(ticks.length).toBeGreaterThan(1);
    for (const tick of ticks) expect(tick).toMatch(/^\d+%$/);
  });

  it('only draws the selected trials and labels the loss axis', () => {
    const { container } = render(<MetricCurvesChart metrics={metrics} metric="loss" trialNumbers={[2, 3]} width={640} height={300} />);
    expect(linePaths(container)).toHaveLength(4);
    expect(screen.getByText('Loss')).toBeTruthy();
    expect(screen.queryByText('Trial 1')).toBeNull();
  });

  it('explains itself before the first epoch', () => {
    const { container } = render(<MetricCurvesChart metrics={{ experimentId: EXPERIMENT_ID, trials: [] }} metric="accuracy" width={640} />);
    expect(linePaths(container)).toHaveLength(0);
    expect(screen.getByText(/No epochs finished yet/)).toBeTruthy();
  });
});

describe('MetricCurvesChart settings', () => {
  const settings = (patch: Partial<TChartSettings>) => ({ settings: { ...DEFAULT_CHART_SETTINGS, ...patch }, zoom: null });

  it('applies log y, smoothing and the training-time axis', () => {
    const { container } = render(
      <MetricCurvesChart
        metrics={metrics}
        metric="loss"
        trialNumbers={[1]}
        width={640}
        height={300}
        view={settings({ logY: true, smoothing: 0.6, xAxis: 'time' })}
      />,
    );
    expect(screen.getByText('Loss (log)')).toBeTruthy();
    expect(screen.getByText('Training time')).toBeTruthy();
    // losses 1.2/epoch and 1.3/epoch over epochs 1..3: between 0.4 and 1.3
    expect(tickTexts(container, 'y')).toEqual(['0.2', '0.5', '1', '2']);
    // each fold's epoch takes 3.5 s: 3.5, 7, 10.5 s
    for (const tick of tickTexts(container, 'x')) expect(tick).toMatch(/s$/);
    // a smoothed and a faint raw line for validation and training
    expect(linePaths(container)).toHaveLength(4);
    expect(container.querySelectorAll('.curves__raw')).toHaveLength(2);
  });
});
