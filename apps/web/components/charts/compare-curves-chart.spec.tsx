import { render, screen, within } from '@testing-library/react';
import { makeComparedTrial, makeCurves } from '../../test/fixtures/compare';
import { trialCurves } from '@atelier/domain';
import { DEFAULT_CHART_SETTINGS, type TChartSettings, type TZoom } from './chart-settings';
import { drag, hover, linePaths, pathPoints, tickTexts, yTickPositions } from '../../test/chart-dom';
import { CompareCurvesChart } from './compare-curves-chart';

const trials = [makeComparedTrial(1), makeComparedTrial(2, { curves: makeCurves(5) })];

describe('CompareCurvesChart', () => {
  it('draws a validation and a training line per trial, the legend naming what differs', () => {
    const { container } = render(
      <CompareCurvesChart trials={trials} labels={['lr=0.01', 'lr=0.001']} metric="accuracy" width={640} height={300} />,
    );
    const paths = Array.from(container.querySelectorAll('path.recharts-line-curve'));
    expect(paths).toHaveLength(4);
    // trial 1 has 3 epochs (2 segments), trial 2 has 5 (4 segments)
    expect(paths.map((p) => p.getAttribute('d')?.match(/[LC]/g)?.length)).toEqual([2, 2, 4, 4]);
    const legend = screen.getByRole('list', { name: 'Accuracy legend' });
    expect(within(legend).getByText('lr=0.01')).toBeTruthy();
    expect(within(legend).getByText('lr=0.001')).toBeTruthy();
    const ticks = Array.from(container.querySelectorAll('.recharts-yAxis-tick-labels .recharts-cartesian-axis-tick-value')).map(
      (t) => t.textContent,
    );
    for (const tick of ticks) expect(tick).toMatch(/%$/);
  });

  it('labels the loss axis and says when there is nothing to draw', () => {
    render(<CompareCurvesChart trials={trials} labels={['a', 'b']} metric="loss" width={640} />);
    expect(screen.getByText('Loss')).toBeTruthy();
    render(
      <CompareCurvesChart trials={[makeComparedTrial(3, { curves: { mean: [], folds: [] } })]} labels={['c']} metric="loss" width={640} />,
    );
    expect(screen.getByText(/None of these trials has finished an epoch/)).toBeTruthy();
  });
});

