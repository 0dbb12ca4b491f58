import { makeExperiment } from '../test/fixtures/experiment';
import { makeArtifact, makeRunDetail, makeRunList, makeRunMetrics, makeRunSummary, makeSeries, makeTrackedExperiment } from '../test/fixtures/run';
import { ApiError, createApiClient } from './api-client';

function respond(status: number, body: unknown) {
  return jest.fn(async () => new Response(typeof body === 'string' ? body : JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } }));
}

describe('createApiClient', () => {
  it('builds URLs and parses responses with the domain schemas', async () => {
    const fetchImpl = respond(200, { items: [], total: 0 });
    const api = createApiClient('http://api.test/', fetchImpl);
    await expect(api.listExperiments({ limit: 20, offset: 40, status: 'running' })).resolves.toEqual({ items: [], total: 0 });
    expect(fetchImpl).toHaveBeenCalledWith('http://api.test/experiments?limit=20&offset=40&status=running', expect.objectContaining({ cache: 'no-store' }));
  });

  it('passes the experiments list sort and filters, lists joined with commas', async () => {
    const fetchImpl = respond(200, { items: [], total: 0 });
    const api = createApiClient('/api', fetchImpl);
    await api.listExperiments({ sort: 'bestValAccuracy', order: 'asc', status: ['running', 'queued'], dataset: 'mnist', strategy: 'asha', q: 'lr sweep & 50%' });
    expect((fetchImpl.mock.calls[0] as unknown as [string])[0]).toBe('/api/experiments?sort=bestValAccuracy&order=asc&status=running%2Cqueued&dataset=mnist&strategy=asha&q=lr+sweep+%26+50%25');
  });

  it('sends JSON bodies on POST', async () => {
    const experiment = makeExperiment();
    const fetchImpl = respond(201, experiment);
    const api = createApiClient('/api', fetchImpl);
    await expect(api.createExperiment({ name: 'x', dataset: 'mnist', space: experiment.space })).resolves.toEqual(experiment);
    const [url, init] = (fetchImpl.mock.calls[0] as unknown as [string, RequestInit]);
    expect(url).toBe('/api/experiments');
    expect(init.method).toBe('POST');
    expect(JSON.parse(init.body as string)).toMatchObject({ name: 'x', dataset: 'mnist' });
    expect(init.headers).toMatchObject({ 'content-type': 'application/json' });
  });

  it('turns an ApiError body into an ApiError with its issues', async () => {
    const api = createApiClient('/api', respond(400, { statusCode: 400, error: 'validation_failed', message: 'Invalid request', issues: [{ path: 'name', message: 'name is required' }] }));
    const error = (await api.planExperiment({ name: '', dataset: 'mnist', space: makeExperiment().space }).catch((e) => e)) as ApiError;
    expect(error).toBeInstanceOf(ApiError);
    expect(error.status).toBe(400);
    expect(error.code).toBe('validation_failed');
    expect(error.issues).toEqual([{ path: 'name', message: 'name is required' }]);
  });

  it('reports a response that breaks the contract, and an unreachable API', async () => {
    const drifted = createApiClient('/api', respond(200, { ...makeExperiment(), status: 'exploded' }));
    await expect(drifted.getExperiment('x')).rejects.toThrow(/cannot read at status/);
    const down = createApiClient('http://127.0.0.1:9', jest.fn(async () => {
      throw Object.assign(new TypeError('fetch failed'), { cause: new Error('connect ECONNREFUSED 127.0.0.1:9') });
    }));
    await expect(down.listDatasets()).rejects.toMatchObject({ status: 503, code: 'api_unreachable', message: 'Cannot reach the Atelier API at http://127.0.0.1:9 (connect ECONNREFUSED 127.0.0.1:9)' });
  });

  it('gives a plain message for a non-JSON error', async () => {
    const api = createApiClient('/api', jest.fn(async () => new Response('upstream timeout', { status: 504, statusText: 'Gateway Timeout' })));
    await expect(api.getTrial('t')).rejects.toMatchObject({ status: 504, message: 'The API answered 504 Gateway Timeout: upstream timeout' });
  });
});

