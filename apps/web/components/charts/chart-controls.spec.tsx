import { fireEvent, render, screen } from '@testing-library/react';
import { useChartSettings } from './use-chart-settings';
import { drag, linePaths, pathPoints, tickTexts } from '../../test/chart-dom';
import { makeComparedTrial, makeCurves } from '../../test/fixtures/compare';
import { ChartControls } from './chart-controls';
import { CompareCurvesChart } from './compare-curves-chart';

const trials = [makeComparedTrial(1, { curves: makeCurves(10, 2) }), makeComparedTrial(2, { curves: makeCurves(10, 2) })];

/** A page's curves card: one control bar driving two charts. */
function Card() {
  const state = useChartSettings('test-card');
  return (
    <>
      <ChartControls state={state} label="Curves" />
      <div data-testid="loss">
        <CompareCurvesChart trials={trials} labels={['a', 'b']} metric="loss" width={640} height={300} view={state.view} />
      </div>
      <div data-testid="accuracy">
        <CompareCurvesChart trials={trials} labels={['a', 'b']} metric="accuracy" width={640} height={300} view={state.view} />
      </div>
    </>
  );
}

const xOfEpoch = (epoch: number) => 72 + (552 * (epoch - 1)) / 9;
const chart = (id: string) => screen.getByTestId(id);

describe('ChartControls with useChartSettings', () => {
  beforeEach(() => window.localStorage.clear());

  it('zooms every chart of the card to the range dragged across one, and resets', async () => {
    render(<Card />);
    const reset = screen.getByRole<HTMLButtonElement>('button', { name: 'Reset zoom' });
    expect(reset.disabled).toBe(true);
    await drag(chart('loss'), xOfEpoch(4), xOfEpoch(8));
    expect(reset.disabled).toBe(false);
    expect(screen.getByText('Showing epoch 4–8')).toBeTruthy();
    for (const id of ['loss', 'accuracy']) {
      const ticks = tickTexts(chart(id), 'x').map(Number);
      expect([Math.min(...ticks), Math.max(...ticks)]).toEqual([4, 8]);
      for (const d of linePaths(chart(id))) expect(pathPoints(d)).toHaveLength(5);
    }
    fireEvent.click(reset);
    for (const d of linePaths(chart('loss'))) expect(pathPoints(d)).toHaveLength(10);
  });

  it('keeps log y, smoothing and the x axis across a reload, and clears the zoom on a change of x axis', async () => {
    const { unmount } = render(<Card />);
    fireEvent.click(screen.getByRole('checkbox', { name: 'Log scale' }));
    fireEvent.change(screen.getByRole('slider', { name: /Smoothing/ }), { target: { value: '0.6' } });
    await drag(chart('loss'), xOfEpoch(2), xOfEpoch(5));
    fireEvent.change(screen.getByRole('combobox', { name: 'X axis' }), { target: { value: 'time' } });
    expect(screen.getByRole<HTMLButtonElement>('button', { name: 'Reset zoom' }).disabled).toBe(true);
    expect(JSON.parse(window.localStorage.getItem('atelier:charts:test-card')!)).toEqual({ logY: true, smoothing: 0.6, xAxis: 'time' });
    unmount();

    render(<Card />);
    expect(screen.getByRole<HTMLInputElement>('checkbox', { name: 'Log scale' }).checked).toBe(true);
    expect(screen.getByRole('slider', { name: /Smoothing/ }).getAttribute('aria-valuetext')).toBe('0.6');
    expect(screen.getByRole<HTMLSelectElement>('combobox', { name: 'X axis' }).value).toBe('time');
    expect(screen.getAllByText('Loss (log)')).toHaveLength(1);
    expect(screen.getAllByText('Training time', { selector: 'tspan' })).toHaveLength(2);
  });
});
