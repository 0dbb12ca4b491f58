import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { renderWithQuery } from '@/test/query';
import type { TUpdateExperimentRequest } from '@atelier/domain';
import { fakeApi } from '../../test/fixtures/api';
import { makeExperiment } from '../../test/fixtures/experiment';
import { makeRunList, makeRunSummary, makeTrackedExperiment } from '../../test/fixtures/run';
import { describeRunCounts, TrackedExperimentView } from './tracked-experiment-view';

// the page's lifecycle actions (archive, delete) navigate with the app router
jest.mock('next/navigation', () => ({ useRouter: () => ({ push: jest.fn(), refresh: jest.fn() }) }));

const table = { filter: '', sort: null };

describe('TrackedExperimentView', () => {
  it('shows what the experiment is and lists its runs from the first page the server read', () => {
    const experiment = makeTrackedExperiment({
      name: 'notebook runs',
      trialCount: 2,
      tags: { team: 'vision' },
      notes: 'Baselines for **v2**.',
    });
    const { container } = renderWithQuery(
      <TrackedExperimentView
        experiment={experiment}
        runs={makeRunList([makeRunSummary(1), makeRunSummary(2)])}
        table={table}
        api={fakeApi()}
      />,
    );
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('notebook runs');
    expect(screen.getByTestId('logged-from-code')).toBeTruthy();
    expect(screen.getByTestId('header-runs').textContent).toBe('2');
    expect(screen.getByTestId('header-run-counts').textContent).toBe('1 running · 2 completed');
    expect(
      within(screen.getByRole('list', { name: 'Experiment tags' }))
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual(['team=vision×']);
    expect(container.querySelector('section[aria-labelledby="experiment-notes-title"] strong')!.textContent).toBe('v2');
    expect(screen.queryByTestId('lost-runs')).toBeNull();
    const runsTable = screen.getByTestId('runs-table');
    expect(
      within(runsTable)
        .getAllByRole('link')
        .map((a) => a.textContent),
    ).toEqual(['run 1', 'run 2']);
    expect(runsTable.querySelector('caption')!.textContent).toBe('Runs of notebook runs, newest first');
  });

  it('says why a run gone silent does not count as running', () => {
    const experiment = makeTrackedExperiment({
      status: 'failed',
      runCounts: { queued: 0, running: 0, paused: 0, waiting: 0, stopped: 0, completed: 0, failed: 1, cancelled: 0, lost: 2 },
    });
    renderWithQuery(<TrackedExperimentView experiment={experiment} runs={makeRunList([])} table={table} api={fakeApi()} />);
    expect(screen.getByTestId('lost-runs').textContent).toMatch(/^2 runs went silent: /);
    expect(screen.getByTestId('header-run-counts').textContent).toBe('1 failed · 2 lost');
    expect(screen.getByText('failed')).toBeTruthy();
  });

  it('saves notes with PATCH /experiments/:id and shows what the API answered', async () => {
    const experiment = makeTrackedExperiment({ notes: '' });
    const updateExperiment = jest.fn((_id: string, patch: TUpdateExperimentRequest) =>
      Promise.resolve({ ...experiment, notes: patch.notes ?? '' }),
    );
    const { container } = renderWithQuery(
      <TrackedExperimentView experiment={experiment} runs={makeRunList([])} table={table} api={fakeApi({ updateExperiment })} />,
    );
    fireEvent.click(screen.getByRole('button', { name: 'Write notes' }));
    fireEvent.change(screen.getByLabelText('Notes (Markdown)'), { target: { value: 'adam at **3e-4** is best' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save notes' }));
    await waitFor(() => expect(updateExperiment).toHaveBeenCalledWith(experiment.id, { notes: 'adam at **3e-4** is best' }));
    expect(await screen.findByRole('button', { name: 'Edit notes' })).toBeTruthy();
    expect(container.querySelector('section[aria-labelledby="experiment-notes-title"] strong')!.textContent).toBe('3e-4');
  });

  it('adds, changes and removes tags, one merge patch each, from what the API answers', async () => {
    let stored: Record<string, string> = { team: 'vision' };
    const updateExperiment = jest.fn((_id: string, patch: TUpdateExperimentRequest) => {
      for (const [key, value] of Object.entries(patch.tags ?? {})) {
        stored = value === null ? Object.fromEntries(Object.entries(stored).filter(([k]) => k !== key)) : { ...stored, [key]: value };
      }
      return Promise.resolve(makeTrackedExperiment({ tags: { ...stored } }));
    });
    renderWithQuery(
      <TrackedExperimentView
        experiment={makeTrackedExperiment({ tags: stored })}
        runs={makeRunList([])}
        table={table}
        api={fakeApi({ updateExperiment })}
      />,
    );
    const chips = () =>
      within(screen.getByRole('list', { name: 'Experiment tags' }))
        .getAllByRole('listitem')
        .map((li) => li.textContent);

    fireEvent.change(screen.getByLabelText('Key'), { target: { value: ' stage ' } });
    fireEvent.change(screen.getByLabelText('Value (optional)'), { target: { value: 'try' } });
    fireEvent.click(screen.getByRole('button', { name: 'Add tag' }));
    await waitFor(() => expect(chips()).toEqual(['stage=try×', 'team=vision×']));
    expect(updateExperiment).toHaveBeenLastCalledWith(expect.any(String), { tags: { stage: 'try' } });
    expect(screen.getByLabelText<HTMLInputElement>('Key').value).toBe('');

    fireEvent.change(screen.getByLabelText('Key'), { target: { value: 'team' } });
    fireEvent.change(screen.getByLabelText('Value (optional)'), { target: { value: 'audio' } });
    fireEvent.click(screen.getByRole('button', { name: 'Change tag' }));
    await waitFor(() => expect(chips()).toEqual(['stage=try×', 'team=audio×']));

    fireEvent.click(screen.getByRole('button', { name: 'Remove tag stage' }));
    await waitFor(() => expect(chips()).toEqual(['team=audio×']));
    expect(updateExperiment).toHaveBeenLastCalledWith(expect.any(String), { tags: { stage: null } });
    expect(updateExperiment).toHaveBeenCalledTimes(3);
  });

  it("checks a tag against the domain's rules before sending it, and shows the API's refusal", async () => {
    const updateExperiment = jest.fn(() =>
      Promise.reject(new Error('Invalid request: tags: an experiment holds at most 100 tags; this would make 101. Nothing was stored.')),
    );
    renderWithQuery(
      <TrackedExperimentView
        experiment={makeTrackedExperiment()}
        runs={makeRunList([])}
        table={table}
        api={fakeApi({ updateExperiment })}
      />,
    );
    fireEvent.change(screen.getByLabelText('Key'), { target: { value: 'bad key!' } });
    fireEvent.click(screen.getByRole('button', { name: 'Add tag' }));
    expect(screen.getByText(/^Key: a key may hold only letters/)).toBeTruthy();
    expect(screen.getByLabelText('Key').getAttribute('aria-invalid')).toBe('true');
    expect(updateExperiment).not.toHaveBeenCalled();

    fireEvent.change(screen.getByLabelText('Key'), { target: { value: 'ok' } });
    fireEvent.click(screen.getByRole('button', { name: 'Add tag' }));
    expect((await screen.findByRole('alert')).textContent).toBe(
      'Could not save the tags: Invalid request: tags: an experiment holds at most 100 tags; this would make 101. Nothing was stored.',
    );
    expect(screen.getByLabelText<HTMLInputElement>('Key').value).toBe('ok');
  });

  it('refuses to show a search as the answer of an edit', async () => {
    const updateExperiment = jest.fn(() => Promise.resolve(makeExperiment()));
    renderWithQuery(
      <TrackedExperimentView
        experiment={makeTrackedExperiment()}
        runs={makeRunList([])}
        table={table}
        api={fakeApi({ updateExperiment })}
      />,
    );
    fireEvent.change(screen.getByLabelText('Key'), { target: { value: 'ok' } });
    fireEvent.click(screen.getByRole('button', { name: 'Add tag' }));
    expect((await screen.findByRole('alert')).textContent).toMatch(/answered a search/);
  });
});

describe('describeRunCounts', () => {
  it('lists the statuses that have runs, in lifecycle order', () => {
    expect(describeRunCounts(makeTrackedExperiment().runCounts)).toBe('1 running · 2 completed');
    expect(
      describeRunCounts({ queued: 0, running: 0, paused: 0, waiting: 0, stopped: 0, completed: 0, failed: 0, cancelled: 0, lost: 0 }),
    ).toBe('no runs yet');
  });
});
