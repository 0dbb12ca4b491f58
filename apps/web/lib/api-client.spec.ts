import { makeExperiment } from '../test/fixtures/experiment';
import {
  makeArtifact,
  makeRunDetail,
  makeRunList,
  makeRunMetrics,
  makeRunSummary,
  makeSeries,
  makeTrackedExperiment,
} from '../test/fixtures/run';
import { ApiError, createApiClient } from './api-client';

/** The proxy's address as the browser resolves `/api` on the web's origin. */
const PROXY = 'http://web.test/api';

function respond(status: number, body: unknown) {
  return jest.fn((_request: Request) =>
    Promise.resolve(
      new Response(typeof body === 'string' ? body : JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } }),
    ),
  );
}

/** The one request a client made through `fetchImpl`. */
function sent(fetchImpl: ReturnType<typeof respond>): Request {
  expect(fetchImpl).toHaveBeenCalledTimes(1);
  return fetchImpl.mock.calls[0]![0];
}

describe('createApiClient', () => {
  it('builds URLs and parses responses with the domain schemas', async () => {
    const fetchImpl = respond(200, { items: [], total: 0 });
    const api = createApiClient('http://api.test/', fetchImpl);
    await expect(api.listExperiments({ limit: 20, offset: 40, status: 'running' })).resolves.toEqual({ items: [], total: 0 });
    const request = sent(fetchImpl);
    expect(request.url).toBe('http://api.test/experiments?limit=20&offset=40&status=running');
    expect(request.method).toBe('GET');
    // live data: never answered from Next's fetch cache
    expect(request.cache).toBe('no-store');
  });

  it('passes the experiments list sort and filters, lists joined with commas', async () => {
    const fetchImpl = respond(200, { items: [], total: 0 });
    const api = createApiClient(PROXY, fetchImpl);
    await api.listExperiments({
      sort: 'bestValAccuracy',
      order: 'asc',
      status: ['running', 'queued'],
      dataset: 'mnist',
      strategy: 'asha',
      q: 'lr sweep & 50%',
    });
    expect(sent(fetchImpl).url).toBe(
      `${PROXY}/experiments?sort=bestValAccuracy&order=asc&status=running,queued&dataset=mnist&strategy=asha&q=lr%20sweep%20%26%2050%25`,
    );
  });

  it('sends JSON bodies on POST', async () => {
    const experiment = makeExperiment();
    const fetchImpl = respond(201, experiment);
    const api = createApiClient(PROXY, fetchImpl);
    await expect(api.createExperiment({ name: 'x', dataset: 'mnist', space: experiment.space })).resolves.toEqual(experiment);
    const request = sent(fetchImpl);
    expect(request.url).toBe(`${PROXY}/experiments`);
    expect(request.method).toBe('POST');
    expect(await request.json()).toEqual({ name: 'x', dataset: 'mnist', space: experiment.space });
    expect(request.headers.get('content-type')).toBe('application/json');
  });

  it('turns an ApiError body into an ApiError with its issues', async () => {
    const api = createApiClient(
      PROXY,
      respond(400, {
        statusCode: 400,
        error: 'validation_failed',
        message: 'Invalid request',
        issues: [{ path: 'name', message: 'name is required' }],
      }),
    );
    const error = (await api
      .planExperiment({ name: '', dataset: 'mnist', space: makeExperiment().space })
      .catch((e: unknown) => e)) as ApiError;
    expect(error).toBeInstanceOf(ApiError);
    expect(error.status).toBe(400);
    expect(error.code).toBe('validation_failed');
    expect(error.issues).toEqual([{ path: 'name', message: 'name is required' }]);
  });

  it('reports a response that breaks the contract, and an unreachable API', async () => {
    const drifted = createApiClient(PROXY, respond(200, { ...makeExperiment(), status: 'exploded' }));
    await expect(drifted.getExperiment('x')).rejects.toThrow(/cannot read at status/);
    const down = createApiClient('http://127.0.0.1:9', () =>
      Promise.reject(Object.assign(new TypeError('fetch failed'), { cause: new Error('connect ECONNREFUSED 127.0.0.1:9') })),
    );
    await expect(down.listDatasets()).rejects.toMatchObject({
      status: 503,
      code: 'api_unreachable',
      kind: 'network',
      message: 'Cannot reach the Atelier API at http://127.0.0.1:9 (connect ECONNREFUSED 127.0.0.1:9)',
    });
  });

  it('gives a plain message for a non-JSON error', async () => {
    const api = createApiClient(PROXY, () =>
      Promise.resolve(new Response('upstream timeout', { status: 504, statusText: 'Gateway Timeout' })),
    );
    await expect(api.getTrial('t')).rejects.toMatchObject({
      status: 504,
      message: 'The API answered 504 Gateway Timeout: upstream timeout',
    });
  });
});

