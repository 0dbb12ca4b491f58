import { act, screen } from '@testing-library/react';
import type { TExperimentList } from '@atelier/domain';
import { fakeApi } from '@/test/fixtures/api';
import { makeSummary } from '@/test/fixtures/experiment';
import { renderWithQuery } from '@/test/query';
import { INITIAL_LIST_STATE } from './experiment-list';
import { LIST_REFRESH_MS, useExperimentList } from './use-experiment-list';

function Probe({ initial, listExperiments }: { initial: TExperimentList; listExperiments: () => Promise<TExperimentList> }) {
  const { data } = useExperimentList(INITIAL_LIST_STATE, initial, fakeApi({ listExperiments }));
  return <p data-testid="statuses">{data.items.map((item) => item.status).join(',')}</p>;
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

  it('does not poll a list where nothing trains', async () => {
    const listExperiments = jest.fn(() => Promise.resolve<TExperimentList>({ total: 0, items: [] }));
    renderWithQuery(
      <Probe initial={{ total: 1, items: [makeSummary({ id: 'e1', status: 'failed' })] }} listExperiments={listExperiments} />,
    );
    await act(async () => jest.advanceTimersByTimeAsync(LIST_REFRESH_MS * 3));
    expect(listExperiments).not.toHaveBeenCalled();
  });
});
