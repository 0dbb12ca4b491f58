import { fireEvent, screen } from '@testing-library/react';
import { actAsync } from '@/test/act';
import { queryKeys } from '@/lib/query-keys';
import { renderWithQuery, testQueryClient } from '../../test/query';
import { fakeApi } from '../../test/fixtures/api';
import { canRefitBest, RefitBestButton } from './refit-best-button';

const best = { id: 'trial-2', number: 2 };

describe('canRefitBest', () => {
  it('offers the refit only when nothing trains and the best so far is not refit (or being refit) already', () => {
    expect(canRefitBest('running', best, null)).toBe(false);
    expect(canRefitBest('queued', best, null)).toBe(false);
    expect(canRefitBest('paused', null, null)).toBe(false);
    expect(canRefitBest('paused', best, null)).toBe(true);
    expect(canRefitBest('cancelled', best, { status: 'failed', trialId: 'trial-2' })).toBe(true);
    expect(canRefitBest('cancelled', best, { status: 'running', trialId: 'trial-1' })).toBe(false);
    expect(canRefitBest('completed', best, { status: 'completed', trialId: 'trial-2' })).toBe(false);
    // paused, refit at trial 1, resumed, paused again with trial 2 ahead
    expect(canRefitBest('paused', best, { status: 'completed', trialId: 'trial-1' })).toBe(true);
  });
});

describe('RefitBestButton', () => {
  beforeAll(() => {
    // jsdom has no modal dialogs
    HTMLDialogElement.prototype.showModal = function showModal(this: HTMLDialogElement) {
      this.open = true;
    };
    HTMLDialogElement.prototype.close = function close(this: HTMLDialogElement) {
      this.open = false;
    };
  });

  it('asks first, then queues the refit and reports back; a paused search is said to stay paused', async () => {
    const refitExperiment = jest.fn(() =>
      Promise.resolve({ experimentId: 'exp', trialId: 'trial-2', generation: 0, jobId: 'refit-trial-2-0', status: 'queued' as const }),
    );
    const client = testQueryClient();
    client.setQueryData(queryKeys.experiments.live('exp'), { snapshot: 0 });
    client.setQueryData(queryKeys.experiments.live('other'), { snapshot: 0 });
    renderWithQuery(
      <RefitBestButton experimentId="exp" status="paused" bestTrial={best} refit={null} api={fakeApi({ refitExperiment })} />,
      client,
    );
    fireEvent.click(screen.getByRole('button', { name: 'Refit best so far' }));
    expect(screen.getByText(/The search stays paused\./)).toBeTruthy();
    expect(refitExperiment).not.toHaveBeenCalled();
    await actAsync(() => {
      fireEvent.click(screen.getByRole('button', { name: 'Refit trial 2' }));
    });
    expect(refitExperiment).toHaveBeenCalledWith('exp');
    // the page reads this experiment again, and only this one
    expect(client.getQueryState(queryKeys.experiments.live('exp'))?.isInvalidated).toBe(true);
    expect(client.getQueryState(queryKeys.experiments.live('other'))?.isInvalidated).toBe(false);
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it("shows the API's refusal", async () => {
    const refitExperiment = jest.fn(() =>
      Promise.reject(new Error("A refit of experiment 'x' is already queued; its result appears on the experiment page.")),
    );
    renderWithQuery(
      <RefitBestButton experimentId="exp" status="cancelled" bestTrial={best} refit={null} api={fakeApi({ refitExperiment })} />,
    );
    fireEvent.click(screen.getByRole('button', { name: 'Refit best so far' }));
    await actAsync(() => {
      fireEvent.click(screen.getByRole('button', { name: 'Refit trial 2' }));
    });
    expect(screen.getByRole('alert').textContent).toMatch(/already queued/);
  });

  it('is not there while the search runs', () => {
    renderWithQuery(<RefitBestButton experimentId="exp" status="running" bestTrial={best} refit={null} api={fakeApi()} />);
    expect(screen.queryByRole('button', { name: 'Refit best so far' })).toBeNull();
  });
});
