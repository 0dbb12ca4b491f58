import { fireEvent, render, screen, within } from '@testing-library/react';
import { makeFoldRun, makeTrial } from '../../test/fixtures/experiment';
import { TrialsTable } from './trials-table';

describe('TrialsTable', () => {
  const trials = [
    makeTrial(1, {
      status: 'completed',
      meanValAccuracy: 0.8123,
      stdValAccuracy: 0.0102,
      progress: 1,
      folds: [makeFoldRun({ fold: 0, status: 'completed', valAccuracy: 0.8021 }), makeFoldRun({ fold: 1, status: 'completed', valAccuracy: 0.8225 })],
    }),
    makeTrial(2, { status: 'running', folds: [makeFoldRun({ fold: 0, status: 'running' })] }),
  ];

  it('shows hyperparameters, accuracy ± std, per-fold accuracy, and marks the best trial', () => {
    render(<TrialsTable trials={trials} progress={{ 'trial-1': 1, 'trial-2': 0.25 }} bestTrialId="trial-1" folds={2} />);
    const rows = screen.getAllByRole('row').slice(1);
    expect(rows).toHaveLength(2);
    const best = within(rows[0]!);
    expect(best.getByTitle('Best trial').textContent).toBe('★ best');
    expect(best.getByText('81.23% ± 1.02')).toBeTruthy();
    expect(best.getByText('80.21%')).toBeTruthy();
    expect(best.getByText('82.25%')).toBeTruthy();
    expect(best.getByText('0.01')).toBeTruthy();
    expect(rows[0]!.className).toContain('row--best');

    const running = within(rows[1]!);
    expect(running.getByRole('progressbar', { name: 'Trial 2 progress' }).getAttribute('aria-valuenow')).toBe('25');
    // the second fold has not started: still a placeholder
    expect(running.getAllByText('—')).toHaveLength(3);
    expect(rows[1]!.className).not.toContain('row--best');
  });
});

describe('TrialsTable sorting', () => {
  it('sorts by mean validation accuracy, best first, unfinished trials last', () => {
    const trials = [
      makeTrial(1, { status: 'completed', meanValAccuracy: 0.7 }),
      makeTrial(2),
      makeTrial(3, { status: 'completed', meanValAccuracy: 0.9 }),
    ];
    render(<TrialsTable trials={trials} progress={{}} bestTrialId="trial-3" folds={2} />);
    const numbers = () => screen.getAllByRole('row').slice(1).map((row) => row.querySelector('td')!.textContent!.replace('★ best', ''));
    expect(numbers()).toEqual(['1', '2', '3']);
    fireEvent.click(screen.getByRole('button', { name: /Mean val\. acc\./ }));
    expect(numbers()).toEqual(['3', '1', '2']);
    fireEvent.click(screen.getByRole('button', { name: /^#/ }));
    expect(numbers()).toEqual(['1', '2', '3']);
  });
});
