import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { makeComparedTrial, makeCurves } from '../../test/fixtures/compare';
import { makeSeries } from '../../test/fixtures/run';
import { CompareCurvesChart } from './compare-curves-chart';
import { FoldCurvesChart } from './fold-curves-chart';
import { RunMetricChart } from './run-metric-chart';

const trials = [makeComparedTrial(1), makeComparedTrial(2, { curves: makeCurves(5) })];
const lines = (container: HTMLElement) => container.querySelectorAll('path.recharts-line-curve');
const dashedLines = (container: HTMLElement) => container.querySelectorAll('.recharts-line path.recharts-line-curve[stroke-dasharray]');
const pressed = (name: string) => screen.getByRole('button', { name }).getAttribute('aria-pressed');

describe('chart legends toggle their series from the keyboard', () => {
  it('hides and shows a trial with Enter and a line style with Space, aria-pressed saying which are drawn', async () => {
    const user = userEvent.setup();
    const { container } = render(
      <CompareCurvesChart trials={trials} labels={['lr=0.01', 'lr=0.001']} metric="loss" width={640} height={300} />,
    );
    expect(lines(container)).toHaveLength(4);
    const legend = screen.getByRole('list', { name: 'Loss legend' });
    expect(
      within(legend)
        .getAllByRole('button')
        .map((b) => [b.textContent, b.getAttribute('aria-pressed')]),
    ).toEqual([
      ['lr=0.01', 'true'],
      ['lr=0.001', 'true'],
      ['validation', 'true'],
      ['training', 'true'],
    ]);

    // Enter on a trial's entry hides both of its lines
    screen.getByRole('button', { name: 'lr=0.01' }).focus();
    await user.keyboard('{Enter}');
    expect(pressed('lr=0.01')).toBe('false');
    expect(lines(container)).toHaveLength(2);

    await user.tab();
    await user.tab();
    await user.tab();
    expect(document.activeElement?.textContent).toBe('training');
    await user.keyboard(' ');
    expect(pressed('training')).toBe('false');
    // only the second trial's validation line is left, and it is solid
    expect(lines(container)).toHaveLength(1);
    expect(dashedLines(container)).toHaveLength(0);

    screen.getByRole('button', { name: 'lr=0.01' }).focus();
    await user.keyboard(' ');
    expect(pressed('lr=0.01')).toBe('true');
    expect(lines(container)).toHaveLength(2);
    expect(dashedLines(container)).toHaveLength(0);
  });

  it('hides a fold and the mean of the fold chart, the band with its mean', async () => {
    const user = userEvent.setup();
    const { container } = render(<FoldCurvesChart curves={makeCurves(3)} width={640} height={240} />);
    expect(lines(container)).toHaveLength(4);
    expect(container.querySelectorAll('.recharts-area')).toHaveLength(1);
    screen.getByRole('button', { name: 'Fold 2' }).focus();
    await user.keyboard('{Enter}');
    expect(pressed('Fold 2')).toBe('false');
    expect(lines(container)).toHaveLength(3);
    screen.getByRole('button', { name: 'mean ± std over 3 folds' }).focus();
    await user.keyboard('{Enter}');
    expect(lines(container)).toHaveLength(2);
    expect(container.querySelectorAll('.recharts-area')).toHaveLength(0);
  });

  it("hides a logged run's line in the runs comparison", async () => {
    const user = userEvent.setup();
    const runs = [
      { id: 'r1', label: 'lr 0.1', color: '#2f5bd3', startedAt: null, series: [makeSeries('loss', [1, 0.5, 0.25])] },
      { id: 'r2', label: 'lr 0.01', color: '#d9691c', startedAt: null, series: [makeSeries('loss', [1, 0.8, 0.6])] },
    ];
    const { container } = render(<RunMetricChart metricKey="loss" runs={runs} width={640} height={240} />);
    expect(lines(container)).toHaveLength(2);
    screen.getByRole('button', { name: 'lr 0.1' }).focus();
    await user.keyboard('{Enter}');
    expect(pressed('lr 0.1')).toBe('false');
    expect(lines(container)).toHaveLength(1);
    expect(lines(container)[0]?.getAttribute('stroke')).toBe('#d9691c');
  });
});
