import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { renderWithQuery } from '@/test/query';
import type { TRunDetail } from '@atelier/domain';
import { fakeApi } from '../../test/fixtures/api';
import { makeEvaluation } from '../../test/fixtures/compare';
import { makeArtifact, makeMetricSummary, makeRunDetail, makeRunMetrics, makeSeries } from '../../test/fixtures/run';
import { RUN_POLL_MS } from './use-run-live';
import { RunView } from './run-view';

const run = makeRunDetail(1, {
  name: 'resnet baseline',
  status: 'completed',
  params: { lr: 0.0003, optimizer: 'adam', 'model.depth': 18, augment: false },
  tags: { team: 'vision', stage: 'try' },
  metrics: {
    loss: makeMetricSummary(0.4, { min: 0.4, max: 2.1, lastStep: 3, count: 4 }),
    val_accuracy: makeMetricSummary('NaN', { min: 0.5, max: 0.7 }),
  },
  notes: '## Findings\n\nWorks **well**.\n\n<script>alert(1)</script>\n\n[bad](javascript:alert(1))',
});
const metrics = makeRunMetrics('run-1', [makeSeries('loss', [2.1, 'NaN', 0.9, 0.4]), makeSeries('val_accuracy', [0.5, 0.7, 'NaN'])]);

