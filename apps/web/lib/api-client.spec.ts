import { makeExperiment } from '../test/fixtures/experiment';
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
