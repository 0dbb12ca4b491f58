import { act, fireEvent, screen, within } from '@testing-library/react';
import { renderWithQuery } from '../../test/query';
import { paramsOf, type TTrialRow, type TTrialTable, type TTrialTableKeys, type TTrialTableQueryInput } from '@atelier/domain';
import { fakeApi } from '../../test/fixtures/api';
import { makeExperiment, makeTrial } from '../../test/fixtures/experiment';
import { makeMetricSummary } from '../../test/fixtures/run';
import { runColumnsStorageKey } from '@/components/runs/use-run-columns';
import { ApiError } from '@/lib/api-client';
import { tableStateFromParams } from './trial-url-state';
import { TrialsExplorer, trialColumnsScope } from './trials-explorer';

function row(number: number, overrides: Partial<TTrialRow> = {}): TTrialRow {
  const trial = makeTrial(number);
  return {
    id: trial.id,
    number,
    status: 'completed',
    hyperparameters: trial.hyperparameters,
    parameterCount: 54_410,
    meanValAccuracy: 0.8 + number / 100,
    stdValAccuracy: 0.01,
    meanValLoss: 0.5,
    testAccuracy: null,
    progress: 1,
    rung: null,
    startedAt: null,
    finishedAt: null,
    error: null,
    diverged: null,
    params: paramsOf(trial.hyperparameters),
    metrics: {
      accuracy: makeMetricSummary(0.9 + number / 1000),
      val_loss: makeMetricSummary(0.4),
      images_per_second: makeMetricSummary(1234.5),
    },
    ...overrides,
  };
}

const KEYS: TTrialTableKeys = {
  params: ['activation', 'architecture', 'batchSize', 'epochs', 'learningRate', 'momentum', 'optimizer'].map((key) => ({
    key,
    numeric: !['activation', 'architecture', 'optimizer'].includes(key),
  })),
  metrics: ['accuracy', 'images_per_second', 'val_loss'],
};

function table(items: TTrialRow[], total: number, offset = 0, keys: TTrialTableKeys = KEYS): TTrialTable {
  return { experimentId: 'exp', total, limit: 25, offset, sort: 'number', order: 'asc', filter: '', keys, items };
}

async function settle() {
  // the answer's promise, then the cache's notification (a zero timeout)
  await act(() => jest.advanceTimersByTimeAsync(300));
}

const headers = () =>
  Array.from(screen.getByTestId('trials-table').querySelectorAll('thead tr:last-child th')).map((th) =>
    th.textContent.replace(/[↑↓↕]/g, '').trim(),
  );
const cells = (trialId: string) =>
  Object.fromEntries(
    Array.from(document.querySelectorAll(`tr[data-trial-id="${trialId}"] td[data-column]`)).map((td) => [
      td.getAttribute('data-column') ?? '',
      td.textContent,
    ]),
  );

