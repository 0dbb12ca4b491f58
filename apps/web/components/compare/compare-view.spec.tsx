import { act, fireEvent, screen, within } from '@testing-library/react';
import { renderWithQuery } from '@/test/query';
import { browserApi } from '@/lib/api-client';
import { makeComparedTrial, makeComparison, makeEvaluation, summaryOf } from '../../test/fixtures/compare';
import { CompareView } from './compare-view';

jest.mock('next/navigation', () => ({ useRouter: () => ({ push: jest.fn(), replace: jest.fn(), refresh: jest.fn() }) }));

describe('CompareView', () => {
  beforeEach(() => window.localStorage.clear());

  it('names the experiment in every legend when the trials come from more than one', () => {
    const a = makeComparedTrial(1, { experiment: { id: 'exp-a', name: 'Sweep A' } });
    const b = makeComparedTrial(4, {
      id: 'trial-b4',
      experiment: { id: 'exp-b', name: 'Sweep B' },
      hyperparameters: { ...a.hyperparameters, learningRate: 0.001 },
    });
    renderWithQuery(<CompareView comparison={makeComparison([a, b])} />);
    for (const name of ['Accuracy legend', 'Loss legend']) {
      const legend = screen.getByRole('list', { name });
      expect(
        within(legend)
          .getAllByRole('listitem')
          .filter((li) => li.getAttribute('aria-label') !== 'Line styles')
          .map((li) => li.textContent),
      ).toEqual(['Sweep A #1 · lr=0.01', 'Sweep B #4 · lr=0.001']);
    }
    // one control bar per card of curves
    expect(screen.getAllByRole('group', { name: /chart settings$/ })).toHaveLength(2);
  });

  it('keeps to what differs when the trials share an experiment', () => {
    const a = makeComparedTrial(1);
    const b = makeComparedTrial(2, { hyperparameters: { ...a.hyperparameters, learningRate: 0.001 } });
    renderWithQuery(<CompareView comparison={makeComparison([a, b])} />);
    const legend = screen.getByRole('list', { name: 'Accuracy legend' });
    expect(within(legend).getByText('lr=0.01')).toBeTruthy();
    expect(within(legend).getByText('lr=0.001')).toBeTruthy();
  });

  it('shows the test figures of a trial refit from the comparison once its model is stored', async () => {
    jest.useFakeTimers();
    try {
      const never = makeComparedTrial(1);
      const refit = makeComparedTrial(2, {
        hyperparameters: { ...never.hyperparameters, learningRate: 0.001 },
        test: summaryOf(makeEvaluation({ id: 'test-2', split: 'test', trialId: 'trial-2' })),
      });
      const model = {
        id: 'model-1',
        experimentId: 'exp-1',
        trialId: 'trial-1',
        kind: 'model' as const,
        sizeBytes: 1,
        sha256: 'ab',
        backend: null,
        trainedOn: 60_000,
        parentModel: null,
        createdAt: '2026-11-22T02:00:00.000Z',
      };
      let stored = false;
      jest
        .spyOn(browserApi, 'refitTrial')
        .mockResolvedValue({ experimentId: 'exp-1', trialId: 'trial-1', generation: 0, jobId: 'refit-trial-1-0', status: 'queued' });
      const listTrialModels = jest
        .spyOn(browserApi, 'listTrialModels')
        .mockImplementation(() => Promise.resolve({ trialId: 'trial-1', items: stored ? [model] : [] }));
      const tested = {
        ...never,
        testAccuracy: 0.9,
        test: summaryOf(makeEvaluation({ id: 'test-1', split: 'test', trialId: 'trial-1', accuracy: 0.9 })),
      };
      const compareTrials = jest
        .spyOn(browserApi, 'compareTrials')
        .mockImplementation(() => Promise.resolve(makeComparison([tested, refit])));
      renderWithQuery(<CompareView comparison={makeComparison([never, refit])} />);
      fireEvent.click(screen.getByRole('radio', { name: 'Test (refit)' }));
      const missing = () => document.querySelector('[data-testid="compare-matrix"][data-trial-id="trial-1"]')!;
      expect(missing().getAttribute('data-missing')).toBe('not-refit');
      // no read of the models before a refit is asked for
      expect(listTrialModels).not.toHaveBeenCalled();
      await act(async () => {
        fireEvent.click(within(missing() as HTMLElement).getByRole('button', { name: 'Refit this trial' }));
        await jest.advanceTimersByTimeAsync(3000);
      });
      expect(listTrialModels).toHaveBeenCalled();
      expect(compareTrials).not.toHaveBeenCalled();
      stored = true;
      await act(() => jest.advanceTimersByTimeAsync(3010));
      expect(compareTrials).toHaveBeenCalledWith(['trial-1', 'trial-2']);
      expect(missing().getAttribute('data-missing')).toBeNull();
      expect(missing().textContent).toContain('accuracy 90.0%');
    } finally {
      jest.useRealTimers();
      jest.restoreAllMocks();
    }
  });
});
