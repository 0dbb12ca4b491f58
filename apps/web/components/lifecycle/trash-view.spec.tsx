import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import type { TTrashList } from '@atelier/domain';
import { renderWithQuery } from '@/test/query';
import { browserApi } from '@/lib/api-client';
import { formatDateTime } from '@/lib/format';
import { LifecycleActions } from './lifecycle-actions';
import { TrashView } from './trash-view';

const push = jest.fn();
const refresh = jest.fn();
jest.mock('next/navigation', () => ({ useRouter: () => ({ push, refresh }) }));

const EXPERIMENT = '00000000-0000-4000-8000-0000000000e1';
const RUN = '00000000-0000-4000-8000-0000000000a1';

function trash(): TTrashList {
  return {
    retentionDays: 30,
    items: [
      {
        kind: 'run',
        id: RUN,
        name: 'lr 0.1',
        experimentId: EXPERIMENT,
        deletedAt: '2026-12-07T10:00:00.000Z',
        purgeAfter: '2027-01-06T10:00:00.000Z',
      },
      {
        kind: 'experiment',
        id: EXPERIMENT,
        name: 'sweep',
        experimentId: EXPERIMENT,
        deletedAt: '2026-12-06T09:00:00.000Z',
        purgeAfter: '2027-01-05T09:00:00.000Z',
      },
    ],
  };
}

beforeAll(() => {
  // jsdom has no <dialog> methods
  HTMLDialogElement.prototype.showModal = function showModal(this: HTMLDialogElement) {
    this.open = true;
  };
  HTMLDialogElement.prototype.close = function close(this: HTMLDialogElement) {
    this.open = false;
  };
});
afterEach(() => jest.restoreAllMocks());

describe('TrashView', () => {
  it('says the trash is empty and how long items wait', () => {
    renderWithQuery(<TrashView trash={{ retentionDays: 14, items: [] }} />);
    expect(screen.getByRole('heading', { name: 'The trash is empty' })).toBeTruthy();
    expect(screen.getByText(/wait here for 14 days/)).toBeTruthy();
  });

  it('lists each item with when it was deleted and when it goes, restores one and purges another', async () => {
    const restore = jest
      .spyOn(browserApi, 'restoreFromTrash')
      .mockResolvedValue({ kind: 'run', id: RUN, archivedAt: null, deletedAt: null });
    const purge = jest.spyOn(browserApi, 'purgeFromTrash').mockResolvedValue({ kind: 'experiment', id: EXPERIMENT, runs: 3, files: 3 });
    renderWithQuery(<TrashView trash={trash()} />);
    const rows = screen.getAllByRole('row').slice(1);
    expect(
      rows.map((row) => [
        within(row).getByRole('rowheader').textContent,
        ...within(row)
          .getAllByRole('cell')
          .slice(0, 3)
          .map((cell) => cell.textContent),
      ]),
    ).toEqual([
      ['lr 0.1', 'run', formatDateTime('2026-12-07T10:00:00.000Z'), formatDateTime('2027-01-06T10:00:00.000Z')],
      ['sweep', 'experiment', formatDateTime('2026-12-06T09:00:00.000Z'), formatDateTime('2027-01-05T09:00:00.000Z')],
    ]);
    expect(formatDateTime('2026-12-07T10:00:00.000Z')).toBe('07 Dec 2026, 10:00 UTC');

    fireEvent.click(within(rows[0]!).getByRole('button', { name: 'Restore' }));
    await waitFor(() => expect(refresh).toHaveBeenCalledTimes(1));
    expect(restore).toHaveBeenCalledWith('run', RUN);

    fireEvent.click(within(rows[1]!).getByRole('button', { name: 'Purge' }));
    const dialog = screen.getByRole('dialog', { name: 'Purge “sweep” for good?' });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Purge' }));
    await waitFor(() => expect(purge).toHaveBeenCalledWith('experiment', EXPERIMENT));
    await waitFor(() => expect(refresh).toHaveBeenCalledTimes(2));
  });

  it("shows the API's refusal of a restore in the row", async () => {
    jest.spyOn(browserApi, 'restoreFromTrash').mockRejectedValue(new Error("Experiment 'sweep' was purged from the trash"));
    renderWithQuery(<TrashView trash={trash()} />);
    fireEvent.click(screen.getAllByRole('button', { name: 'Restore' })[1]!);
    expect((await screen.findByRole('alert')).textContent).toBe("Experiment 'sweep' was purged from the trash");
  });
});

describe('LifecycleActions', () => {
  it('archives, then shows the archived note and offers Unarchive', async () => {
    const archive = jest
      .spyOn(browserApi, 'archive')
      .mockResolvedValue({ kind: 'experiment', id: EXPERIMENT, archivedAt: '2026-12-07T10:00:00.000Z', deletedAt: null });
    const { rerender } = renderWithQuery(<LifecycleActions kind="experiment" id={EXPERIMENT} name="sweep" archivedAt={null} />);
    fireEvent.click(screen.getByRole('button', { name: 'Archive' }));
    await waitFor(() => expect(archive).toHaveBeenCalledWith('experiment', EXPERIMENT));
    // the server page renders again with the new archivedAt
    rerender(<LifecycleActions kind="experiment" id={EXPERIMENT} name="sweep" archivedAt="2026-12-07T10:00:00.000Z" />);
    expect(screen.getByTestId('archived-note').textContent).toBe('Archived: left out of the experiment lists');
    expect(screen.getByRole('button', { name: 'Unarchive' })).toBeTruthy();
  });

  it('moves to the trash after asking, says a running search is cancelled first, then opens the trash', async () => {
    const trashIt = jest
      .spyOn(browserApi, 'moveToTrash')
      .mockResolvedValue({ kind: 'experiment', id: EXPERIMENT, archivedAt: null, deletedAt: '2026-12-07T10:00:00.000Z' });
    renderWithQuery(<LifecycleActions kind="experiment" id={EXPERIMENT} name="sweep" archivedAt={null} cancelsSearch />);
    fireEvent.click(screen.getByRole('button', { name: 'Delete' }));
    const dialog = screen.getByRole('dialog', { name: 'Move “sweep” to the trash?' });
    expect(within(dialog).getByText(/The search is cancelled first/)).toBeTruthy();
    fireEvent.click(within(dialog).getByRole('button', { name: 'Move to trash' }));
    await waitFor(() => expect(push).toHaveBeenCalledWith('/trash'));
    expect(trashIt).toHaveBeenCalledWith('experiment', EXPERIMENT);
  });
});
