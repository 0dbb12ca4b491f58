import { render, screen, within } from '@testing-library/react';
import type { TLeaderboardRow, TRungOutcome, TRungSummary } from '@atelier/domain';
import { makeTrial } from '../../test/fixtures/experiment';
import { ImportanceChart } from './importance-chart';
import { ParallelCoordinates } from './parallel-coordinates';
import { ProbabilityBars } from './probability-bars';
import { RungsChart } from './rungs-chart';

function leaderboardRow(number: number, learningRate: number, optimizer: 'adam' | 'sgd', score: number): TLeaderboardRow {
  const hp = makeTrial(number).hyperparameters;
  return {
    rank: number,
    trialId: `trial-${number}`,
    number,
    status: 'completed',
    hyperparameters: { ...hp, learningRate, optimizer },
    parameterCount: 1000,
    meanValAccuracy: score,
    stdValAccuracy: 0.01,
    meanValLoss: 0.4,
    rung: null,
    epochs: 2,
  };
}

describe('ImportanceChart', () => {
  it('draws one bar per hyperparameter, largest share first, labelled in percent', () => {
    const { container } = render(
      <ImportanceChart
        importance={[
          { name: 'batchSize', etaSquared: 0.1, share: 0.2, groups: 2 },
          { name: 'learningRate', etaSquared: 0.4, share: 0.8, groups: 3 },
        ]}
        width={500}
      />,
    );
    expect(container.querySelectorAll('.recharts-bar-rectangle')).toHaveLength(2);
    const names = Array.from(container.querySelectorAll('.recharts-yAxis-tick-labels .recharts-cartesian-axis-tick-value')).map((t) => t.textContent);
    expect(names).toEqual(['Learning rate', 'Batch size']);
    const labels = Array.from(container.querySelectorAll('.recharts-label-list text')).map((t) => t.textContent);
    expect(labels).toEqual(['80.0%', '20.0%']);
  });

  it('explains an empty importance', () => {
    render(<ImportanceChart importance={[]} width={500} />);
    expect(screen.getByText('Importance needs at least 3 scored trials.')).toBeTruthy();
  });
});

describe('ParallelCoordinates', () => {
  const rows = [leaderboardRow(1, 0.1, 'adam', 0.9), leaderboardRow(2, 0.001, 'sgd', 0.7), leaderboardRow(3, 0.01, 'adam', 0.8)];

  it('has an axis per varying hyperparameter plus the score, and a line per trial', () => {
    const { container } = render(<ParallelCoordinates rows={rows} />);
    const axes = Array.from(container.querySelectorAll('[data-testid="parallel-axis"]')).map((a) => a.getAttribute('data-axis'));
    // batch size also varies in the fixture (32 for odd trials, 64 for even)
    expect(axes).toEqual(['batchSize', 'optimizer', 'learningRate', 'score']);
    expect(screen.getByText('Learning rate (log)')).toBeTruthy();
    const lines = Array.from(container.querySelectorAll('polyline'));
    expect(lines).toHaveLength(3);
    // the best is drawn last (on top), in orange
    expect(lines[2]!.getAttribute('data-trial')).toBe('1');
    expect(lines[2]!.getAttribute('stroke')).toBe('#d9691c');
    // every line crosses every axis
    for (const line of lines) expect(line.getAttribute('points')!.split(' ')).toHaveLength(4);
    // the score axis ticks name the scores
    const scoreAxis = container.querySelector('[data-axis="score"]')!;
    expect(Array.from(scoreAxis.querySelectorAll('.parallel-tick')).map((t) => t.textContent)).toEqual(['70.0%', '80.0%', '90.0%']);
  });

  it('says how many scored trials it draws out of all of them', () => {
    render(<ParallelCoordinates rows={rows} total={2500} limit={2} />);
    expect(screen.getByText(/The best 2 of 2,500 scored trials\./)).toBeTruthy();
  });

  it('says when there is not enough to draw', () => {
    render(<ParallelCoordinates rows={rows.slice(0, 1)} />);
    expect(screen.getByText('Needs at least two scored trials.')).toBeTruthy();
  });
});

describe('RungsChart', () => {
  it('places a dot per trial and rung, coloured by what ASHA decided', () => {
    const point = (number: number, score: number, outcome: TRungOutcome) => ({ trialId: `trial-${number}`, number, score, outcome });
    // as GET /experiments/:id/overview sends them: points best first, counts over every trial
    const rungs: TRungSummary[] = [
      { rung: 0, epochs: 1, reached: 3, promoted: 1, stopped: 1, waiting: 1, best: 0.8, points: [point(1, 0.8, 'promoted'), point(3, 0.7, 'waiting'), point(2, 0.6, 'stopped')] },
      { rung: 1, epochs: 3, reached: 1, promoted: 1, stopped: 0, waiting: 0, best: 0.85, points: [point(1, 0.85, 'promoted')] },
      { rung: 2, epochs: 9, reached: 1, promoted: 0, stopped: 0, waiting: 0, best: 0.88, points: [point(1, 0.88, 'final')] },
    ];
    const { container } = render(<RungsChart rungs={rungs} />);
    const outcomes = Array.from(container.querySelectorAll('circle')).map((c) => `${c.getAttribute('data-outcome')}:${c.getAttribute('data-score')}`);
    expect(outcomes).toEqual(['promoted:0.8', 'waiting:0.7', 'stopped:0.6', 'promoted:0.85', 'final:0.88']);
    expect(screen.getByText('Rung 2 · 9 epochs')).toBeTruthy();
    expect(screen.getByText('3 trials · 1 promoted')).toBeTruthy();
  });

  it('counts every trial of a rung even when only the best scores are drawn', () => {
    const rungs: TRungSummary[] = [
      { rung: 0, epochs: 1, reached: 5000, promoted: 1666, stopped: 3000, waiting: 334, best: 0.9, points: [{ trialId: 't', number: 7, score: 0.9, outcome: 'promoted' }] },
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