describe('RunView', () => {
  it('shows a confusion matrix logged from code with its per-class table, worded for a script', () => {
    const evaluation = makeEvaluation({ split: 'test', datasetKey: null, samplePredictions: [] });
    const { container } = renderWithQuery(
      <RunView run={run} metrics={metrics} artifacts={[]} evaluations={[evaluation]} api={fakeApi()} />,
    );
    const panel = screen.getByTestId('evaluation-test');
    expect(within(panel).getByRole('heading', { level: 2 }).textContent).toBe('Test set');
    expect(within(panel).getByText(/logged from code \(run\.logConfusionMatrix\)/)).toBeTruthy();
    expect(container.querySelectorAll('[data-testid="confusion-cell"]')).toHaveLength(9);
    const tshirt = within(screen.getByTestId('classification-report'))
      .getByRole('rowheader', { name: /T-shirt\/top/ })
      .closest('tr')!;
    expect(
      within(tshirt)
        .getAllByRole('cell')
        .map((c) => c.textContent),
    ).toEqual(['72.7%', '80.0%', '76.2%', '10']);
    // a script sends counts only: no sample-predictions section
    expect(within(panel).queryByText('Sample predictions')).toBeNull();
  });

  it('shows no evaluation section for a run that logged none', () => {
    renderWithQuery(<RunView run={run} metrics={metrics} artifacts={[]} api={fakeApi()} />);
    expect(screen.queryByTestId('evaluation-test')).toBeNull();
    expect(screen.queryByTestId('evaluation-validation')).toBeNull();
  });

  it('shows the name, status, a chart per metric key and the NaN the chart could not draw', () => {
    renderWithQuery(<RunView run={run} metrics={metrics} artifacts={[]} api={fakeApi()} />);
    expect(screen.getByTestId('run-name').textContent).toBe('resnet baseline');
    expect(screen.getByText('logged from code')).toBeTruthy();
    const charts = screen.getAllByTestId('run-metric-chart');
    expect(charts.map((c) => c.getAttribute('data-metric-key'))).toEqual(['loss', 'val_accuracy']);
    expect(within(charts[0]!).getByTestId('nonfinite-note').textContent).toBe('Not drawn: NaN at step 1');
    const summary = screen.getByTestId('metric-summary');
    expect(within(summary).getByText('val_accuracy').closest('tr')!.querySelector('[data-cell="last"]')!.textContent).toBe('NaN');
    expect(within(summary).getByText('loss').closest('tr')!.textContent).toContain('2.10');
  });

  it('lists parameters as entered and finds them by key or value', () => {
    renderWithQuery(<RunView run={run} metrics={metrics} artifacts={[]} api={fakeApi()} />);
    const table = screen.getByTestId('params-table');
    const rows = () => Array.from(table.querySelectorAll('tbody tr')).map((tr) => tr.textContent);
    expect(rows()).toEqual(['augmentfalse', 'lr3e-4', 'model.depth18', 'optimizeradam']);
    fireEvent.change(screen.getByLabelText('Search parameters'), { target: { value: 'ADA' } });
    expect(rows()).toEqual(['optimizeradam']);
    fireEvent.change(screen.getByLabelText('Search parameters'), { target: { value: 'nothing' } });
    expect(screen.getByText('No parameter matches “nothing”.')).toBeTruthy();
  });

  it('renders the notes as sanitised Markdown and saves an edit with PATCH', async () => {
    const updateRun = jest.fn((_id: string, patch: { notes?: string }): Promise<TRunDetail> =>
      Promise.resolve({ ...run, notes: patch.notes ?? '' }),
    );
    const { container } = renderWithQuery(<RunView run={run} metrics={metrics} artifacts={[]} api={fakeApi({ updateRun })} />);
    expect(screen.getByRole('heading', { name: 'Findings' })).toBeTruthy();
    expect(container.querySelector('strong')!.textContent).toBe('well');
    expect(container.querySelector('script')).toBeNull();
    expect(screen.getByText('bad').getAttribute('href') ?? '').not.toMatch(/javascript/);

    fireEvent.click(screen.getByRole('button', { name: 'Edit notes' }));
    fireEvent.change(screen.getByLabelText('Notes (Markdown)'), { target: { value: '- [x] tried *lr* 3e-4' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save notes' }));
    await waitFor(() => expect(updateRun).toHaveBeenCalledWith('run-1', { notes: '- [x] tried *lr* 3e-4' }));
    expect(await screen.findByRole('button', { name: 'Edit notes' })).toBeTruthy();
    expect(container.querySelector('em')!.textContent).toBe('lr');
    expect(container.querySelector('input[type="checkbox"][disabled]')).not.toBeNull();
  });

  it('keeps the editor open with the API message when saving fails', async () => {
    const updateRun = jest.fn((): Promise<TRunDetail> => Promise.reject(new Error('notes must be at most 100000 characters')));
    renderWithQuery(<RunView run={run} metrics={metrics} artifacts={[]} api={fakeApi({ updateRun })} />);
    fireEvent.click(screen.getByRole('button', { name: 'Edit notes' }));
    fireEvent.click(screen.getByRole('button', { name: 'Save notes' }));
    expect((await screen.findByRole('alert')).textContent).toBe('Could not save the notes: notes must be at most 100000 characters');
    expect(screen.getByLabelText('Notes (Markdown)')).toBeTruthy();
  });

  it('keeps saved notes on screen when a read that began before the save answers after it', async () => {
    jest.useFakeTimers();
    try {
      let answerPoll: (value: TRunDetail) => void = () => undefined;
      const going = { ...run, status: 'running' as const, notes: 'old notes' };
      const getRun = jest.fn(() => new Promise<TRunDetail>((resolve) => (answerPoll = resolve)));
      const updateRun = jest.fn((_id: string, patch: { notes?: string }) => Promise.resolve({ ...going, notes: patch.notes ?? '' }));
      renderWithQuery(
        <RunView
          run={going}
          metrics={metrics}
          artifacts={[]}
          api={fakeApi({ getRun, updateRun, getRunMetrics: () => Promise.resolve(metrics) })}
        />,
      );
      await act(() => jest.advanceTimersByTimeAsync(RUN_POLL_MS + 10));
      expect(getRun).toHaveBeenCalledTimes(1);
      fireEvent.click(screen.getByRole('button', { name: 'Edit notes' }));
      fireEvent.change(screen.getByLabelText('Notes (Markdown)'), { target: { value: 'new notes' } });
      await act(async () => {
        fireEvent.click(screen.getByRole('button', { name: 'Save notes' }));
        await jest.advanceTimersByTimeAsync(0);
      });
      expect(screen.getByText('new notes')).toBeTruthy();
      // the read sent before the save answers with what it read then
      await act(async () => {
        answerPoll(going);
        await jest.advanceTimersByTimeAsync(0);
      });
      expect(screen.getByText('new notes')).toBeTruthy();
      expect(screen.queryByText('old notes')).toBeNull();
    } finally {
      jest.useRealTimers();
    }
  });

  it('links every artifact for download and shows the tags', () => {
    renderWithQuery(
      <RunView
        run={run}
        metrics={metrics}
        artifacts={[makeArtifact('a1'), makeArtifact('m1', { kind: 'model', name: null, contentType: null })]}
        api={fakeApi()}
      />,
    );
    const links = within(screen.getByTestId('artifacts-table')).getAllByRole('link');
    expect(links.map((a) => [a.textContent, a.getAttribute('href')])).toEqual([
      ['plots/a1.png', '/api/runs/run-1/artifacts/a1'],
      ['model', '/api/runs/run-1/artifacts/m1'],
    ]);
    expect(screen.getByRole('list', { name: 'Tags' }).textContent).toBe('stage=tryteam=vision');
  });

  it('reads only the run, not its series, while nothing new was logged', async () => {
    jest.useFakeTimers();
    try {
      const getRun = jest.fn((): Promise<TRunDetail> => Promise.resolve({ ...run, status: 'running' }));
      const getRunMetrics = jest.fn(() => Promise.resolve(metrics));
      renderWithQuery(
        <RunView run={{ ...run, status: 'running' }} metrics={metrics} artifacts={[]} api={fakeApi({ getRun, getRunMetrics })} />,
      );
      for (let i = 0; i < 2; i++) {
        await act(async () => {
          jest.advanceTimersByTime(RUN_POLL_MS + 10);
          await Promise.resolve();
        });
      }
      expect(getRun).toHaveBeenCalledTimes(2);
      expect(getRunMetrics).not.toHaveBeenCalled();
    } finally {
      jest.useRealTimers();
    }
  });

  it('says a run is lost, and reads it again while it is going until it finishes', async () => {
    jest.useFakeTimers();
    try {
      // one more loss point logged meanwhile: the series are read again
      const getRun = jest.fn((): Promise<TRunDetail> =>
        Promise.resolve({
          ...run,
          status: 'completed',
          metrics: { ...run.metrics, loss: makeMetricSummary(0.3, { count: 5, lastStep: 4 }) },
        }),
      );
      const getRunMetrics = jest.fn(() => Promise.resolve(makeRunMetrics('run-1', [makeSeries('loss', [2.1, 'NaN', 0.9, 0.4, 0.3])])));
      renderWithQuery(
        <RunView run={{ ...run, status: 'lost' }} metrics={metrics} artifacts={[]} api={fakeApi({ getRun, getRunMetrics })} />,
      );
      expect(screen.getByText(/^Lost: this run still says it is running/)).toBeTruthy();
      await act(async () => {
        jest.advanceTimersByTime(RUN_POLL_MS + 10);
        await Promise.resolve();
      });
      expect(getRun).toHaveBeenCalledWith('run-1');
      expect(getRunMetrics).toHaveBeenCalledWith('run-1', { points: 1000 });
      await act(async () => Promise.resolve());
      expect(screen.queryByText(/^Lost:/)).toBeNull();
      // finished: no more reads
      await act(async () => {
        jest.advanceTimersByTime(RUN_POLL_MS * 3);
        await Promise.resolve();
      });
      expect(getRun).toHaveBeenCalledTimes(1);
    } finally {
      jest.useRealTimers();
    }
  });
});