describe('CompareCurvesChart settings', () => {
  const ten = [makeComparedTrial(1, { curves: makeCurves(10, 2) })];
  const view = (settings: Partial<TChartSettings>, zoom: TZoom | null = null, onZoom?: (z: TZoom) => void) => ({
    settings: { ...DEFAULT_CHART_SETTINGS, ...settings },
    zoom,
    onZoom,
  });
  // 640 px wide: the plot runs from x = 72 (margin + y axis) to 624, epochs 1..10
  const xOfEpoch = (epoch: number) => 72 + (552 * (epoch - 1)) / 9;

  it('draws the y axis on a log scale: equal ratios at equal distances', () => {
    const { container } = render(
      <CompareCurvesChart trials={ten} labels={['a']} metric="loss" width={640} height={300} view={view({ logY: true })} />,
    );
    const ticks = yTickPositions(container);
    // losses from 0.1 (training, epoch 10) to 1.05 (validation, epoch 1)
    expect(ticks.map((t) => t.label)).toEqual(['0.1', '0.2', '0.5', '1', '2']);
    const at = (label: string) => ticks.find((t) => t.label === label)!.y;
    // ×2 from 0.1 to 0.2 and from 0.5 to 1 cover the same height on a log axis (not on a linear one)
    expect(at('0.1') - at('0.2')).toBeCloseTo(at('0.5') - at('1'), 0);
    expect(at('1') - at('2')).toBeCloseTo(at('0.1') - at('0.2'), 0);
    expect(at('0.2') - at('0.5')).not.toBeCloseTo(at('0.1') - at('0.2'), 0);
    expect(screen.getByText('Loss (log)')).toBeTruthy();
  });

  it('smooths with a debiased EMA, keeps the raw line faintly and shows both values on hover', async () => {
    const { container } = render(
      <CompareCurvesChart trials={ten} labels={['a']} metric="loss" width={640} height={300} view={view({ smoothing: 0.5 })} />,
    );
    expect(linePaths(container)).toHaveLength(4);
    expect(container.querySelectorAll('.curves__raw path.recharts-line-curve')).toHaveLength(2);
    // debiased: the smoothed training line starts where the raw one does
    const raw = pathPoints(linePaths(container, '.curves__raw path.recharts-line-curve')[1]!);
    const smooth = pathPoints(linePaths(container)[3]!);
    expect(smooth[0]![1]).toBeCloseTo(raw[0]![1], 3);
    expect(smooth[1]![1]).not.toBeCloseTo(raw[1]![1], 0);

    await hover(container, xOfEpoch(2));
    const tooltip = container.querySelector('.curves-tooltip')!;
    expect(tooltip.textContent).toContain('Epoch 2');
    // training loss 1 then 1/2: running 0.5 then 0.5·0.5 + 0.5·0.5 = 0.5, debiased by 1 - 0.25: 0.6667
    expect(tooltip.textContent).toContain('a training : 0.667 (smoothed; raw 0.500 = 0.5)');
    // validation 1.05 then 0.55: running 0.525, then 0.2625 + 0.275 = 0.5375, / 0.75 = 0.71667
    expect(tooltip.textContent).toContain('a validation : 0.717 (smoothed; raw 0.550 = 0.55)');
    // the raw lines are not listed twice
    expect(tooltip.textContent).not.toContain('(raw) :');
  });

  it('puts the epochs at their training time on a wall-time x axis', () => {
    const { container } = render(
      <CompareCurvesChart trials={ten} labels={['a']} metric="loss" width={640} height={300} view={view({ xAxis: 'time' })} />,
    );
    expect(screen.getByText('Training time')).toBeTruthy();
    const ticks = tickTexts(container, 'x');
    expect(ticks.length).toBeGreaterThan(2);
    for (const tick of ticks) expect(tick).toMatch(/^\d+(\.\d+)?s$/);
    // every epoch took 2 s: epoch 1 ends at 2 s of a 0..20 s axis
    const first = pathPoints(linePaths(container)[0]!)[0]!;
    expect(first[0]).toBeCloseTo(72 + 552 * (2 / 20), 1);
  });

  it('shows every trial at its nearest epoch when hovering the time axis', async () => {
    // trial 2 takes 3 s an epoch, trial 1 takes 2 s: their epochs never share a time
    const slow = makeCurves(10, 2);
    const slower = trialCurves(slow.folds.map((f) => ({ fold: f.fold, metrics: f.metrics.map((m) => ({ ...m, seconds: 3 })) })));
    const both = [makeComparedTrial(1, { curves: makeCurves(10, 2) }), makeComparedTrial(2, { curves: slower })];
    const { container } = render(
      <CompareCurvesChart trials={both} labels={['fast', 'slow']} metric="loss" width={640} height={300} view={view({ xAxis: 'time' })} />,
    );
    // the axis runs to a round tick past the last epoch (30 s)
    const end = Number(tickTexts(container, 'x').at(-1)!.replace('s', ''));
    expect(end).toBeGreaterThanOrEqual(30);
    await hover(container, 72 + (552 * 8) / end);
    const text = container.querySelector('.curves-tooltip')!.textContent;
    expect(text).toContain('8s of training');
    // fast: epoch 4 ends at 8 s; slow: epoch 3 ends at 9 s, the nearest to 8 s
    expect(text).toContain('fast training : 0.250 · epoch 4');
    expect(text).toContain('slow training : 0.333 (0.3333333333333333) · epoch 3 at 9s');
  });

  it('reports the range dragged across it and draws only that range, the y axis fitted to it', async () => {
    const onZoom = jest.fn();
    const { container, rerender } = render(
      <CompareCurvesChart trials={ten} labels={['a']} metric="loss" width={640} height={300} view={view({}, null, onZoom)} />,
    );
    const before = Math.max(...tickTexts(container, 'y').map(Number));
    await drag(container, xOfEpoch(7), xOfEpoch(3));
    expect(onZoom).toHaveBeenCalledWith([3, 7]);

    rerender(<CompareCurvesChart trials={ten} labels={['a']} metric="loss" width={640} height={300} view={view({}, [3, 7], onZoom)} />);
    const xTicks = tickTexts(container, 'x').map(Number);
    expect(Math.min(...xTicks)).toBe(3);
    expect(Math.max(...xTicks)).toBe(7);
    // five epochs: four segments per line
    for (const d of linePaths(container)) expect(pathPoints(d)).toHaveLength(5);
    expect(Math.max(...tickTexts(container, 'y').map(Number))).toBeLessThan(before);
  });
});
