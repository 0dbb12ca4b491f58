import { useMemo } from 'react';
import { act, screen, waitFor } from '@testing-library/react';
import type { TLeaderboard } from '@atelier/domain';
import { fakeApi } from '@/test/fixtures/api';
import { makeLeaderboard } from '@/test/fixtures/leaderboard';
import { renderWithQuery } from '@/test/query';
import { queryKeys } from '@/lib/query-keys';
import { useLeaderboard } from './use-leaderboard';

function Probe({
  getLeaderboard,
  rung,
}: {
  getLeaderboard: (id: string, options?: { limit?: number; rung?: number | null }) => Promise<TLeaderboard>;
  rung: number | null;
}) {
  const api = useMemo(() => fakeApi({ getLeaderboard }), [getLeaderboard]);
  const { board, error } = useLeaderboard('exp', { rung, limit: 500, enabled: true, api });
  return <p data-testid="probe">{`${board ? `rung ${String(board.view.rung)}` : 'loading'}${error ? ` | ${error}` : ''}`}</p>;
}

describe('useLeaderboard', () => {
  it('asks for the chosen rung, again when the stream invalidates it, and keeps the last board on an error', async () => {
    let fail = false;
    const getLeaderboard = jest.fn((_id: string, options: { rung?: number | null } = {}) =>
      fail
        ? Promise.reject(new Error('API down'))
        : Promise.resolve(makeLeaderboard({ view: { ...makeLeaderboard().view, rung: options.rung ?? 0 } })),
    );
    const { rerender, client } = renderWithQuery(<Probe getLeaderboard={getLeaderboard} rung={null} />);
    expect(screen.getByTestId('probe').textContent).toBe('loading');
    await waitFor(() => expect(screen.getByTestId('probe').textContent).toBe('rung 0'));
    expect(getLeaderboard).toHaveBeenLastCalledWith('exp', { limit: 500, rung: null });
    rerender(<Probe getLeaderboard={getLeaderboard} rung={2} />);
    // the last board stays while the next one loads
    expect(screen.getByTestId('probe').textContent).toBe('rung 0');
    await waitFor(() => expect(screen.getByTestId('probe').textContent).toBe('rung 2'));
    expect(getLeaderboard).toHaveBeenLastCalledWith('exp', { limit: 500, rung: 2 });
    await act(() => client.invalidateQueries({ queryKey: queryKeys.experiments.leaderboards('exp') }));
    expect(getLeaderboard).toHaveBeenCalledTimes(3);
    fail = true;
    await act(() => client.invalidateQueries({ queryKey: queryKeys.experiments.leaderboards('exp') }));
    await waitFor(() => expect(screen.getByTestId('probe').textContent).toBe('rung 2 | API down'));
  });
});
