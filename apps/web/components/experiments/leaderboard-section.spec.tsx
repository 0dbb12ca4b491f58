import { fireEvent, render, screen, within } from '@testing-library/react';
import { TIE_RULE } from '@atelier/domain';
import { makeImportance, makeLeaderboard, makePoint } from '../../test/fixtures/leaderboard';
import { LeaderboardSection } from './leaderboard-section';

describe('LeaderboardSection', () => {
  it('marks the trials tied with the best and the diverged ones, and states the tie rule', () => {
    render(<LeaderboardSection board={makeLeaderboard()} error={null} experimentName="Sweep" />);
    const table = screen.getByTestId('leaderboard');
    const rows = within(table).getAllByRole('row').slice(1);
    expect(
      rows.map((r) => [
        within(r).queryByTestId('tied-badge')?.textContent ?? null,
        within(r).queryByTestId('diverged-badge')?.getAttribute('data-reason') ?? null,
      ]),
    ).toEqual([
      [null, null],
      ['tied with #1', null],
      [null, 'chance-accuracy'],
    ]);
    expect(screen.getByTestId('tie-rule').textContent).toBe(`1 trial is tied with #1: tied means ${TIE_RULE}.`);
    // no ASHA: no rung to choose
    expect(screen.queryByTestId('rung-select')).toBeNull();
  });

  it('under ASHA offers the rungs for the views and says what the scores are', () => {
    const onRungChange = jest.fn();
    const board = makeLeaderboard({
      rungs: [
        { rung: 0, epochs: 1, trials: 27 },
        { rung: 1, epochs: 3, trials: 9 },
      ],
      view: {
        rung: 1,
        epochs: 3,
        dimensions: ['learningRate'],
        points: [1, 2, 3].map((n) => makePoint(n, { hyperparameters: { ...makePoint(n).hyperparameters, learningRate: 10 ** -n } })),
        totalPoints: 9,
        importance: makeImportance({ trials: 9, warning: 'Only 9 usable trials: importance from fewer than 10 is mostly noise.' }),
      },
    });
    const { container } = render(<LeaderboardSection board={board} error={null} experimentName="Sweep" onRungChange={onRungChange} />);
    const select = screen.getByTestId<HTMLSelectElement>('rung-select');
    expect(Array.from(select.options).map((o) => o.textContent)).toEqual(['rung 0 · 1 epoch · 27 trials', 'rung 1 · 3 epochs · 9 trials']);
    expect(select.value).toBe('1');
    fireEvent.change(select, { target: { value: '0' } });
    expect(onRungChange).toHaveBeenCalledWith(0);
    expect(screen.getByTestId('importance-method').textContent).toMatch(/mean validation accuracy at rung 1 \(3 epochs\)/);
    expect(screen.getByTestId('importance-warning')).toBeTruthy();
    expect(Array.from(container.querySelectorAll('[data-testid="parallel-axis"]')).map((a) => a.getAttribute('data-axis'))).toEqual([
      'learningRate',
      'score',
    ]);
    expect(container.querySelector('[data-axis="score"] text')!.textContent).toBe('Val. accuracy (rung 1)');
  });
});