describe('the runs calls', () => {
  it('lists runs with the filter, sort and cursor as query parameters', async () => {
    const fetchImpl = respond(200, makeRunList([makeRunSummary(1)], { nextCursor: 'c2', total: 3 }));
    const api = createApiClient(PROXY, fetchImpl);
    const page = await api.listRuns({
      experiment: 'e1',
      filter: "params.optimizer = 'adam'",
      sort: 'metrics.loss asc',
      limit: 50,
      cursor: 'c1',
    });
    expect(page.nextCursor).toBe('c2');
    expect(page.items[0]!.params).toEqual({ lr: 0.01, optimizer: 'adam', 'model.layers': 3 });
    expect(sent(fetchImpl).url).toBe(
      `${PROXY}/runs?experiment=e1&filter=params.optimizer%20%3D%20%27adam%27&sort=metrics.loss%20asc&limit=50&cursor=c1`,
    );
  });

  it('keeps NaN and the infinities as the strings they travel as', async () => {
    const metrics = makeRunMetrics('run-1', [makeSeries('loss', [1.5, 'NaN', 'Infinity'])]);
    const api = createApiClient(PROXY, respond(200, metrics));
    const parsed = await api.getRunMetrics('run-1', { keys: ['loss', 'val loss'], points: 500 });
    expect(parsed.series[0]!.points.map((p) => p.value)).toEqual([1.5, 'NaN', 'Infinity']);
  });

  it('asks for some metric keys and a number of points', async () => {
    const fetchImpl = respond(200, makeRunMetrics('r', []));
    await createApiClient(PROXY, fetchImpl).getRunMetrics('r/1', { keys: ['loss', 'val loss'], points: 500 });
    expect(sent(fetchImpl).url).toBe(`${PROXY}/runs/r%2F1/metrics?keys=loss%2Cval%20loss&points=500`);
  });

  it('patches notes with a JSON body', async () => {
    const fetchImpl = respond(200, makeRunDetail(1, { notes: '# Done' }));
    const run = await createApiClient(PROXY, fetchImpl).updateRun('run-1', { notes: '# Done' });
    expect(run.notes).toBe('# Done');
    const request = sent(fetchImpl);
    expect(request.url).toBe(`${PROXY}/runs/run-1`);
    expect(request.method).toBe('PATCH');
    expect(await request.json()).toEqual({ notes: '# Done' });
  });

  it('reads the artifact list, and an experiment of either kind', async () => {
    const artifacts = createApiClient(PROXY, respond(200, { runId: 'run-1', items: [makeArtifact('a1')] }));
    await expect(artifacts.listRunArtifacts('run-1')).resolves.toEqual([makeArtifact('a1')]);
    const tracked = createApiClient(PROXY, respond(200, makeTrackedExperiment({ notes: '# v2' })));
    await expect(tracked.getExperiment('e')).resolves.toMatchObject({
      kind: 'tracked',
      notes: '# v2',
      dataset: null,
      runCounts: { running: 1 },
    });
    await expect(createApiClient(PROXY, respond(200, makeExperiment())).getExperiment('e')).resolves.toMatchObject({ kind: 'search' });
    // a tracked experiment without what the domain schema requires of one is refused here, not deep in a component
    const drifted = createApiClient(PROXY, respond(200, { ...makeTrackedExperiment(), runCounts: undefined }));
    await expect(drifted.getExperiment('e')).rejects.toMatchObject({ status: 502, code: 'invalid_response' });
  });

  it('edits an experiment with PATCH /experiments/:id', async () => {
    const fetchImpl = respond(200, makeTrackedExperiment({ tags: { team: 'vision' } }));
    const experiment = await createApiClient(PROXY, fetchImpl).updateExperiment('e 1', { tags: { team: 'vision', stale: null } });
    expect(experiment.tags).toEqual({ team: 'vision' });
    const request = sent(fetchImpl);
    expect(request.url).toBe(`${PROXY}/experiments/e%201`);
    expect(request.method).toBe('PATCH');
    expect(await request.json()).toEqual({ tags: { team: 'vision', stale: null } });
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
    const error = (await createApiClient(PROXY, respond(400, body))
      .listRuns({ filter: 'params.a >' })
      .catch((e: unknown) => e)) as ApiError;
    expect(error.position).toBe(10);
    expect(error.issues).toEqual([{ path: 'filter', message: 'x' }]);
    const plain = (await createApiClient(PROXY, respond(404, { statusCode: 404, error: 'not_found', message: 'no run' }))
      .getRun('x')
      .catch((e: unknown) => e)) as ApiError;
    expect(plain.position).toBeNull();
  });
});
