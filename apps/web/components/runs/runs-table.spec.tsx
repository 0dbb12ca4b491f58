import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { renderWithQuery } from '@/test/query';
import type { TRunSummary } from '@atelier/domain';
import { fakeApi } from '../../test/fixtures/api';
import { makeMetricSummary, makeRunList, makeRunSummary } from '../../test/fixtures/run';
import { ApiError, type TRunListQueryInput } from '@/lib/api-client';
import { runColumnsStorageKey } from './use-run-columns';
import { RunsTable } from './runs-table';

const runs: TRunSummary[] = [
  makeRunSummary(1, {
    params: { lr: 0.01, optimizer: 'adam' },
    metrics: { loss: makeMetricSummary('NaN'), val_accuracy: makeMetricSummary(0.912) },
  }),
  makeRunSummary(2, { params: { lr: 0.0001, optimizer: 'sgd', warmup: true }, metrics: { loss: makeMetricSummary(0.25) }, status: 'lost' }),
];

const headers = () =>
  Array.from(screen.getByTestId('runs-table').querySelectorAll('thead tr:last-child th')).map((th) =>
    th.textContent.replace(/[↑↓↕]/g, '').trim(),
  );
const groups = () =>
  Array.from(screen.getByTestId('runs-table').querySelectorAll('thead th[scope="colgroup"]')).map((th) => [
    th.textContent,
    th.getAttribute('colspan'),
  ]);
const cells = (runId: string) =>
  Object.fromEntries(
    Array.from(document.querySelectorAll(`tr[data-run-id="${runId}"] td[data-column]`)).map((td) => [
      td.getAttribute('data-column') ?? '',
      td.textContent,
    ]),
  );

