import { act, fireEvent, screen } from '@testing-library/react';
import type { TModelArtifact } from '@atelier/domain';
import { fakeApi } from '@/test/fixtures/api';
import { makeComparedTrial, makeEvaluation } from '@/test/fixtures/compare';
import { makeTrial } from '@/test/fixtures/experiment';
import { renderWithQuery } from '@/test/query';
import { TrialView } from './trial-view';

const model: TModelArtifact = {
  id: 'model-1',
  experimentId: 'exp-1',
  trialId: 'trial-3',
  kind: 'model',
  sizeBytes: 200_000,
  sha256: 'ab'.repeat(32),
  backend: 'tensorflow',
  trainedOn: 60_000,
  parentModel: null,
  createdAt: '2026-11-22T02:00:00.000Z',
};

describe('TrialView', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('queues a refit, reads the models until the new one is stored, then shows it with its test evaluation', async () => {
    const trial = makeTrial(3, { id: 'trial-3', status: 'completed', meanValAccuracy: 0.8 });
    const stored: TModelArtifact[] = [];
    const listTrialModels = jest.fn(() => Promise.resolve({ trialId: 'trial-3', items: [...stored] }));
    const getTrialEvaluations = jest.fn(() =>
      Promise.resolve({
        trialId: 'trial-3',
        items: stored.length ? [makeEvaluation({ id: 'eval-test', split: 'test', trialId: 'trial-3', accuracy: 0.875 })] : [],
      }),
    );
    const api = fakeApi({
      refitTrial: jest.fn(() =>
        Promise.resolve({ experimentId: 'exp-1', trialId: 'trial-3', generation: 0, jobId: 'refit-trial-3-0', status: 'queued' as const }),
      ),
      listTrialModels,
      getTrialEvaluations,
      getTrial: () => Promise.resolve(trial),
      compareTrials: () => Promise.resolve({ trials: [makeComparedTrial(3, { id: 'trial-3' })], differing: [] } as never),
    });
    renderWithQuery(<TrialView trial={trial} compared={makeComparedTrial(3, { id: 'trial-3' })} evaluations={[]} models={[]} api={api} />);
    expect(screen.getByText(/No stored model yet/)).toBeTruthy();

    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Refit this trial' }));
      await jest.advanceTimersByTimeAsync(0);
    });
    expect(screen.getByRole('button', { name: 'Refitting…' })).toBeTruthy();
    await act(() => jest.advanceTimersByTimeAsync(3000));
    expect(listTrialModels).toHaveBeenCalledTimes(1);
    expect(screen.getByText(/No stored model yet/)).toBeTruthy();

    stored.push(model);
    await act(() => jest.advanceTimersByTimeAsync(3000));
    expect(screen.getByTestId('models-table').textContent).toContain('60,000 images');
    // each stored model downloads as the TF.js zip and as ONNX
    expect(screen.getByTestId('model-download').getAttribute('href')).toBe('/api/models/model-1/download');
    expect(screen.getByTestId('model-download-onnx').getAttribute('href')).toBe('/api/models/model-1/model.onnx');
    expect(screen.getByRole('link', { name: 'ONNX' }).hasAttribute('download')).toBe(true);
    expect(screen.getByRole('button', { name: 'Refit this trial' })).toBeTruthy();
    // the model came with its test evaluation: read again, and shown
    await act(() => jest.advanceTimersByTimeAsync(10));
    expect(getTrialEvaluations).toHaveBeenCalledTimes(1);
    expect(screen.getAllByText(/87\.5%/).length).toBeGreaterThan(0);
    // and the polling stopped
    await act(() => jest.advanceTimersByTimeAsync(9000));
    expect(listTrialModels).toHaveBeenCalledTimes(2);
  });
});
