import { act, fireEvent, render, screen, within } from '@testing-library/react';
import type { TTrialRow, TTrialTable } from '@atelier/domain';
import { fakeApi } from '../../test/fixtures/api';
import { makeExperiment, makeTrial } from '../../test/fixtures/experiment';
import { tableStateFromParams } from '@/lib/trial-url-state';
import { TrialsExplorer } from './trials-explorer';

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
    ...overrides,
  };
}

function table(items: TTrialRow[], total: number, offset = 0): TTrialTable {
  return { experimentId: 'exp', total, limit: 25, offset, sort: 'number', order: 'asc', items };
}

async function settle() {
  await act(async () => {
    jest.advanceTimersByTime(300);
    await Promise.resolve();
  });
}

describe('TrialsExplorer', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());
  const experiment = makeExperiment();

  it('shows one server page of a large search and asks the server for the next one', async () => {
    const listTrials = jest.fn(async (_id: string, query: Record<string, unknown> = {}) =>
      table([row(Number(query['offset'] ?? 0) + 1), row(Number(query['offset'] ?? 0) + 2)], 10_000, Number(query['offset'] ?? 0)),
    );
    render(
      <TrialsExplorer
        experimentId="exp"
        experimentName="Sweep"
        space={experiment.space}
        bestTrialId="trial-2"
        progress={{}}
        version="v1"
        showRung={false}
        folds={2}
        api={fakeApi({ listTrials })}
      />,
    );
    await settle();
    expect(listTrials).toHaveBeenLastCalledWith('exp', { sort: 'number', order: 'asc', offset: 0, limit: 25 });
    const body = screen.getByTestId('trials-table').querySelector('tbody')!;
    expect(within(body).getAllByRole('row')).toHaveLength(2);
    expect(screen.getByTestId('trials-range').textContent).toBe('1–25 of 10,000 trials');
    expect(within(body).getAllByTestId('cell-accuracy').map((c) => c.textContent)).toEqual(['81.0% ± 1.00', '82.0% ± 1.00']);
    expect(body.querySelectorAll('tr.row--best')).toHaveLength(1);

    fireEvent.click(screen.getByRole('button', { name: 'Next' }));
    await settle();
    expect(listTrials).toHaveBeenLastCalledWith('exp', expect.objectContaining({ offset: 25 }));
  });

  it('has a column for each hyperparameter the space searches, the added ones included, sortable on the server', async () => {
    const listTrials = jest.fn(async () => table([row(1, { hyperparameters: { ...makeTrial(1).hyperparameters, dropout: 0.25 } })], 1));
    render(
      <TrialsExplorer
        experimentId="exp"
        experimentName="Sweep"
        space={{ ...experiment.space, dropout: [0, 0.25] }}
        bestTrialId={null}
        progress={{}}
        version="v1"
        showRung={false}
        folds={2}
        api={fakeApi({ listTrials })}
      />,
    );
    await settle();
    const headers = screen.getAllByRole('columnheader').map((h) => h.textContent?.replace(/[↑↓↕]/g, '').trim());
    expect(headers.slice(1, 11)).toEqual(['#', 'Architecture', 'Batch', 'Epochs', 'Activation', 'Optimizer', 'LR', 'Momentum', 'Dropout', 'Status']);
    const cells = within(screen.getByTestId('trials-table').querySelector('tbody')!).getAllByRole('cell');
    expect(cells[9]!.textContent).toBe('0.25');
    fireEvent.click(screen.getByRole('button', { name: /Dropout/ }));
    await settle();
    expect(listTrials).toHaveBeenLastCalledWith('exp', expect.objectContaining({ sort: 'dropout', order: 'asc' }));
  });

  it('sorts and filters on the server, and the CSV link carries the same filters', async () => {
    const listTrials = jest.fn(async () => table([row(1)], 1));
    render(
      <TrialsExplorer
        experimentId="exp"
        experimentName="Sweep"
        space={experiment.space}
        bestTrialId={null}
        progress={{}}
        version="v1"
        showRung
        folds={2}
        api={fakeApi({ listTrials })}
      />,
    );
    await settle();
    fireEvent.click(screen.getByRole('button', { name: /Mean val\. acc/ }));
    fireEvent.change(screen.getByLabelText('Status'), { target: { value: 'completed' } });
    fireEvent.change(screen.getByLabelText('Minimum'), { target: { value: '80' } });
    await settle();
    expect(listTrials).toHaveBeenLastCalledWith('exp', {
      sort: 'meanValAccuracy',
      order: 'desc',
      offset: 0,
      limit: 25,
      status: 'completed',
      'meanValAccuracy.min': '0.8',
    });
    expect(screen.getByTestId('trials-csv').getAttribute('href')).toBe(
      '/api/experiments/exp/trials.csv?sort=meanValAccuracy&order=desc&status=completed&meanValAccuracy.min=0.8',
    );
    expect(screen.getByRole('columnheader', { name: /Rung/ })).toBeTruthy();
  });

  it('shows only the trials brushed in the parallel-coordinates plot, and marks ties and diverged runs', async () => {
    const listTrials = jest.fn(async () => table([row(2), row(3), row(4, { meanValAccuracy: 0.1, diverged: 'chance-accuracy' })], 3));
    const props = {
      experimentId: 'exp',
      experimentName: 'Sweep',
      space: experiment.space,
      bestTrialId: 'trial-2',
      progress: {},
      version: 'v1',
      showRung: false,
      folds: 3,
      ties: { bestTrialNumber: 2, tiedTrialNumbers: [3] },
      api: fakeApi({ listTrials }),
    };
    const { rerender } = render(<TrialsExplorer {...props} brushed={[2, 3, 4]} />);
    await settle();
    expect(listTrials).toHaveBeenLastCalledWith('exp', { sort: 'number', order: 'asc', offset: 0, limit: 25, number: '2,3,4' });
    const body = screen.getByTestId('trials-table').querySelector('tbody')!;
    const badges = (testId: string) => within(body).queryAllByTestId(testId).map((b) => b.closest('tr')!.getAttribute('data-trial-id'));
    expect(badges('tied-badge')).toEqual(['trial-3']);
    expect(within(body).getByTestId('tied-badge').textContent).toBe('tied with #2');
    expect(badges('diverged-badge')).toEqual(['trial-4']);

    // a brush that holds no trial asks for none; no brush asks for all
    rerender(<TrialsExplorer {...props} brushed={[]} />);
    await settle();
    expect(listTrials).toHaveBeenLastCalledWith('exp', expect.objectContaining({ number: '0' }));
    rerender(<TrialsExplorer {...props} brushed={null} />);
    await settle();
    expect(listTrials).toHaveBeenLastCalledWith('exp', { sort: 'number', order: 'asc', offset: 0, limit: 25 });
  });

  it('starts from the state in the URL and keeps the URL in step with sorting and filtering', async () => {
    window.history.replaceState(null, '', '/experiments/exp?show=1%2C2&sort=meanValAccuracy&order=desc&status=completed');
    const listTrials = jest.fn(async () => table([row(1)], 1));
    render(
      <TrialsExplorer
        experimentId="exp"
        experimentName="Sweep"
        space={experiment.space}
        bestTrialId={null}
        progress={{}}
        version="v1"
        showRung={false}
        folds={2}
        initialState={tableStateFromParams(new URLSearchParams(window.location.search))}
        api={fakeApi({ listTrials })}
      />,
    );
    await settle();
    expect(listTrials).toHaveBeenLastCalledWith('exp', expect.objectContaining({ sort: 'meanValAccuracy', order: 'desc', status: 'completed' }));
    expect((screen.getByLabelText('Status') as HTMLSelectElement).value).toBe('completed');

    fireEvent.click(screen.getByRole('button', { name: /^Batch/ }));
    fireEvent.change(screen.getByLabelText('Status'), { target: { value: '' } });
    await settle();
    const params = new URLSearchParams(window.location.search);
    expect(Object.fromEntries(params)).toEqual({ show: '1,2', sort: 'batchSize', order: 'asc' });
    expect(tableStateFromParams(params)).toMatchObject({ sort: 'batchSize', order: 'asc', values: {} });
    window.history.replaceState(null, '', '/');
  });
});
