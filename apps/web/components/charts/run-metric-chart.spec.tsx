import { render, screen } from '@testing-library/react';
import { DEFAULT_CHART_SETTINGS } from './chart-settings';
import { linePaths, tickTexts } from '../../test/chart-dom';
import { makeSeries } from '../../test/fixtures/run';
import { RunMetricChart } from './run-metric-chart';

const runs = [
  { id: 'a', label: 'run a', color: '#2f6db5', startedAt: '2026-12-01T10:00:00.000Z', series: [makeSeries('loss', [2, 1.5, 'NaN', 0.5])] },
  { id: 'b', label: 'run b', color: '#d9691c', startedAt: '2026-12-01T10:00:00.000Z', series: [makeSeries('loss', [3, 2, 1, 0.8])] },
];

describe('RunMetricChart', () => {
  it('draws a line per run against the step, from step 0, and names the NaN it cannot draw', () => {
    const { container } = render(<RunMetricChart metricKey="loss" runs={runs} width={640} height={240} />);
    expect(linePaths(container)).toHaveLength(2);
    // the drawing's axis title (the data table has a Step column too)
    expect(screen.getAllByText('Step').filter((text) => text.closest('svg'))).toHaveLength(1);
    expect(tickTexts(container, 'x')[0]).toBe('0');
    expect(screen.getByTestId('nonfinite-note').textContent).toBe('Not drawn: NaN at step 2 (run a)');
    expect(screen.getByRole('list', { name: 'loss legend' }).textContent).toBe('run arun b');
  });

  it('switches to wall time since the start', () => {
    const view = { settings: { ...DEFAULT_CHART_SETTINGS, xAxis: 'time' as const }, zoom: null };
    const { container } = render(<RunMetricChart metricKey="loss" runs={runs.slice(0, 1)} view={view} width={640} height={240} />);
    expect(screen.getByText('Wall time')).toBeTruthy();
    expect(tickTexts(container, 'x').every((tick) => /s$/.test(tick))).toBe(true);
  });

  it('fits the y axis to values below zero', () => {
    const negative = [{ ...runs[0]!, series: [makeSeries('reward', [-5, -3, -1])] }];
    const { container } = render(<RunMetricChart metricKey="reward" runs={negative} width={640} height={240} />);
    expect(tickTexts(container, 'y').some((tick) => tick.startsWith('-'))).toBe(true);
  });

  it('says so when a key has nothing it can draw', () => {
    render(<RunMetricChart metricKey="loss" runs={[{ ...runs[0]!, series: [makeSeries('loss', ['NaN'])] }]} width={640} />);
    expect(screen.getByText('No finite loss value to draw.')).toBeTruthy();
    expect(screen.getByTestId('nonfinite-note').textContent).toBe('Not drawn: NaN at step 0');
    render(<RunMetricChart metricKey="acc" runs={[{ ...runs[0]!, series: [] }]} width={640} />);
    expect(screen.getByText('No acc logged yet.')).toBeTruthy();
  });
});
