import { render, screen, within } from '@testing-library/react';
import { makeSummary } from '../../test/fixtures/experiment';
import { INITIAL_LIST_STATE, sortHref } from './experiment-list';
import { ExperimentsTable } from './experiments-table';

const NONE = { queued: 0, running: 0, paused: 0, waiting: 0, stopped: 0, completed: 0, failed: 0, cancelled: 0 };

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
    // failed trials are not passed off as done
    expect(row.getByText('3 / 8 completed · 1 failed')).toBeTruthy();
    expect(row.getByRole('progressbar').getAttribute('aria-valuenow')).toBe('38');
    expect(row.getByText('87.7% ± 1.23')).toBeTruthy();
    expect(row.getByText('21 Nov 2026, 23:00 UTC')).toBeTruthy();
    expect(within(second!).getByText(/^0 \/ \d+ completed$/)).toBeTruthy();
    // no best trial, not finished
    expect(within(second!).getAllByText('—')).toHaveLength(2);
  });

  it('counts ASHA-stopped trials as done and cancelled ones apart', () => {
    const asha = makeSummary({
      id: 'a',
      name: 'ASHA',
      status: 'completed',
      trialCount: 4,
      trialCounts: { ...NONE, completed: 1, stopped: 3 },
    });
    const cancelled = makeSummary({
      id: 'c',
      name: 'Cancelled',
      status: 'cancelled',
      trialCount: 6,
      trialCounts: { ...NONE, completed: 2, cancelled: 4 },
    });
    render(<ExperimentsTable experiments={[asha, cancelled]} />);
    const [first, second] = screen.getAllByRole('row').slice(1);
    expect(within(first!).getByRole('progressbar').getAttribute('aria-valuetext')).toBe('1 / 4 completed · 3 stopped early');
    expect(within(first!).getByRole('progressbar').getAttribute('aria-valuenow')).toBe('100');
    expect(within(second!).getByRole('progressbar').getAttribute('aria-valuetext')).toBe('2 / 6 completed · 4 cancelled');
    expect(within(second!).getByRole('progressbar').getAttribute('aria-valuenow')).toBe('33');
  });

  it('names each row’s project, linking to its list, only when asked to', () => {
    const audio = makeSummary({ id: 'a1', name: 'Audio sweep', project: { slug: 'audio', name: 'Audio team' } });
    const { unmount } = render(<ExperimentsTable experiments={[makeSummary(), audio]} showProject />);
    expect(screen.getByRole('columnheader', { name: 'Project' })).toBeTruthy();
    const cells = screen.getAllByTestId('experiment-project');
    expect(cells.map((cell) => cell.textContent)).toEqual(['Vision lab', 'Audio team']);
    expect(within(cells[1]!).getByRole('link').getAttribute('href')).toBe('/experiments?project=audio');
    unmount();
    render(<ExperimentsTable experiments={[audio]} />);
    expect(screen.queryByRole('columnheader', { name: 'Project' })).toBeNull();
    expect(screen.queryAllByTestId('experiment-project')).toHaveLength(0);
  });

  it('has plain headers without sorting', () => {
    render(<ExperimentsTable experiments={[makeSummary()]} />);
    expect(screen.getByRole('columnheader', { name: 'Name' }).getAttribute('aria-sort')).toBeNull();
    expect(screen.queryAllByRole('link', { name: /Name/ })).toHaveLength(0);
  });

  it('links each column header to its sort, marking the current one with aria-sort', () => {
    const state = { ...INITIAL_LIST_STATE, sort: 'bestValAccuracy' as const, order: 'desc' as const, dataset: 'mnist' };
    render(
      <ExperimentsTable
        experiments={[makeSummary()]}
        sorting={{ sort: state.sort, order: state.order, href: (field) => sortHref(state, field) }}
      />,
    );
    const headers = screen.getAllByRole('columnheader');
    expect(headers.map((h) => h.textContent)).toEqual([
      'Name ↕',
      'Dataset ↕',
      'Status ↕',
      'Trials / runs ↕',
      'Best val. accuracy ↓',
      'Created ↕',
      'Finished ↕',
    ]);
    expect(headers.map((h) => h.getAttribute('aria-sort'))).toEqual([null, null, null, null, 'descending', null, null]);
    const href = (name: RegExp) => screen.getByRole('link', { name }).getAttribute('href');
    // the current column flips; the others start in their own default order; the filters stay
    expect(href(/^Best val\. accuracy/)).toBe('/experiments?sort=bestValAccuracy&order=asc&dataset=mnist');
    expect(href(/^Name/)).toBe('/experiments?sort=name&dataset=mnist');
    expect(href(/^Created/)).toBe('/experiments?dataset=mnist');
    expect(href(/^Finished/)).toBe('/experiments?sort=finishedAt&dataset=mnist');
    expect(screen.getByRole('table').querySelector('caption')!.textContent).toBe('Experiments, sorted by best val. accuracy, descending');
  });

  it('marks an ascending sort', () => {
    render(<ExperimentsTable experiments={[]} sorting={{ sort: 'name', order: 'asc', href: () => '/experiments' }} />);
    const name = screen.getByRole('columnheader', { name: /Name/ });
    expect(name.getAttribute('aria-sort')).toBe('ascending');
    expect(name.textContent).toBe('Name ↑');
  });

  it('sets runs logged from code beside searches: a badge, their run count, no dataset', () => {
    const tracked = makeSummary({
      id: 't1',
      name: 'notebook runs',
      kind: 'tracked',
      dataset: null,
      strategy: null,
      status: 'running',
      trialCount: 3,
      trialCounts: { ...NONE, running: 1, completed: 2 },
      bestTrial: null,
    });
    render(<ExperimentsTable experiments={[tracked, makeSummary({ id: 's1' })]} />);
    const [first, second] = screen.getAllByRole('row').slice(1);
    const row = within(first!);
    expect(row.getByRole('link', { name: 'notebook runs' }).getAttribute('href')).toBe('/experiments/t1');
    expect(row.getByTestId('logged-from-code').textContent).toBe('logged from code');
    expect(row.getByTestId('run-count').textContent).toBe('3 runs · 1 running');
    expect(row.queryByRole('progressbar')).toBeNull();
    expect(first!.querySelectorAll('td')[1]!.textContent).toBe('—');
    // a search keeps its progress bar and dataset
    expect(within(second!).queryByTestId('logged-from-code')).toBeNull();
    expect(within(second!).getByRole('progressbar')).toBeTruthy();
    expect(within(second!).getByText('fashion-mnist')).toBeTruthy();
  });
});
