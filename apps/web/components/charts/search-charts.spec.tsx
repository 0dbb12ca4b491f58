import { fireEvent, render, screen, within } from '@testing-library/react';
import type { TRungOutcome, TRungSummary } from '@atelier/domain';
import { makeImportance, makePoint } from '../../test/fixtures/leaderboard';
import { ImportanceChart } from './importance-chart';
import { ParallelCoordinates } from './parallel-coordinates';
import { ProbabilityBars } from './probability-bars';
import { RungsChart } from './rungs-chart';

// jsdom has no PointerEvent: without one, fireEvent.pointer* drops clientY
if (typeof window.PointerEvent === 'undefined') {
  class PointerEventPolyfill extends MouseEvent {
    readonly pointerId: number;
    constructor(type: string, init: PointerEventInit = {}) {
      super(type, init);
      this.pointerId = init.pointerId ?? 0;
    }
  }
  (window as unknown as { PointerEvent: unknown }).PointerEvent = PointerEventPolyfill;
}

describe('ImportanceChart', () => {
  it('draws each main effect with its interquartile whisker, then the unexplained share, and names the method', () => {
    render(<ImportanceChart importance={makeImportance()} />);
    const rows = screen.getAllByTestId('importance-row');
    expect(rows.map((r) => [r.getAttribute('data-name'), r.getAttribute('data-median')])).toEqual([
      ['learningRate', '0.55'],
      ['batchSize', '0.05'],
      ['unexplained', '0.4'],
    ]);
    expect(rows[0]!.textContent).toContain('Learning rate55% (45%–60%)');
    expect(rows[2]!.textContent).toContain('Unexplained40% (32%–50%)');
    expect(screen.getAllByTestId('importance-whisker')).toHaveLength(3);
    expect(screen.getByTestId('importance-method').textContent).toMatch(
      /fANOVA over a random forest .* 10 bootstrap resamples of 24 trials \(10 trees each, seed 1\)/,
    );
    expect(screen.queryByTestId('importance-warning')).toBeNull();
  });

  it('warns when there are too few trials and counts the diverged ones left out', () => {
    render(
      <ImportanceChart
        importance={makeImportance({
          trials: 4,
          excludedDiverged: 1,
          warning: 'Only 4 usable trials: importance from fewer than 10 is mostly noise.',
        })}
      />,
    );
    expect(screen.getByTestId('importance-warning').textContent).toBe(
      'Only 4 usable trials: importance from fewer than 10 is mostly noise.',
    );
    expect(screen.getByTestId('importance-method').textContent).toMatch(/1 diverged trials left out/);
  });

  it('explains an empty importance', () => {
    render(<ImportanceChart importance={null} />);
    expect(screen.getByText('Importance needs at least 3 scored trials that did not diverge.')).toBeTruthy();
  });
});

describe('ParallelCoordinates', () => {
  const points = [
    makePoint(1, { score: 0.9, hyperparameters: { ...makePoint(1).hyperparameters, learningRate: 0.1, optimizer: 'adam' } }),
    makePoint(2, { score: 0.7, hyperparameters: { ...makePoint(2).hyperparameters, learningRate: 0.001, optimizer: 'sgd' } }),
    makePoint(3, { score: 0.8, hyperparameters: { ...makePoint(3).hyperparameters, learningRate: 0.01, optimizer: 'adam', epochs: 9 } }),
    makePoint(4, {
      score: 0.1,
      diverged: 'chance-accuracy',
      hyperparameters: { ...makePoint(4).hyperparameters, learningRate: 0.5, optimizer: 'sgd' },
    }),
  ];
  const dimensions = ['batchSize', 'optimizer', 'learningRate'] as const;

  it('has an axis per given dimension that varies plus the score, and a line per trial', () => {
    const { container } = render(<ParallelCoordinates points={points} dimensions={dimensions} />);
    const axes = Array.from(container.querySelectorAll('[data-testid="parallel-axis"]')).map((a) => a.getAttribute('data-axis'));
    // epochs varies (trial 3 has 9) but is not a dimension, as under ASHA: no axis
    expect(axes).toEqual(['batchSize', 'optimizer', 'learningRate', 'score']);
    // the axis's name in the drawing (the data table heads a column with it too)
    expect(screen.getAllByText('Learning rate (log)').filter((text) => text.closest('svg'))).toHaveLength(1);
    const lines = Array.from(container.querySelectorAll('polyline'));
    expect(lines).toHaveLength(4);
    // the best is drawn last (on top), in orange; the diverged one dashed
    expect(lines[3]!.getAttribute('data-trial')).toBe('1');
    expect(lines[3]!.getAttribute('stroke')).toBe('var(--chart-best)');
    expect(container.querySelector('polyline[data-trial="4"]')!.getAttribute('stroke-dasharray')).toBe('4 3');
    for (const line of lines) expect(line.getAttribute('points')!.split(' ')).toHaveLength(4);
    const optimizer = container.querySelector('[data-axis="optimizer"]')!;
    expect(Array.from(optimizer.querySelectorAll('.parallel-tick')).map((t) => t.textContent)).toEqual(['adam', 'sgd']);
  });

  it('brushes an axis by dragging, filters the lines, reports the trials inside, and clears on a click', () => {
    const onBrushChange = jest.fn();
    const { container } = render(
      <ParallelCoordinates points={points} dimensions={dimensions} onBrushChange={onBrushChange} height={340} />,
    );
    const area = container.querySelector('[data-axis="score"] [data-testid="parallel-brush-area"]') as SVGRectElement;
    // the axis spans 0..290 px on screen: the top 30 % is scores from 0.66 up (range 0.1 .. 0.9)
    area.getBoundingClientRect = () => ({
      top: 0,
      height: 290,
      left: 0,
      width: 24,
      bottom: 290,
      right: 24,
      x: 0,
      y: 0,
      toJSON: () => ({}),
    });
    fireEvent.pointerDown(area, { clientY: 0, pointerId: 1 });
    fireEvent.pointerMove(area, { clientY: 60, pointerId: 1 });
    fireEvent.pointerUp(area, { clientY: 87, pointerId: 1 });
    expect(onBrushChange).toHaveBeenLastCalledWith([1, 3, 2]);
    expect(screen.getByTestId('parallel-selected').textContent).toBe('3 of 4 trials selected');
    expect(container.querySelector('polyline[data-trial="4"]')!.getAttribute('data-inside')).toBe('false');
    expect(container.querySelectorAll('[data-testid="parallel-brush"]')).toHaveLength(1);
    // a click on the axis clears its brush
    fireEvent.pointerDown(area, { clientY: 100, pointerId: 1 });
    fireEvent.pointerUp(area, { clientY: 100, pointerId: 1 });
    expect(onBrushChange).toHaveBeenLastCalledWith(null);
    expect(screen.queryByTestId('parallel-selected')).toBeNull();
  });

  it('says how many scores it draws out of all of them', () => {
    render(<ParallelCoordinates points={points} dimensions={dimensions} total={2500} limit={2} />);
    expect(screen.getByText(/The best 2 of 2,500 scores\./)).toBeTruthy();
  });

  it('says when there is not enough to draw', () => {
    render(<ParallelCoordinates points={points.slice(0, 1)} dimensions={dimensions} />);
    expect(screen.getByText('Needs at least two scored trials.')).toBeTruthy();
  });
});

