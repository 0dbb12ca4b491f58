import { render, screen, within } from '@testing-library/react';
import { makeSummary } from '../../test/fixtures/experiment';
import { ExperimentsTable } from './experiments-table';

describe('ExperimentsTable', () => {
  it('shows status, trials done over total with a bar, and the best accuracy ± std', () => {
    const running = makeSummary({
      id: 'e1',
      name: 'Running sweep',
      status: 'running',
      trialCount: 8,
      trialCounts: { queued: 3, running: 1, paused: 0, waiting: 0, stopped: 0, completed: 3, failed: 1, cancelled: 0 },
      bestTrial: { id: 't3', number: 3, meanValAccuracy: 0.8765, stdValAccuracy: 0.0123 },
    });
    const queued = makeSummary({ id: 'e2', name: 'Queued sweep', status: 'queued', bestTrial: null });
    render(<ExperimentsTable experiments={[running, queued]} />);

    const [first, second] = screen.getAllByRole('row').slice(1);
    const row = within(first!);
    expect(row.getByRole('link', { name: 'Running sweep' }).getAttribute('href')).toBe('/experiments/e1');
    expect(row.getByText('running')).toBeTruthy();
    expect(row.getByText('4 / 8')).toBeTruthy();
    expect(row.getByRole('progressbar').getAttribute('aria-valuenow')).toBe('50');
    expect(row.getByText('87.65% ± 1.23')).toBeTruthy();
    expect(row.getByText('21 Nov 2026, 23:00 UTC')).toBeTruthy();
    expect(within(second!).getByText('0 / 4')).toBeTruthy();
    expect(within(second!).getByText('—')).toBeTruthy();
  });
});