describe('TrialsExplorer', () => {
  beforeEach(() => {
    jest.useFakeTimers();
    window.localStorage.clear();
  });
  afterEach(() => jest.useRealTimers());
  const experiment = makeExperiment();
  const props = {
    experimentId: 'exp',
    experimentName: 'Sweep',
    space: experiment.space,
    bestTrialId: null,
    progress: {},
    showRung: false,
    folds: 2,
  };

  it('shows one server page of a large search and asks the server for the next one', async () => {
    const listTrials = jest.fn((_id: string, query: TTrialTableQueryInput = {}) =>
      Promise.resolve(table([row(Number(query.offset ?? 0) + 1), row(Number(query.offset ?? 0) + 2)], 10_000, Number(query.offset ?? 0))),
    );
    renderWithQuery(<TrialsExplorer {...props} bestTrialId="trial-2" api={fakeApi({ listTrials })} />);
    await settle();
    expect(listTrials).toHaveBeenLastCalledWith('exp', { sort: 'number', order: 'asc', offset: 0, limit: 25 });
    const body = screen.getByTestId('trials-table').querySelector('tbody')!;
    expect(within(body).getAllByRole('row')).toHaveLength(2);
    expect(screen.getByTestId('trials-range').textContent).toBe('1–25 of 10,000 trials');
    expect(
      within(body)
        .getAllByTestId('cell-accuracy')
        .map((c) => c.textContent),
    ).toEqual(['81.0% ± 1.00', '82.0% ± 1.00']);
    expect(body.querySelectorAll('tr[data-best]')).toHaveLength(1);
    expect(
      within(body)
        .getAllByRole('link')
        .map((a) => a.getAttribute('href')),
    ).toEqual(['/trials/trial-1', '/trials/trial-2']);

    fireEvent.click(screen.getByRole('button', { name: 'Next' }));
    await settle();
    expect(listTrials).toHaveBeenLastCalledWith('exp', expect.objectContaining({ offset: 25 }));
  });

  it('has a column per params and metric key of the search (the added hyperparameters too), with values as stored', async () => {
    const keys = { ...KEYS, params: [...KEYS.params, { key: 'dropout', numeric: true }] };
    const listTrials = jest.fn(() =>
      Promise.resolve(
        table(
          [
            row(1, {
              params: { ...paramsOf(makeTrial(1).hyperparameters), dropout: 0.25 },
              metrics: { accuracy: makeMetricSummary('NaN') },
            }),
            row(2, { status: 'running', meanValAccuracy: null, stdValAccuracy: null }),
          ],
          2,
          0,
          keys,
        ),
      ),
    );
    renderWithQuery(<TrialsExplorer {...props} space={{ ...experiment.space, dropout: [0, 0.25] }} api={fakeApi({ listTrials })} />);
    await settle();
    // the space's hyperparameters, epochs, and the default metrics; the key as the filter language names it
    expect(headers()).toEqual([
      'Compare',
      '#',
      'Status',
      'Progress',
      'Mean val. acc. ± std',
      'Val. loss',
      'Test acc.',
      'Params',
      'activation',
      'architecture',
      'batchSize',
      'dropout',
      'epochs',
      'learningRate',
      'momentum',
      'optimizer',
      'accuracy',
      'images_per_second',
    ]);
    expect(cells('trial-1')).toMatchObject({
      'params.dropout': '0.25',
      'params.learningRate': '0.01',
      'params.optimizer': 'adam',
      'metrics.accuracy': 'NaN',
    });
    expect(cells('trial-2')).toMatchObject({
      'params.dropout': '—',
      'metrics.accuracy': '0.902',
      'metrics.images_per_second': '1230',
      meanValAccuracy: '—',
    });
    expect(screen.getByRole('button', { name: /Columns/ }).textContent).toContain('(16 of 17)');
  });

  it('sorts by any column on the server: the table’s own, a parameter, a metric', async () => {
    const listTrials = jest.fn(() => Promise.resolve(table([row(1)], 1)));
    renderWithQuery(<TrialsExplorer {...props} showRung api={fakeApi({ listTrials })} />);
    await settle();
    fireEvent.click(screen.getByRole('button', { name: /Mean val\. acc/ }));
    await settle();
    expect(listTrials).toHaveBeenLastCalledWith('exp', { sort: 'meanValAccuracy', order: 'desc', offset: 0, limit: 25 });
    fireEvent.click(screen.getByRole('button', { name: /^learningRate/ }));
    await settle();
    expect(listTrials).toHaveBeenLastCalledWith('exp', { sort: 'params.learningRate', order: 'asc', offset: 0, limit: 25 });
    fireEvent.click(screen.getByRole('button', { name: /^learningRate/ }));
    await settle();
    expect(listTrials).toHaveBeenLastCalledWith('exp', expect.objectContaining({ sort: 'params.learningRate', order: 'desc' }));
    expect(screen.getByRole('columnheader', { name: /learningRate/ }).getAttribute('aria-sort')).toBe('descending');
    fireEvent.click(screen.getByRole('button', { name: /^accuracy/ }));
    await settle();
    expect(listTrials).toHaveBeenLastCalledWith('exp', expect.objectContaining({ sort: 'metrics.accuracy', order: 'desc' }));
    expect(screen.getByRole('columnheader', { name: /Rung/ })).toBeTruthy();
  });

  it('sends the filter language as typed, carries it into the CSV, and shows a refused filter with its caret', async () => {
    const broken = 'params.learningRate < and metrics.val_accuracy > 0.9';
    const listTrials = jest.fn((_id: string, query: TTrialTableQueryInput = {}) => {
      if (query.filter === broken) {
        const message = "at position 22: expected a value (a number, 'text', true or false) but found 'and'";
        return Promise.reject(
          new ApiError(400, {
            error: 'validation_failed',
            message: `Invalid filter: ${message}`,
            issues: [{ path: 'filter', message }],
            position: 22,
          }),
        );
      }
      return Promise.resolve(table(query.filter ? [row(2)] : [row(1), row(2)], query.filter ? 1 : 2));
    });
    renderWithQuery(<TrialsExplorer {...props} api={fakeApi({ listTrials })} />);
    await settle();
    const box = screen.getByLabelText('Filter');
    expect(screen.getByRole('search', { name: 'Filter trials' })).toBeTruthy();
    const filter = "params.learningRate < 0.01 and metrics.val_accuracy > 0.9 and attributes.status = 'completed'";
    fireEvent.change(box, { target: { value: ` ${filter} ` } });
    fireEvent.submit(box);
    await settle();
    expect(listTrials).toHaveBeenLastCalledWith('exp', { sort: 'number', order: 'asc', offset: 0, limit: 25, filter });
    expect(document.querySelectorAll('tbody tr')).toHaveLength(1);
    expect(screen.getByTestId('trials-range').textContent).toBe('1–1 of 1 trials matching');
    expect(screen.getByTestId('trials-csv').getAttribute('href')).toBe(
      `/api/experiments/exp/trials.csv?sort=number&order=asc&filter=${encodeURIComponent(filter).replace(/%20/g, '+').replace(/'/g, '%27')}`,
    );
    expect(new URLSearchParams(window.location.search).get('filter')).toBe(filter);

    fireEvent.change(box, { target: { value: broken } });
    fireEvent.submit(box);
    await settle();
    const error = screen.getByTestId('run-filter-error');
    expect(error.querySelector('p')!.textContent).toBe(
      "Invalid filter: at position 22: expected a value (a number, 'text', true or false) but found 'and'",
    );
    expect(error.querySelector('pre')!.textContent).toBe(`${broken}\n${' '.repeat(22)}^`);
    expect(box.getAttribute('aria-invalid')).toBe('true');
    // the last good rows stay, and nothing else reads as a failure
    expect(document.querySelectorAll('tbody tr')).toHaveLength(1);
    expect(screen.queryByText(/Could not load the trials/)).toBeNull();

    const calls = listTrials.mock.calls.length;
    fireEvent.click(screen.getByRole('button', { name: 'Clear' }));
    await settle();
    // the unfiltered page read a moment ago comes from the cache
    expect(listTrials).toHaveBeenCalledTimes(calls);
    expect(screen.queryByTestId('run-filter-error')).toBeNull();
    expect(document.querySelectorAll('tbody tr')).toHaveLength(2);
    window.history.replaceState(null, '', '/');
  });

  it('keeps the column picker’s choices per experiment, apart from a runs table’s', async () => {
    const listTrials = jest.fn(() => Promise.resolve(table([row(1)], 1)));
    renderWithQuery(<TrialsExplorer {...props} api={fakeApi({ listTrials })} />);
    await settle();
    fireEvent.click(screen.getByTestId('column-picker-button'));
    const panel = screen.getByRole('group', { name: 'Columns to show' });
    expect(
      within(panel)
        .getAllByRole('group')
        .map((g) => g.querySelector('legend')!.firstChild!.textContent),
    ).toEqual(['Trial', 'Parameters', 'Metrics']);
    fireEvent.click(within(panel).getByRole('checkbox', { name: 'val_loss' }));
    fireEvent.click(within(panel).getByRole('checkbox', { name: 'Progress' }));
    expect(headers()).toContain('val_loss');
    expect(headers()).not.toContain('Progress');
    expect(JSON.parse(window.localStorage.getItem(runColumnsStorageKey(trialColumnsScope('exp')))!)).toEqual({
      shown: ['metrics.val_loss'],
      hidden: ['progress'],
    });
    expect(window.localStorage.getItem(runColumnsStorageKey('exp'))).toBeNull();
  });

  it('shows only the trials brushed in the parallel-coordinates plot, and marks ties and diverged runs', async () => {
    const listTrials = jest.fn(() =>
      Promise.resolve(table([row(2), row(3), row(4, { meanValAccuracy: 0.1, diverged: 'chance-accuracy' })], 3)),
    );
    const brushProps = {
      ...props,
      bestTrialId: 'trial-2',
      folds: 3,
      ties: { bestTrialNumber: 2, tiedTrialNumbers: [3] },
      api: fakeApi({ listTrials }),
    };
    const { rerender } = renderWithQuery(<TrialsExplorer {...brushProps} brushed={[2, 3, 4]} />);
    await settle();
    expect(listTrials).toHaveBeenLastCalledWith('exp', { sort: 'number', order: 'asc', offset: 0, limit: 25, number: '2,3,4' });
    const body = screen.getByTestId('trials-table').querySelector('tbody')!;
    const badges = (testId: string) =>
      within(body)
        .queryAllByTestId(testId)
        .map((b) => b.closest('tr')!.getAttribute('data-trial-id'));
    expect(badges('tied-badge')).toEqual(['trial-3']);
    expect(within(body).getByTestId('tied-badge').textContent).toBe('tied with #2');
    expect(badges('diverged-badge')).toEqual(['trial-4']);
    expect(screen.getByTestId('trials-csv').getAttribute('href')).toBe(
      '/api/experiments/exp/trials.csv?sort=number&order=asc&number=2%2C3%2C4',
    );

    // a brush that holds no trial asks for none; no brush asks for all
    rerender(<TrialsExplorer {...brushProps} brushed={[]} />);
    await settle();
    expect(listTrials).toHaveBeenLastCalledWith('exp', expect.objectContaining({ number: '0' }));
    rerender(<TrialsExplorer {...brushProps} brushed={null} />);
    await settle();
    expect(listTrials).toHaveBeenLastCalledWith('exp', { sort: 'number', order: 'asc', offset: 0, limit: 25 });
  });

  it('starts from the state in the URL and keeps the URL in step with sorting and filtering', async () => {
    window.history.replaceState(null, '', '/experiments/exp?show=1%2C2&sort=meanValAccuracy&order=desc&status=completed');
    const listTrials = jest.fn(() => Promise.resolve(table([row(1)], 1)));
    renderWithQuery(
      <TrialsExplorer
        {...props}
        initialState={tableStateFromParams(new URLSearchParams(window.location.search))}
        api={fakeApi({ listTrials })}
      />,
    );
    await settle();
    // a link from before the filter box: its status filter in the language
    expect(listTrials).toHaveBeenLastCalledWith(
      'exp',
      expect.objectContaining({ sort: 'meanValAccuracy', order: 'desc', filter: "attributes.status = 'completed'" }),
    );
    expect(screen.getByLabelText<HTMLInputElement>('Filter').value).toBe("attributes.status = 'completed'");

    fireEvent.click(screen.getByRole('button', { name: /^batchSize/ }));
    fireEvent.click(screen.getByRole('button', { name: 'Clear' }));
    await settle();
    const params = new URLSearchParams(window.location.search);
    expect(Object.fromEntries(params)).toEqual({ show: '1,2', sort: 'params.batchSize', order: 'asc' });
    expect(tableStateFromParams(params)).toMatchObject({ sort: 'params.batchSize', order: 'asc', filter: '' });
    window.history.replaceState(null, '', '/');
  });
});
