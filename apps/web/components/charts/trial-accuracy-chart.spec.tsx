import { fireEvent, render, screen } from '@testing-library/react';
import { makeTrial } from '../../test/fixtures/experiment';
import { TrialAccuracyChart } from './trial-accuracy-chart';

const trials = [
  makeTrial(1, { status: 'completed', meanValAccuracy: 0.81, stdValAccuracy: 0.02 }),
  makeTrial(2, { status: 'completed', meanValAccuracy: 0.87, stdValAccuracy: 0.01 }),
  makeTrial(3, { status: 'running', meanValAccuracy: null }),
  makeTrial(4, { status: 'completed', meanValAccuracy: 0.78, stdValAccuracy: 0.03 }),
];

describe('TrialAccuracyChart', () => {
  it('draws one bar with a whisker per finished trial, best first', () => {
    const { container } = render(<TrialAccuracyChart trials={trials} bestTrialId="trial-2" width={600} height={260} />);
    expect(container.querySelectorAll('.recharts-bar-rectangle path, .recharts-bar-rectangle rect').length).toBe(3);
    expect(container.querySelectorAll('.recharts-errorBar').length).toBe(3);
    const labels = Array.from(container.querySelectorAll('.recharts-xAxis-tick-labels .recharts-cartesian-axis-tick-value')).map(
      (t) => t.textContent,
    );
    expect(labels).toEqual(['Trial 2', 'Trial 1', 'Trial 4']);
    expect(screen.getByText('Validation accuracy')).toBeTruthy();
    expect(screen.getByText(/Best: Trial 2, 87\.0% ± 1\.00/)).toBeTruthy();
  });

  it('waits for the first finished trial', () => {
    const { container } = render(<TrialAccuracyChart trials={[makeTrial(1)]} width={600} />);
    expect(container.querySelectorAll('.recharts-bar-rectangle').length).toBe(0);
    expect(screen.getByText('No trial has finished yet.')).toBeTruthy();
  });
});

describe('TrialAccuracyChart axis', () => {
  const yTicks = (container: HTMLElement) =>
    Array.from(container.querySelectorAll('.recharts-yAxis-tick-labels .recharts-cartesian-axis-tick-value')).map((t) => t.textContent);

  it('starts the y axis at zero, and says so when fitted to the scores instead', () => {
    const { container } = render(<TrialAccuracyChart trials={trials} bestTrialId="trial-2" width={600} height={260} />);
    expect(yTicks(container)).toEqual(['0%', '20%', '40%', '60%', '80%', '100%']);
    expect(screen.queryByTestId('axis-note')).toBeNull();

    fireEvent.click(screen.getByRole('checkbox', { name: 'Fit the axis to the scores' }));
    // scores 78% ± 3 up to 87% ± 1: the fitted axis runs 75%..90%
    expect(yTicks(container)[0]).toBe('75%');
    expect(screen.getByTestId('axis-note').textContent).toBe('Axis starts at 75%, not zero: bar lengths exaggerate the differences.');
    expect(screen.getByRole('figure', { name: 'Validation accuracy by trial' }).getAttribute('aria-describedby')).toBe(
      screen.getByTestId('axis-note').id,
    );
  });
});
