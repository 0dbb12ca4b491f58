import { render, screen, within } from '@testing-library/react';
import { makeRunList, makeRunSummary, makeTrackedExperiment } from '../../test/fixtures/run';
import { TrackedExperimentView } from './tracked-experiment-view';

describe('TrackedExperimentView', () => {
  it('shows what the experiment is and lists its runs from the first page the server read', () => {
    const experiment = makeTrackedExperiment({ name: 'notebook runs', trialCount: 2, tags: { team: 'vision' }, notes: 'Baselines for **v2**.' });
    const { container } = render(
      <TrackedExperimentView experiment={experiment} runs={makeRunList([makeRunSummary(1), makeRunSummary(2)])} table={{ filter: '', sort: null }} />,
    );
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('notebook runs');
    expect(screen.getByTestId('logged-from-code')).toBeTruthy();
    expect(screen.getByTestId('header-runs').textContent).toBe('2');
    expect(screen.getByRole('list', { name: 'Experiment tags' }).textContent).toBe('team=vision');
    expect(container.querySelector('strong')!.textContent).toBe('v2');
    const table = screen.getByTestId('runs-table');
    expect(within(table).getAllByRole('link').map((a) => a.textContent)).toEqual(['run 1', 'run 2']);
    expect(table.querySelector('caption')!.textContent).toBe('Runs of notebook runs, newest first');
  });
});
