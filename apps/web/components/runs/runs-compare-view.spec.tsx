import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { renderWithQuery } from '@/test/query';
import type { TRunDetail } from '@atelier/domain';
import { fakeApi } from '../../test/fixtures/api';
import { makeComparedTrial, makeEvaluation } from '../../test/fixtures/compare';
import { makeMetricSummary, makeRunDetail, makeRunMetrics, makeSeries } from '../../test/fixtures/run';
import type { RunMetricsOptions } from '@/lib/api-client';
import { RunsCompareView } from './runs-compare-view';

const push = jest.fn();
jest.mock('next/navigation', () => ({ useRouter: () => ({ push, replace: jest.fn(), refresh: jest.fn() }) }));

const logged = makeRunDetail(1, {
  id: 'r1',
  name: 'adam run',
  params: { lr: 0.01, optimizer: 'adam', warmup: 100 },
  metrics: { loss: makeMetricSummary(0.3), val_accuracy: makeMetricSummary(0.91), images_per_second: makeMetricSummary(850) },
});
const other = makeRunDetail(2, {
  id: 'r2',
  name: 'sgd run',
  experimentId: 'other',
  experimentName: 'other notebook',
  params: { lr: 0.01, optimizer: 'sgd' },
  metrics: { loss: makeMetricSummary('NaN'), val_accuracy: makeMetricSummary(0.85) },
});
const trialRun = makeRunDetail(3, {
  id: 'trial-3',
  source: 'search',
  name: null,
  experimentName: 'Sweep',
  experimentId: 'exp-1',
  params: { lr: 0.1 },
  metrics: { loss: makeMetricSummary(0.5) },
});

function metricsApi() {
  const getRunMetrics = jest.fn((id: string, options?: RunMetricsOptions) =>
    Promise.resolve(
      makeRunMetrics(
        id,
        (options?.keys ?? []).map((key) => makeSeries(key, id === 'r2' ? [2, 'NaN', 1] : [1.5, 1, 0.5])),
      ),
    ),
  );
  return { getRunMetrics, api: fakeApi({ getRunMetrics }) };
}

const rowOf = (key: string) => screen.getByTestId('param-diff').querySelector(`tr[data-param="${key}"]`)!;

