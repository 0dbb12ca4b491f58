import { fakeApi } from '../test/fixtures/api';
import { makeOverview, makeSummary } from '../test/fixtures/experiment';
import { makeRunList, makeRunSummary, makeTrackedExperiment } from '../test/fixtures/run';
import { ApiError } from './api-client';
import { loadExperimentPage } from './experiment-page';
import { INITIAL_RUNS_STATE } from './runs-table';

const notFound = () => new ApiError(404, { error: 'not_found', message: 'no experiment x' });

describe('loadExperimentPage', () => {
  it('gives a search its overview and asks nothing else', async () => {
    const getTrackedExperiment = jest.fn();
    const data = await loadExperimentPage(fakeApi({ getExperimentOverview: async () => makeOverview(), getTrackedExperiment }), 'x', INITIAL_RUNS_STATE);
    expect(data.kind).toBe('search');
    expect(getTrackedExperiment).not.toHaveBeenCalled();
  });

  it('reads a tracked experiment and the first page of its runs with the URL filter and sort', async () => {
    const listRuns = jest.fn(async () => makeRunList([makeRunSummary(1)]));
    const api = fakeApi({
      getExperimentOverview: async () => {
        throw new ApiError(409, { error: 'not_a_search', message: 'a tracked experiment has no search overview' });
      },
      getTrackedExperiment: async () => makeTrackedExperiment({ id: 'e1' }),
      listRuns,
    });
    const data = await loadExperimentPage(api, 'e1', { filter: 'params.lr > 0.1', sort: { field: 'metrics.loss', direction: 'asc' } });
    expect(data).toMatchObject({ kind: 'tracked', experiment: { id: 'e1', kind: 'tracked' }, runs: { total: 1 } });
    expect(listRuns).toHaveBeenCalledWith({ experiment: 'e1', filter: 'params.lr > 0.1', sort: 'metrics.loss asc', limit: 50 });
  });

  it('finds a tracked experiment through its runs and the experiments list when GET /experiments/:id refuses it', async () => {
    const conflict = () => new ApiError(409, { error: 'conflict', message: "Experiment 'notebook runs' is a tracked experiment" });
    const listExperiments = jest.fn(async () => ({
      items: [makeSummary({ id: 'other', name: 'notebook runs v2' }), { ...makeTrackedExperiment({ id: 'e1', tags: { team: 'vision' } }), notes: undefined }],
      total: 2,
    }));
    const listRuns = jest.fn(async () => makeRunList([makeRunSummary(1, { experimentId: 'e1', experimentName: 'notebook runs' })], { total: 7 }));
    const api = fakeApi({
      getExperimentOverview: async () => {
        throw conflict();
      },
      getTrackedExperiment: async () => {
        throw conflict();
      },
      listRuns,
      listExperiments,
    });
    const data = await loadExperimentPage(api, 'e1', INITIAL_RUNS_STATE);
    expect(data).toMatchObject({ kind: 'tracked', experiment: { id: 'e1', kind: 'tracked', name: 'notebook runs', tags: { team: 'vision' }, notes: '' } });
    expect(listRuns).toHaveBeenNthCalledWith(1, { experiment: 'e1', limit: 1 });
    expect(listExperiments).toHaveBeenCalledWith({ q: 'notebook runs', limit: 500 });
  });

  it('leaves the runs to the browser when the filter is refused', async () => {
    const api = fakeApi({
      getExperimentOverview: async () => {
        throw new ApiError(502, { error: 'invalid_response', message: 'kind: expected search' });
      },
      getTrackedExperiment: async () => makeTrackedExperiment(),
      listRuns: async () => {
        throw new ApiError(400, { error: 'invalid_filter', message: 'bad filter at position 3' });
      },
    });
    await expect(loadExperimentPage(api, 'e1', { filter: 'x', sort: null })).resolves.toMatchObject({ kind: 'tracked', runs: null });
  });

  it('passes on the 404 of an id that is neither, and an outage as it is', async () => {
    const unknown = fakeApi({
      getExperimentOverview: async () => {
        throw notFound();
      },
      getTrackedExperiment: async () => {
        throw notFound();
      },
    });
    await expect(loadExperimentPage(unknown, 'x', INITIAL_RUNS_STATE)).rejects.toMatchObject({ status: 404 });
    const down = fakeApi({
      getExperimentOverview: async () => {
        throw new ApiError(503, { error: 'api_unreachable', message: 'Cannot reach the Atelier API' });
      },
    });
    await expect(loadExperimentPage(down, 'x', INITIAL_RUNS_STATE)).rejects.toMatchObject({ status: 503 });
  });
});
