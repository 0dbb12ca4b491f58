import { render, screen } from '@testing-library/react';
import { TIE_RULE } from '@atelier/domain';
import { RefitCard } from './refit-card';
import { SearchProgress } from './search-progress';

describe('SearchProgress', () => {
  it('counts trials per status and estimates the time left', () => {
    render(
      <SearchProgress
        counts={{ queued: 5, running: 2, completed: 3, paused: 0, waiting: 1 }}
        total={11}
        overall={0.4}
        timeLeft={{ remainingEpochs: 30, secondsPerEpoch: 4, parallel: 2, seconds: 60 }}
        status="running"
      />,
    );
    const count = (status: string) => document.querySelector(`[data-status="${status}"] dd`)?.textContent;
    expect(count('queued')).toBe('5');
    expect(count('running')).toBe('2');
    expect(count('completed')).toBe('3');
    expect(count('waiting')).toBe('1');
    expect(document.querySelector('[data-status="paused"]')).toBeNull();
    expect(screen.getByTestId('time-left').textContent).toBe('≈ 1m 00s');
    expect(screen.getByRole('progressbar', { name: 'Search progress' }).getAttribute('aria-valuenow')).toBe('40');
    expect(screen.getByText(/epochs left at/).textContent).toMatch(/^30 epochs left at 4\.00 s each/);
    expect(screen.getByRole('progressbar', { name: 'Search progress' }).getAttribute('aria-valuetext')).toBe(
      '3 / 11 completed · 40% of epochs',
    );
  });

  it('shows no countdown while paused, even with a time left measured', () => {
    render(
      <SearchProgress
        counts={{ paused: 2, completed: 1 }}
        total={3}
        overall={0.5}
        timeLeft={{ remainingEpochs: 30, secondsPerEpoch: 4, parallel: 1, seconds: 120 }}
        status="paused"
      />,
    );
    expect(screen.getByTestId('time-left').textContent).toBe('paused');
    expect(screen.queryByText(/epochs left/)).toBeNull();
  });

  it('says what a cancelled search is made of instead of counting every trial as finished', () => {
    render(<SearchProgress counts={{ completed: 2, cancelled: 4 }} total={6} overall={0.4} timeLeft={null} status="cancelled" />);
    expect(screen.getByTestId('time-left').textContent).toBe('—');
    expect(screen.getByRole('progressbar', { name: 'Search progress' }).getAttribute('aria-valuetext')).toBe(
      '2 / 6 completed · 4 cancelled · 40% of epochs',
    );
  });

  it('counts the trials ASHA stopped apart from the completed ones', () => {
    render(<SearchProgress counts={{ completed: 1, stopped: 3 }} total={4} overall={0.6} timeLeft={null} status="completed" />);
    expect(screen.getByRole('progressbar', { name: 'Search progress' }).getAttribute('aria-valuetext')).toBe(
      '1 / 4 completed · 3 stopped early · 60% of epochs',
    );
    expect(document.querySelector('[data-status="stopped"] dd')?.textContent).toBe('3');
  });
});

describe('RefitCard', () => {
  it('shows the test accuracy and the model download', () => {
    render(
      <RefitCard
        experimentStatus="completed"
        bestTrialNumber={3}
        refit={{
          status: 'completed',
          trialId: 'trial-3',
          testAccuracy: 0.8734,
          evaluationId: 'e',
          error: null,
          model: {
            id: 'model-9',
            experimentId: 'x',
            trialId: 'trial-3',
            kind: 'model',
            sizeBytes: 220_000,
            sha256: 'ab',
            backend: 'wasm',
            trainedOn: 2000,
            parentModel: null,
            createdAt: '2026-11-22T01:00:00Z',
          },
        }}
      />,
    );
    expect(screen.getByTestId('refit-test-accuracy').textContent).toBe('87.3%');
    expect(screen.getByTestId('refit-download').getAttribute('href')).toBe('/api/models/model-9/download');
    const onnx = screen.getByRole('link', { name: 'ONNX' });
    expect(onnx.getAttribute('href')).toBe('/api/models/model-9/model.onnx');
    expect(onnx.hasAttribute('download')).toBe(true);
    expect(screen.getByRole('link', { name: '#3' }).getAttribute('href')).toBe('/trials/trial-3');
  });

  it('says which trials the best is tied with, within one standard error', () => {
    const refit = { status: 'completed' as const, trialId: 'trial-2', testAccuracy: 0.8063, evaluationId: 'e', error: null, model: null };
    const { rerender } = render(
      <RefitCard
        bestTrialNumber={2}
        refit={refit}
        experimentStatus="completed"
        ties={{ rule: TIE_RULE, bestTrialNumber: 2, tiedTrialNumbers: [1] }}
      />,
    );
    expect(screen.getByTestId('refit-ties').textContent).toMatch(/^Tied with #1 within one standard error/);
    rerender(
      <RefitCard
        bestTrialNumber={2}
        refit={refit}
        experimentStatus="completed"
        ties={{ rule: TIE_RULE, bestTrialNumber: 2, tiedTrialNumbers: [1, 4, 5, 7, 9] }}
      />,
    );
    expect(screen.getByTestId('refit-ties').textContent).toMatch(/^Tied with #1, #4, #5 and 2 more within one standard error/);
    rerender(
      <RefitCard
        bestTrialNumber={2}
        refit={refit}
        experimentStatus="completed"
        ties={{ rule: TIE_RULE, bestTrialNumber: 2, tiedTrialNumbers: [] }}
      />,
    );
    expect(screen.queryByTestId('refit-ties')).toBeNull();
  });

  it('explains what happens before the search finishes', () => {
    render(<RefitCard refit={null} bestTrialNumber={null} experimentStatus="running" />);
    expect(screen.getByText(/best trial is retrained on all the training images/)).toBeTruthy();
  });

  it('promises no refit for a cancelled or failed search', () => {
    const { rerender } = render(<RefitCard refit={null} bestTrialNumber={null} experimentStatus="cancelled" />);
    expect(screen.getByTestId('refit-none').textContent).toMatch(
      /^The search was cancelled before it finished, so no trial will be refit automatically\./,
    );
    rerender(<RefitCard refit={null} bestTrialNumber={null} experimentStatus="failed" />);
    expect(screen.getByTestId('refit-none').textContent).toMatch(/^The search failed before it finished/);
    expect(screen.queryByText(/When the search finishes/)).toBeNull();
  });
});