describe('RungsChart', () => {
  it('places a dot per trial and rung, coloured by what ASHA decided', () => {
    const point = (number: number, score: number, outcome: TRungOutcome) => ({ trialId: `trial-${number}`, number, score, outcome });
    // as GET /experiments/:id/overview sends them: points best first, counts over every trial
    const rungs: TRungSummary[] = [
      {
        rung: 0,
        epochs: 1,
        reached: 3,
        promoted: 1,
        stopped: 1,
        waiting: 1,
        best: 0.8,
        points: [point(1, 0.8, 'promoted'), point(3, 0.7, 'waiting'), point(2, 0.6, 'stopped')],
      },
      { rung: 1, epochs: 3, reached: 1, promoted: 1, stopped: 0, waiting: 0, best: 0.85, points: [point(1, 0.85, 'promoted')] },
      { rung: 2, epochs: 9, reached: 1, promoted: 0, stopped: 0, waiting: 0, best: 0.88, points: [point(1, 0.88, 'final')] },
    ];
    const { container } = render(<RungsChart rungs={rungs} />);
    const outcomes = Array.from(container.querySelectorAll('circle')).map(
      (c) => `${c.getAttribute('data-outcome')}:${c.getAttribute('data-score')}`,
    );
    expect(outcomes).toEqual(['promoted:0.8', 'waiting:0.7', 'stopped:0.6', 'promoted:0.85', 'final:0.88']);
    expect(screen.getAllByText('Rung 2 · 9 epochs').filter((text) => text.closest('svg'))).toHaveLength(1);
    expect(screen.getByText('3 trials · 1 promoted')).toBeTruthy();
  });

  it('counts every trial of a rung even when only the best scores are drawn', () => {
    const rungs: TRungSummary[] = [
      {
        rung: 0,
        epochs: 1,
        reached: 5000,
        promoted: 1666,
        stopped: 3000,
        waiting: 334,
        best: 0.9,
        points: [{ trialId: 't', number: 7, score: 0.9, outcome: 'promoted' }],
      },
    ];
    const { container } = render(<RungsChart rungs={rungs} />);
    expect(container.querySelectorAll('circle')).toHaveLength(1);
    expect(screen.getByText('5,000 trials · 1,666 promoted')).toBeTruthy();
  });
});

describe('ProbabilityBars', () => {
  it('draws a bar per class sized by its probability, the top one marked', () => {
    render(
      <ProbabilityBars
        label="probs"
        predictions={[
          { classIndex: 1, className: 'Trouser', probability: 0.7 },
          { classIndex: 0, className: 'T-shirt/top', probability: 0.3 },
        ]}
      />,
    );
    const items = within(screen.getByRole('list', { name: 'probs' })).getAllByRole('listitem');
    expect(items.map((i) => [i.textContent, i.getAttribute('data-top')])).toEqual([
      ['Trouser70.0%', 'true'],
      ['T-shirt/top30.0%', 'false'],
    ]);
    expect(screen.getByRole('meter', { name: 'T-shirt/top' }).getAttribute('aria-valuenow')).toBe('0.3');
  });
});
