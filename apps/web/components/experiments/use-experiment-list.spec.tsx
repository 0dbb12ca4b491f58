import { act, screen } from '@testing-library/react';
import type { TExperimentList } from '@atelier/domain';
import { fakeApi } from '@/test/fixtures/api';
import { makeSummary } from '@/test/fixtures/experiment';
import { renderWithQuery } from '@/test/query';
import { INITIAL_LIST_STATE, type ExperimentListState } from './experiment-list';
import { LIST_REFRESH_MS, useExperimentList } from './use-experiment-list';

function Probe({
  state = INITIAL_LIST_STATE,
  initial,
  listExperiments,
}: {
  state?: ExperimentListState;
  initial: TExperimentList;
  listExperiments: () => Promise<TExperimentList>;
}) {
  const { data } = useExperimentList(state, initial, fakeApi({ listExperiments }));
  return (
    <>
      <p data-testid="statuses">{data.items.map((item) => item.status).join(',')}</p>
      <p data-testid="ids">{data.items.map((item) => item.id).join(',')}</p>
    </>
  );
}

describe('useExperimentList', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('shows the server’s page first and reads it again while an experiment trains, then stops', async () => {
    const listExperiments = jest.fn(() =>
      Promise.resolve<TExperimentList>({ total: 1, items: [makeSummary({ id: 'e1', status: 'completed' })] }),
    );
    renderWithQuery(
      <Probe initial={{ total: 1, items: [makeSummary({ id: 'e1', status: 'running' })] }} listExperiments={listExperiments} />,
    );
    expect(screen.getByTestId('statuses').textContent).toBe('running');
    expect(listExperiments).not.toHaveBeenCalled();
    await act(async () => jest.advanceTimersByTimeAsync(LIST_REFRESH_MS + 10));
    expect(listExperiments).toHaveBeenCalledTimes(1);
    expect(screen.getByTestId('statuses').textContent).toBe('completed');
    await act(async () => jest.advanceTimersByTimeAsync(LIST_REFRESH_MS * 3));
    expect(listExperiments).toHaveBeenCalledTimes(1);
  });

  it("keeps one cache entry per project: switching shows that project's page and polls with its ?project", async () => {
    const listExperiments = jest.fn(() =>
      Promise.resolve<TExperimentList>({ total: 1, items: [makeSummary({ id: 'in-vision', status: 'completed' })] }),
    );
    const vision = { ...INITIAL_LIST_STATE, project: 'vision' };
    const view = renderWithQuery(
      <Probe
        state={vision}
        initial={{ total: 1, items: [makeSummary({ id: 'in-vision', status: 'running' })] }}
        listExperiments={listExperiments}
      />,
    );
    await act(async () => jest.advanceTimersByTimeAsync(LIST_REFRESH_MS + 10));
    expect(listExperiments).toHaveBeenCalledWith({ limit: 20, offset: 0, sort: 'createdAt', order: 'desc', project: 'vision' });
    expect(screen.getByTestId('ids').textContent).toBe('in-vision');
    // "All projects": another entry, the server's page for it, not the project's cached one
    const all: TExperimentList = {
      total: 2,
      items: [makeSummary({ id: 'in-vision', status: 'completed' }), makeSummary({ id: 'in-audio', status: 'completed' })],
    };
    view.rerender(<Probe initial={all} listExperiments={listExperiments} />);
    expect(screen.getByTestId('ids').textContent).toBe('in-vision,in-audio');
    // and back: the project's entry again
    view.rerender(<Probe state={vision} initial={all} listExperiments={listExperiments} />);
    expect(screen.getByTestId('ids').textContent).toBe('in-vision');
  });

  it('does not poll a list where nothing trains', async () => {
    const listExperiments = jest.fn(() => Promise.resolve<TExperimentList>({ total: 0, items: [] }));
    renderWithQuery(
      <Probe initial={{ total: 1, items: [makeSummary({ id: 'e1', status: 'failed' })] }} listExperiments={listExperiments} />,
    );
    await act(async () => jest.advanceTimersByTimeAsync(LIST_REFRESH_MS * 3));
    expect(listExperiments).not.toHaveBeenCalled();
  });
});