describe('RunsTable', () => {
  beforeEach(() => window.localStorage.clear());

  it('shows a column per parameter and metric on the page, with NaN named and settings as entered', () => {
    renderWithQuery(
      <RunsTable experimentId="e1" scope="e1" caption="Runs" initialPage={makeRunList(runs, { total: 2 })} api={fakeApi()} />,
    );
    expect(headers()).toEqual(['Compare', 'Run', 'Status', 'Created', 'lr', 'optimizer', 'warmup', 'loss', 'val_accuracy']);
    expect(cells('run-1')).toMatchObject({
      'params.lr': '0.01',
      'params.optimizer': 'adam',
      'params.warmup': '—',
      'metrics.loss': 'NaN',
      'metrics.val_accuracy': '0.912',
    });
    expect(cells('run-2')).toMatchObject({
      'params.lr': '1e-4',
      'params.warmup': 'true',
      'metrics.loss': '0.250',
      'metrics.val_accuracy': '—',
      status: 'lost',
    });
    expect(screen.getByTestId('runs-count').textContent).toBe('2 of 2 runs');
    expect(groups()).toEqual([
      ['Parameters', '3'],
      ['Metrics (last value)', '2'],
    ]);
  });

  it('asks the API to sort by a clicked header and flips it on a second click', async () => {
    const listRuns = jest.fn((_query?: TRunListQueryInput) => Promise.resolve(makeRunList(runs)));
    renderWithQuery(<RunsTable experimentId="e1" scope="e1" caption="Runs" initialPage={makeRunList(runs)} api={fakeApi({ listRuns })} />);
    fireEvent.click(screen.getByRole('button', { name: /^lr/ }));
    await waitFor(() => expect(listRuns).toHaveBeenLastCalledWith({ experiment: 'e1', sort: 'params.lr asc', limit: 50 }));
    fireEvent.click(screen.getByRole('button', { name: /^lr/ }));
    await waitFor(() => expect(listRuns).toHaveBeenLastCalledWith({ experiment: 'e1', sort: 'params.lr desc', limit: 50 }));
    expect(screen.getByRole('columnheader', { name: /lr/ }).getAttribute('aria-sort')).toBe('descending');
    // the URL keeps it, in the API's spelling
    expect(new URLSearchParams(window.location.search).get('sort')).toBe('params.lr desc');
  });

  it('sends the filter as typed and shows the API 400 with a caret under the position', async () => {
    const listRuns = jest.fn((query?: TRunListQueryInput) => {
      if (query?.filter === 'params.lr >> 1') {
        const message = "at position 11: expected a value after '>' but found '>'";
        return Promise.reject(
          new ApiError(400, {
            error: 'validation_failed',
            message: `Invalid filter: ${message}`,
            issues: [{ path: 'filter', message }],
            position: 11,
          }),
        );
      }
      return Promise.resolve(makeRunList(runs.slice(0, 1)));
    });
    renderWithQuery(<RunsTable experimentId="e1" scope="e1" caption="Runs" initialPage={makeRunList(runs)} api={fakeApi({ listRuns })} />);
    const box = screen.getByLabelText('Filter');
    fireEvent.change(box, { target: { value: ' params.lr >> 1 ' } });
    fireEvent.submit(box);
    const error = await screen.findByTestId('run-filter-error');
    expect(listRuns).toHaveBeenLastCalledWith({ experiment: 'e1', filter: 'params.lr >> 1', limit: 50 });
    expect(error.querySelector('p')!.textContent).toBe("Invalid filter: at position 11: expected a value after '>' but found '>'");
    expect(error.querySelector('pre')!.textContent).toBe('params.lr >> 1\n           ^');
    expect(box.getAttribute('aria-invalid')).toBe('true');
    // the last good rows stay
    expect(document.querySelectorAll('tbody tr')).toHaveLength(2);

    fireEvent.change(box, { target: { value: "params.optimizer = 'adam'" } });
    fireEvent.submit(box);
    await waitFor(() => expect(document.querySelectorAll('tbody tr')).toHaveLength(1));
    expect(screen.queryByTestId('run-filter-error')).toBeNull();
  });

  it('hides a column from the picker, by keyboard, and keeps the choice per experiment', () => {
    renderWithQuery(<RunsTable experimentId="e1" scope="e1" caption="Runs" initialPage={makeRunList(runs)} api={fakeApi()} />);
    const button = screen.getByTestId('column-picker-button');
    fireEvent.click(button);
    const panel = screen.getByRole('group', { name: 'Columns to show' });
    const optimizer = within(panel).getByRole('checkbox', { name: 'optimizer' });
    expect((optimizer as HTMLInputElement).checked).toBe(true);
    fireEvent.click(optimizer);
    expect(headers()).not.toContain('optimizer');
    expect(JSON.parse(window.localStorage.getItem(runColumnsStorageKey('e1'))!)).toEqual({ shown: [], hidden: ['params.optimizer'] });
    // every metric at once
    fireEvent.click(within(panel).getByRole('button', { name: 'Hide every metrics column' }));
    expect(headers()).not.toContain('loss');
    fireEvent.keyDown(panel, { key: 'Escape' });
    expect(screen.queryByRole('group', { name: 'Columns to show' })).toBeNull();
    expect(document.activeElement).toBe(button);
    expect(button.textContent).toBe('Columns (4 of 7)');
  });

  it('loads the next page from the cursor and appends it', async () => {
    const listRuns = jest.fn((query?: TRunListQueryInput) =>
      Promise.resolve(
        query?.cursor === 'c2'
          ? makeRunList([makeRunSummary(3)], { total: 3, nextCursor: null })
          : makeRunList(runs, { total: 3, nextCursor: 'c2' }),
      ),
    );
    renderWithQuery(<RunsTable experimentId="e1" scope="e1" caption="Runs" api={fakeApi({ listRuns })} />);
    await waitFor(() => expect(screen.getByTestId('runs-count').textContent).toBe('2 of 3 runs'));
    fireEvent.click(screen.getByRole('button', { name: 'Load more' }));
    await waitFor(() => expect(screen.getByTestId('runs-count').textContent).toBe('3 of 3 runs'));
    expect(listRuns).toHaveBeenLastCalledWith({ experiment: 'e1', limit: 50, cursor: 'c2' });
    expect(screen.queryByRole('button', { name: 'Load more' })).toBeNull();
  });

  it('shows a total the API stopped counting at as a lower bound', () => {
    renderWithQuery(
      <RunsTable
        experimentId="e1"
        scope="e1"
        caption="Runs"
        initialPage={makeRunList(runs, { total: 10_000, totalIsLowerBound: true, nextCursor: 'c2' })}
        api={fakeApi()}
      />,
    );
    expect(screen.getByTestId('runs-count').textContent).toBe('2 of 10,000+ runs');
  });

  it('lists nothing, and says why, when the filter of the URL cannot be read', async () => {
    const listRuns = jest.fn(() =>
      Promise.reject(
        new ApiError(400, {
          error: 'validation_failed',
          message: 'Invalid filter: at position 3: x',
          issues: [{ path: 'filter', message: 'x' }],
          position: 3,
        }),
      ),
    );
    renderWithQuery(
      <RunsTable
        experimentId="e1"
        scope="e1"
        caption="Runs"
        initialState={{ filter: 'abc def', sort: null }}
        api={fakeApi({ listRuns })}
      />,
    );
    await screen.findByTestId('run-filter-error');
    expect(screen.getByText(/The filter above cannot be read/)).toBeTruthy();
    expect(screen.queryByText(/No run matches/)).toBeNull();
  });

  it('shows a refused sort as an error of the table, not of the filter', async () => {
    const listRuns = jest.fn(() =>
      Promise.reject(
        new ApiError(400, {
          error: 'validation_failed',
          message: 'Invalid sort: at position 0: unknown attribute',
          issues: [{ path: 'sort', message: 'x' }],
        }),
      ),
    );
    renderWithQuery(
      <RunsTable
        experimentId="e1"
        scope="e1"
        caption="Runs"
        initialState={{ filter: '', sort: { field: 'attributes.bogus', direction: 'asc' } }}
        api={fakeApi({ listRuns })}
      />,
    );
    expect((await screen.findByRole('alert')).textContent).toBe('Could not load the runs: Invalid sort: at position 0: unknown attribute');
    expect(screen.queryByTestId('run-filter-error')).toBeNull();
  });

  it('refreshes the loaded rows while a run is still going', async () => {
    jest.useFakeTimers();
    try {
      const running = [makeRunSummary(1, { status: 'running' })];
      const listRuns = jest.fn(() => Promise.resolve(makeRunList([makeRunSummary(1, { status: 'completed' })])));
      renderWithQuery(
        <RunsTable experimentId="e1" scope="e1" caption="Runs" initialPage={makeRunList(running)} api={fakeApi({ listRuns })} />,
      );
      expect(cells('run-1')['status']).toBe('running');
      await act(async () => {
        jest.advanceTimersByTime(5100);
        await Promise.resolve();
      });
      expect(listRuns).toHaveBeenCalledWith({ experiment: 'e1', limit: 50 });
      await act(async () => Promise.resolve());
      expect(cells('run-1')['status']).toBe('completed');
    } finally {
      jest.useRealTimers();
    }
  });

  it('says what is empty: no runs yet, or none matching the filter', async () => {
    const listRuns = jest.fn(() => Promise.resolve(makeRunList([])));
    renderWithQuery(
      <RunsTable
        experimentId="e1"
        scope="e1"
        caption="Runs"
        initialState={{ filter: 'params.lr > 1', sort: null }}
        initialPage={makeRunList([])}
        api={fakeApi({ listRuns })}
      />,
    );
    expect(screen.getByText(/No run matches/).textContent).toContain('params.lr > 1');
    expect(groups()).toEqual([]);
    fireEvent.click(screen.getByRole('button', { name: 'Clear the filter' }));
    await screen.findByText(/No runs yet/);
  });
});
