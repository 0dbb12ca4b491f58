import { fakeApi } from '@/test/fixtures/api';
import { makeExperiment, makeOverview } from '@/test/fixtures/experiment';
import { makeRunList, makeRunSummary, makeTrackedExperiment } from '@/test/fixtures/run';
import { ApiError } from '@/lib/api-client';
import { loadExperimentPage } from './experiment-page';
import { INITIAL_RUNS_STATE } from '@/components/runs/runs-table-state';

const notFound = () => new ApiError(404, { error: 'not_found', message: 'no experiment x' });
const notASearch = () => new ApiError(409, { error: 'conflict', message: "Experiment 'notebook runs' is a tracked experiment" });

describe('loadExperimentPage', () => {
  it('gives a search its overview and asks nothing else', async () => {
    const getExperiment = jest.fn();
    const data = await loadExperimentPage(
      fakeApi({ getExperimentOverview: () => Promise.resolve(makeOverview()), getExperiment }),
      'x',
      INITIAL_RUNS_STATE,
    );
    expect(data.kind).toBe('search');
    expect(getExperiment).not.toHaveBeenCalled();
  });

  it("reads a tracked experiment from GET /experiments/:id on the overview's 409, and the first page of its runs with the URL filter and sort", async () => {
    const listRuns = jest.fn(() => Promise.resolve(makeRunList([makeRunSummary(1)])));
    const getExperiment = jest.fn(() => Promise.resolve(makeTrackedExperiment({ id: 'e1', notes: 'Baselines', tags: { team: 'vision' } })));
    const api = fakeApi({
      getExperimentOverview: () => Promise.reject(notASearch()),
      getExperiment,
      listRuns,
    });
    const data = await loadExperimentPage(api, 'e1', { filter: 'params.lr > 0.1', sort: { field: 'metrics.loss', direction: 'asc' } });
    expect(data).toMatchObject({
      kind: 'tracked',
      experiment: { id: 'e1', kind: 'tracked', notes: 'Baselines', tags: { team: 'vision' } },
      runs: { total: 1 },
    });
    expect(getExperiment).toHaveBeenCalledWith('e1');
    expect(listRuns).toHaveBeenCalledTimes(1);
    expect(listRuns).toHaveBeenCalledWith({ experiment: 'e1', filter: 'params.lr > 0.1', sort: 'metrics.loss asc', limit: 50 });
  });

  it('leaves the runs to the browser when the filter is refused', async () => {
    const api = fakeApi({
      getExperimentOverview: () => Promise.reject(notASearch()),
      getExperiment: () => Promise.resolve(makeTrackedExperiment()),
      listRuns: () => Promise.reject(new ApiError(400, { error: 'invalid_filter', message: 'bad filter at position 3' })),
    });
    await expect(loadExperimentPage(api, 'e1', { filter: 'x', sort: null })).resolves.toMatchObject({ kind: 'tracked', runs: null });
  });

  it("passes on the overview's answer when the experiment it refused is no tracked one", async () => {
    const api = fakeApi({
      getExperimentOverview: () => Promise.reject(notASearch()),
      getExperiment: () => Promise.resolve(makeExperiment()),
    });
    await expect(loadExperimentPage(api, 'x', INITIAL_RUNS_STATE)).rejects.toMatchObject({ status: 409 });
  });

  it('passes on a 404, a drifted answer and an outage as they are, without asking again', async () => {
    const getExperiment = jest.fn();
    for (const error of [
      notFound(),
      new ApiError(502, { error: 'invalid_response', message: 'kind: expected search' }),
      new ApiError(503, { error: 'api_unreachable', message: 'Cannot reach the Atelier API' }),
    ]) {
      const api = fakeApi({
        getExperimentOverview: () => Promise.reject(error),
        getExperiment,
      });
      await expect(loadExperimentPage(api, 'x', INITIAL_RUNS_STATE)).rejects.toBe(error);
    }
    expect(getExperiment).not.toHaveBeenCalled();
  });
});
