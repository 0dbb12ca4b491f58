import { useMemo } from 'react';
import { act, render, screen } from '@testing-library/react';
import type { TLeaderboard } from '@atelier/domain';
import { fakeApi } from '@/test/fixtures/api';
import { makeLeaderboard } from '@/test/fixtures/leaderboard';
import { useLeaderboard } from './use-leaderboard';

function Probe({ getLeaderboard, rung, version }: { getLeaderboard: (id: string, options?: { limit?: number; rung?: number | null }) => Promise<TLeaderboard>; rung: number | null; version: string }) {
  const api = useMemo(() => fakeApi({ getLeaderboard }), [getLeaderboard]);
  const { board, error } = useLeaderboard('exp', { version, rung, limit: 500, enabled: true, api });
  return <p data-testid="probe">{`${board ? `rung ${board.view.rung}` : 'loading'}${error ? ` | ${error}` : ''}`}</p>;
}

describe('useLeaderboard', () => {
  it('asks for the chosen rung, again when a trial gets a score, and keeps the last board on an error', async () => {
    let fail = false;
    const getLeaderboard = jest.fn(async (_id: string, options: { rung?: number | null } = {}) => {
      if (fail) throw new Error('API down');
      return makeLeaderboard({ view: { ...makeLeaderboard().view, rung: options.rung ?? 0 } });
    });
    const { rerender } = render(<Probe getLeaderboard={getLeaderboard} rung={null} version="a" />);
    await act(async () => {});
    expect(getLeaderboard).toHaveBeenLastCalledWith('exp', { limit: 500, rung: null });
    expect(screen.getByTestId('probe').textContent).toBe('rung 0');
    rerender(<Probe getLeaderboard={getLeaderboard} rung={2} version="a" />);
    await act(async () => {});
    expect(getLeaderboard).toHaveBeenLastCalledWith('exp', { limit: 500, rung: 2 });
    expect(screen.getByTestId('probe').textContent).toBe('rung 2');
    rerender(<Probe getLeaderboard={getLeaderboard} rung={2} version="b" />);
    await act(async () => {});
    expect(getLeaderboard).toHaveBeenCalledTimes(3);
    fail = true;
    rerender(<Probe getLeaderboard={getLeaderboard} rung={2} version="c" />);
    await act(async () => {});
    expect(screen.getByTestId('probe').textContent).toBe('rung 2 | API down');
  });
});