describe('RunsCompareView', () => {
  it('diffs the parameters over the union of keys: differences highlighted, missing as —', async () => {
    const { api, getRunMetrics } = metricsApi();
    renderWithQuery(<RunsCompareView runs={[logged, other]} trials={[]} initialKeys={null} api={api} />);
    await waitFor(() => expect(getRunMetrics).toHaveBeenCalledTimes(2));
    expect(rowOf('lr').getAttribute('data-differs')).toBeNull();
    expect(rowOf('optimizer').getAttribute('data-differs')).toBe('true');
    expect(Array.from(rowOf('warmup').querySelectorAll('td')).map((td) => td.textContent)).toEqual(['100', '— (not set)']);
    // runs from two experiments say which they come from
    expect(
      within(screen.getByTestId('param-diff'))
        .getAllByRole('columnheader')
        .map((th) => th.textContent),
    ).toEqual(['Parameter', 'notebook runs · adam run', 'other notebook · sgd run']);
    fireEvent.click(screen.getByLabelText(/Only the 2 that differ/));
    expect(Array.from(screen.getByTestId('param-diff').querySelectorAll('tbody tr')).map((tr) => tr.getAttribute('data-param'))).toEqual([
      'optimizer',
      'warmup',
    ]);
  });

  it('overlays the chosen keys per run and reads another key when it is ticked', async () => {
    const { api, getRunMetrics } = metricsApi();
    renderWithQuery(<RunsCompareView runs={[logged, other]} trials={[]} initialKeys={['loss']} api={api} />);
    await waitFor(() => expect(getRunMetrics).toHaveBeenCalledTimes(2));
    expect(getRunMetrics).toHaveBeenCalledWith('r1', { keys: ['loss'], points: 500 });
    // both runs' series arrived (the drawing itself is run-metric-chart's test): the NaN of the second is named
    expect((await screen.findByTestId('nonfinite-note')).textContent).toBe('Not drawn: NaN at step 1 (other notebook · sgd run)');
    expect(new URLSearchParams(window.location.search).get('keys')).toBe('loss');

    fireEvent.click(screen.getByRole('checkbox', { name: 'val_accuracy' }));
    await waitFor(() => expect(getRunMetrics).toHaveBeenCalledWith('r2', { keys: ['val_accuracy'], points: 500 }));
    expect(screen.getAllByTestId('compare-metric-chart').map((c) => c.getAttribute('data-metric-key'))).toEqual(['loss', 'val_accuracy']);
    // the last values side by side, NaN named, a key a run never logged as —
    const summary = screen.getByTestId('compare-metric-summary');
    const cells = (key: string) =>
      Array.from(within(summary).getByText(key).closest('tr')!.querySelectorAll('td')).map((td) => td.textContent);
    expect(cells('loss')).toEqual(['0.300', 'NaN']);
    expect(cells('images_per_second')).toEqual(['850', '—']);
  });

  it('shows the confusion matrices of the trials among the runs, and says why the others have none', () => {
    renderWithQuery(<RunsCompareView runs={[logged, trialRun]} trials={[makeComparedTrial(3)]} initialKeys={[]} api={metricsApi().api} />);
    const matrices = screen.getAllByTestId('compare-matrix');
    expect(matrices).toHaveLength(1);
    expect(matrices[0]!.getAttribute('data-trial-id')).toBe('trial-3');
    expect(within(matrices[0]!).getByRole('heading').textContent).toBe('Sweep · #3');
    expect(screen.getByTestId('no-evaluation-note').textContent).toMatch(/^Not every run has a confusion matrix/);
  });

  it('sets the confusion matrices a run logged from code beside the others, on their split', () => {
    const testMatrix = makeEvaluation({ id: 'e-test', trialId: null, split: 'test', datasetKey: null, accuracy: 0.8 });
    renderWithQuery(
      <RunsCompareView
        runs={[logged, other, trialRun]}
        trials={[makeComparedTrial(3)]}
        loggedEvaluations={{ r1: [testMatrix], r2: [] }}
        initialKeys={[]}
        api={metricsApi().api}
      />,
    );
    // the first entry logged a test matrix only: the comparison opens on the test split
    expect(screen.getByRole('radio', { name: 'Test (refit)' })).toHaveProperty('checked', true);
    const matrices = screen.getAllByTestId('compare-matrix');
    expect(matrices.map((m) => m.getAttribute('data-trial-id'))).toEqual(['r1', 'trial-3']);
    expect(within(matrices[0]!).getByRole('heading').textContent).toBe('notebook runs · adam run');
    expect(
      within(matrices[0]!)
        .getAllByTestId('confusion-cell')
        .map((c) => Number(c.getAttribute('data-count'))),
    ).toEqual([8, 1, 1, 0, 10, 0, 3, 0, 7]);
    expect(matrices[0]!.textContent).toContain('accuracy 80.0%');
    // the trial was never refit: it says so, it is not given the logged run's dataset
    expect(matrices[1]!.getAttribute('data-missing')).toBe('not-refit');

    fireEvent.click(screen.getByRole('radio', { name: 'Out-of-fold validation' }));
    const [loggedCard, trialCard] = screen.getAllByTestId('compare-matrix');
    expect(loggedCard!.getAttribute('data-missing')).toBe('not-logged');
    expect(loggedCard!.textContent).toMatch(/this run logged no out-of-fold validation confusion matrix/);
    expect(trialCard!.getAttribute('data-missing')).toBeNull();
    // r2 logged none at all: it has no entry, and the note says how a run gets one
    expect(screen.getByTestId('no-evaluation-note').textContent).toMatch(/run\.logConfusionMatrix/);
  });

  it('removes a run from the comparison through the URL', async () => {
    push.mockClear();
    const { api, getRunMetrics } = metricsApi();
    renderWithQuery(<RunsCompareView runs={[logged, other, trialRun] as TRunDetail[]} trials={[]} initialKeys={['loss']} api={api} />);
    await waitFor(() => expect(getRunMetrics).toHaveBeenCalledTimes(3));
    fireEvent.click(screen.getByRole('button', { name: 'Remove other notebook · sgd run' }));
    expect(push).toHaveBeenCalledWith('/runs/compare?ids=r1,trial-3&keys=loss');
  });
});