describe('the runs calls', () => {
  it('lists runs with the filter, sort and cursor as query parameters', async () => {
    const fetchImpl = respond(200, makeRunList([makeRunSummary(1)], { nextCursor: 'c2', total: 3 }));
    const api = createApiClient('/api', fetchImpl);
    const page = await api.listRuns({ experiment: 'e1', filter: "params.optimizer = 'adam'", sort: 'metrics.loss asc', limit: 50, cursor: 'c1' });
    expect(page.nextCursor).toBe('c2');
    expect(page.items[0]!.params).toEqual({ lr: 0.01, optimizer: 'adam', 'model.layers': 3 });
    const url = (fetchImpl.mock.calls[0] as unknown as [string])[0];
    expect(url).toBe('/api/runs?experiment=e1&filter=params.optimizer+%3D+%27adam%27&sort=metrics.loss+asc&limit=50&cursor=c1');
  });

  it('keeps NaN and the infinities as the strings they travel as', async () => {
    const metrics = makeRunMetrics('run-1', [makeSeries('loss', [1.5, 'NaN', 'Infinity'])]);
    const api = createApiClient('/api', respond(200, metrics));
    const parsed = await api.getRunMetrics('run-1', { keys: ['loss', 'val loss'], points: 500 });
    expect(parsed.series[0]!.points.map((p) => p.value)).toEqual([1.5, 'NaN', 'Infinity']);
  });

  it('asks for some metric keys and a number of points', async () => {
    const fetchImpl = respond(200, makeRunMetrics('r', []));
    await createApiClient('/api', fetchImpl).getRunMetrics('r/1', { keys: ['loss', 'val loss'], points: 500 });
    expect((fetchImpl.mock.calls[0] as unknown as [string])[0]).toBe('/api/runs/r%2F1/metrics?keys=loss%2Cval+loss&points=500');
  });

  it('patches notes with a JSON body', async () => {
    const fetchImpl = respond(200, makeRunDetail(1, { notes: '# Done' }));
    const run = await createApiClient('/api', fetchImpl).updateRun('run-1', { notes: '# Done' });
    expect(run.notes).toBe('# Done');
    const [url, init] = fetchImpl.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toBe('/api/runs/run-1');
    expect(init.method).toBe('PATCH');
    expect(JSON.parse(init.body as string)).toEqual({ notes: '# Done' });
  });

  it('reads the artifact list, and an experiment of either kind', async () => {
    const artifacts = createApiClient('/api', respond(200, { runId: 'run-1', items: [makeArtifact('a1')] }));
    await expect(artifacts.listRunArtifacts('run-1')).resolves.toEqual([makeArtifact('a1')]);
    const tracked = createApiClient('/api', respond(200, makeTrackedExperiment({ notes: '# v2' })));
    await expect(tracked.getExperiment('e')).resolves.toMatchObject({ kind: 'tracked', notes: '# v2', dataset: null, runCounts: { running: 1 } });
    await expect(createApiClient('/api', respond(200, makeExperiment())).getExperiment('e')).resolves.toMatchObject({ kind: 'search' });
    // a tracked experiment without what the domain schema requires of one is refused here, not deep in a component
    const drifted = createApiClient('/api', respond(200, { ...makeTrackedExperiment(), runCounts: undefined }));
    await expect(drifted.getExperiment('e')).rejects.toMatchObject({ status: 502, code: 'invalid_response' });
  });

  it('edits an experiment with PATCH /experiments/:id', async () => {
    const fetchImpl = respond(200, makeTrackedExperiment({ tags: { team: 'vision' } }));
    const experiment = await createApiClient('/api', fetchImpl).updateExperiment('e 1', { tags: { team: 'vision', stale: null } });
    expect(experiment.tags).toEqual({ team: 'vision' });
    const [url, init] = fetchImpl.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toBe('/api/experiments/e%201');
    expect(init.method).toBe('PATCH');
    expect(JSON.parse(init.body as string)).toEqual({ tags: { team: 'vision', stale: null } });
  });
});

describe('a refused runs filter', () => {
  it('keeps the position the API gives beside its message', async () => {
    const body = {
      statusCode: 400,
      error: 'validation_failed',
      message: "Invalid filter: at position 10: expected a value after '>' but found the end of the filter",
      issues: [{ path: 'filter', message: 'x' }],
      position: 10,
      expected: ['a value'],
    };
    const error = (await createApiClient('/api', respond(400, body)).listRuns({ filter: 'params.a >' }).catch((e) => e)) as ApiError;
    expect(error.position).toBe(10);
    expect(error.issues).toEqual([{ path: 'filter', message: 'x' }]);
    const plain = (await createApiClient('/api', respond(404, { statusCode: 404, error: 'not_found', message: 'no run' })).getRun('x').catch((e) => e)) as ApiError;
    expect(plain.position).toBeNull();
  });
});
