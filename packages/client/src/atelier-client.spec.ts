import type { TLogRequest } from '@atelier/domain';
import { ApiError, isApiError } from './api-error';
import { createAtelierClient, listSearch } from './atelier-client';

const BASE = 'http://api.test';
const LOG_RECEIPT = { runId: 'r1', points: 2, status: 'running', lastSeenAt: '2026-01-01T00:00:00.000Z' };
const DATASET = {
  id: 'd1',
  key: 'shapes',
  name: 'Shapes',
  kind: 'imported',
  format: 'idx',
  classNames: ['a', 'b'],
  trainSize: 10,
  testSize: 2,
  imageShape: [28, 28, 1],
  available: true,
  warnings: [],
  createdAt: '2026-01-01T00:00:00.000Z',
};

function json(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}

/** A client whose fetch records each request and answers with the next response. */
function clientAnswering(...responses: (Response | Error)[]) {
  const requests: Request[] = [];
  const fetch = jest.fn((request: Request) => {
    requests.push(request);
    const next = responses.shift() ?? new Error('no answer left');
    return next instanceof Error ? Promise.reject(next) : Promise.resolve(next);
  });
  return { client: createAtelierClient({ baseUrl: `${BASE}/`, token: 'secret', fetch }), requests };
}

/** The Content-Disposition of each part of a multipart body, in order. */
const partsOf = (body: string) => [...body.matchAll(/Content-Disposition: form-data; (.+?)\r\n/g)].map((match) => match[1]);

const MODEL_ARTIFACT = {
  id: 'm1',
  kind: 'model',
  name: 'best',
  contentType: 'application/zip',
  sizeBytes: 10,
  sha256: 'ab',
  createdAt: '2026-01-01T00:00:00.000Z',
};

describe('createAtelierClient', () => {
  it('predicts by name@alias and name/version on the registry routes, and links their downloads', async () => {
    const answer = {
      modelId: 'm1',
      name: 'fashion',
      version: 2,
      alias: 'production',
      predictions: [{ classIndex: 1, className: 'b', probability: 1 }],
    };
    const { client, requests } = clientAnswering(json(answer), json({ ...answer, version: 1, alias: null }));
    expect(await client.predictByReference({ name: 'fashion', alias: 'production' }, { pixels: [0, 255] })).toEqual(answer);
    expect(requests[0]?.url).toBe(`${BASE}/registered-models/fashion/aliases/production/predict`);
    expect(requests[0]?.headers.get('content-type')).toBe('application/json');
    expect(JSON.parse(await requests[0]!.text())).toEqual({ pixels: [0, 255], scale: '0-255' });
    const byVersion = await client.predictByReference({ name: 'fashion', version: 1 }, { png: new Blob([new Uint8Array(4)]) });
    expect(byVersion.version).toBe(1);
    expect(requests[1]?.url).toBe(`${BASE}/registered-models/fashion/versions/1/predict`);
    expect(partsOf(await requests[1]!.text())).toEqual(['name="image"; filename="image.png"']);
    expect(client.downloadUrls.registeredModel({ name: 'fashion', alias: 'production' })).toBe(
      `${BASE}/registered-models/fashion/aliases/production/download`,
    );
  });

  it('moves an alias with PUT and deletes it with DELETE (204, no body)', async () => {
    const { client, requests } = clientAnswering(
      json({ alias: 'production', version: 2, updatedAt: '2026-01-01T00:00:00.000Z' }),
      new Response(null, { status: 204 }),
    );
    expect((await client.setModelAlias('fashion', 'production', { version: 2 })).version).toBe(2);
    expect(requests[0]?.method).toBe('PUT');
    expect(JSON.parse(await requests[0]!.text())).toEqual({ version: 2 });
    await expect(client.deleteModelAlias('fashion', 'production')).resolves.toBeUndefined();
    expect(requests[1]?.method).toBe('DELETE');
    expect(requests[1]?.url).toBe(`${BASE}/registered-models/fashion/aliases/production`);
  });

  it('addresses a registered model of one project with ?project on every call by name, and in its download links', async () => {
    const alias = { alias: 'production', version: 1, updatedAt: '2026-01-01T00:00:00.000Z' };
    const summary = {
      id: 'rm1',
      name: 'fashion',
      project: { slug: 'vision-lab', name: 'Vision lab' },
      description: '',
      latestVersion: 1,
      versionCount: 1,
      aliases: [alias],
      createdAt: '2026-01-01T00:00:00.000Z',
    };
    const prediction = { modelId: 'm1', name: 'fashion', version: 1, alias: 'production', predictions: [] };
    const { client, requests } = clientAnswering(
      json({ ...summary, versions: [] }),
      json(alias),
      new Response(null, { status: 204 }),
      json({ name: 'fashion', alias: 'production', items: [] }),
      json(prediction),
    );
    const scope = { project: 'vision-lab' };
    expect((await client.getRegisteredModel('fashion', scope)).project).toEqual({ slug: 'vision-lab', name: 'Vision lab' });
    await client.setModelAlias('fashion', 'production', { version: 1 }, scope);
    await client.deleteModelAlias('fashion', 'production', scope);
    await client.getModelAliasHistory('fashion', 'production', scope);
    await client.predictByReference({ name: 'fashion', alias: 'production' }, { pixels: [0] }, scope);
    expect(requests.map((r) => `${r.method} ${r.url}`)).toEqual([
      `GET ${BASE}/registered-models/fashion?project=vision-lab`,
      `PUT ${BASE}/registered-models/fashion/aliases/production?project=vision-lab`,
      `DELETE ${BASE}/registered-models/fashion/aliases/production?project=vision-lab`,
      `GET ${BASE}/registered-models/fashion/aliases/production/history?project=vision-lab`,
      `POST ${BASE}/registered-models/fashion/aliases/production/predict?project=vision-lab`,
    ]);
    expect(client.downloadUrls.registeredModel({ name: 'fashion', version: 1 }, scope)).toBe(
      `${BASE}/registered-models/fashion/versions/1/download?project=vision-lab`,
    );
  });

  it('uploads a run model as tf.io.http does: two file parts, the options in the query', async () => {
    const { client, requests } = clientAnswering(json(MODEL_ARTIFACT, 201));
    const artifact = await client.uploadRunModel('r 1', {
      modelJson: new Blob(['{}']),
      weights: new Blob([new Uint8Array(8)]),
      name: 'best',
      dataset: 'mnist',
    });
    expect(artifact).toEqual(MODEL_ARTIFACT);
    expect(requests[0]?.url).toBe(`${BASE}/runs/r%201/model?name=best&dataset=mnist`);
    const parts = partsOf(await requests[0]!.text());
    expect(parts).toEqual(['name="model.json"; filename="model.json"', 'name="model.weights.bin"; filename="model.weights.bin"']);
    expect(requests[0]?.headers.get('authorization')).toBe('Bearer secret');
  });

  it('lists experiments with list parameters joined by commas and empty ones left out', async () => {
    const { client, requests } = clientAnswering(json({ items: [], total: 0 }));
    const list = await client.listExperiments({ status: ['running', 'queued'], q: '', limit: 20 });
    expect(list).toEqual({ items: [], total: 0 });
    expect(requests[0]?.method).toBe('GET');
    expect(decodeURIComponent(requests[0]?.url ?? '')).toBe(`${BASE}/experiments?status=running,queued&limit=20`);
  });

  it('sends the token and asks for JSON', async () => {
    const { client, requests } = clientAnswering(json({ items: [], total: 0 }));
    await client.listExperiments();
    expect(requests[0]?.headers.get('authorization')).toBe('Bearer secret');
    expect(requests[0]?.headers.get('accept')).toBe('application/json');
  });

  it('creates a run with a JSON body', async () => {
    const { client, requests } = clientAnswering(json({ message: 'anything' }, 201));
    await client.createRun({ experiment: 'notebook', params: { lr: 0.01 } }).catch(() => undefined);
    expect(requests[0]?.method).toBe('POST');
    expect(requests[0]?.url).toBe(`${BASE}/runs`);
    expect(requests[0]?.headers.get('content-type')).toBe('application/json');
    expect(await requests[0]?.json()).toEqual({ experiment: 'notebook', params: { lr: 0.01 } });
  });

  it('logs a batch to a run and returns the receipt', async () => {
    const { client, requests } = clientAnswering(json(LOG_RECEIPT));
    const batch: TLogRequest = {
      metrics: [
        { key: 'loss', value: 0.5, step: 1 },
        { key: 'loss', value: 'NaN', step: 2 },
      ],
    };
    const receipt = await client.logRun('r 1', batch);
    expect(receipt).toEqual(LOG_RECEIPT);
    expect(requests[0]?.url).toBe(`${BASE}/runs/r%201/log`);
    // "NaN" stays a string on the wire: JSON has no NaN
    expect(await requests[0]?.json()).toEqual(batch);
  });

  it('patches a run', async () => {
    const { client, requests } = clientAnswering(json({}, 200));
    await client.updateRun('r1', { status: 'finished', tags: { team: null } }).catch(() => undefined);
    expect(requests[0]?.method).toBe('PATCH');
    expect(requests[0]?.url).toBe(`${BASE}/runs/r1`);
    expect(await requests[0]?.json()).toEqual({ status: 'finished', tags: { team: null } });
  });

  it('asks for some metric keys of a run, at most so many points', async () => {
    const { client, requests } = clientAnswering(json({ runId: 'r1', series: [] }));
    await client.getRunMetrics('r1', { keys: ['loss', 'acc'], points: 100 }).catch(() => undefined);
    expect(decodeURIComponent(requests[0]?.url ?? '')).toBe(`${BASE}/runs/r1/metrics?keys=loss,acc&points=100`);
  });

  it('throws the API error with its status, code, zod issues and filter position', async () => {
    const body = {
      statusCode: 400,
      error: 'validation_failed',
      message: 'Invalid filter: at position 7: unknown attribute',
      issues: [{ path: 'filter', message: 'unknown attribute' }],
      position: 7,
    };
    const { client } = clientAnswering(json(body, 400));
    const error = await client.listRuns({ filter: 'params.x ~ 1' }).catch((e: unknown) => e);
    expect(isApiError(error)).toBe(true);
    expect(error).toMatchObject({
      status: 400,
      code: 'validation_failed',
      message: 'Invalid filter: at position 7: unknown attribute',
      issues: [{ path: 'filter', message: 'unknown attribute' }],
      position: 7,
      kind: 'http',
    });
  });

  it('quotes an error that is not JSON (a proxy page)', async () => {
    const { client } = clientAnswering(new Response('upstream timed out', { status: 504, statusText: 'Gateway Timeout' }));
    const error = (await client.getTrial('t1').catch((e: unknown) => e)) as ApiError;
    expect(error.status).toBe(504);
    expect(error.code).toBe('http_504');
    expect(error.message).toBe('The API answered 504 Gateway Timeout: upstream timed out');
  });

  it('reports an unreachable API as a network failure, 503, with the reason', async () => {
    const { client } = clientAnswering(
      Object.assign(new TypeError('fetch failed'), { cause: new Error('connect ECONNREFUSED 127.0.0.1:3001') }),
    );
    const error = (await client.getRun('r1').catch((e: unknown) => e)) as ApiError;
    expect(error).toBeInstanceOf(ApiError);
    expect(error.kind).toBe('network');
    expect(error.status).toBe(503);
    expect(error.isUnavailable).toBe(true);
    expect(error.message).toBe('Cannot reach the Atelier API at http://api.test (connect ECONNREFUSED 127.0.0.1:3001)');
  });

  it('refuses an answer that does not match the domain schema, naming the field', async () => {
    const { client } = clientAnswering(json({ ...LOG_RECEIPT, points: 'two' }));
    const error = (await client.logRun('r1', { metrics: [] }).catch((e: unknown) => e)) as ApiError;
    expect(error.kind).toBe('invalid-response');
    expect(error.status).toBe(502);
    expect(error.message).toMatch(/^The API sent a log receipt this client cannot read at points: /);
  });

  it('refuses a 2xx answer that is not JSON', async () => {
    const { client } = clientAnswering(new Response('<html>', { status: 200 }));
    const error = (await client.listDatasets().catch((e: unknown) => e)) as ApiError;
    expect(error.kind).toBe('invalid-response');
    expect(error.message).toBe('The API sent a dataset list that is not JSON');
  });

  it('reads a cancel without a body as null', async () => {
    const { client, requests } = clientAnswering(new Response(null, { status: 204 }));
    expect(await client.cancelExperiment('e1')).toBeNull();
    expect(requests[0]?.url).toBe(`${BASE}/experiments/e1/cancel`);
    expect(requests[0]?.method).toBe('POST');
  });

  it('asks for dataset samples with the query given', async () => {
    const { client, requests } = clientAnswering(json({}));
    await client.getSamples('fashion mnist', { split: 'test', count: 24, seed: 3 }).catch(() => undefined);
    expect(requests[0]?.url).toBe(`${BASE}/datasets/fashion%20mnist/samples?split=test&count=24&seed=3`);
  });

  it('imports a dataset as multipart, or returns the warnings to confirm', async () => {
    const warnings = [{ kind: 'blank-images', message: '3 images are blank', count: 3 }];
    const confirm = {
      statusCode: 422,
      error: 'unconfirmed_warnings',
      message: '3 images are blank; send again to import anyway',
      warnings,
    };
    const { client, requests } = clientAnswering(json(confirm, 422), json(DATASET, 201));
    const form = new FormData();
    form.append('name', 'Shapes');

    expect(await client.importDataset(form)).toEqual({ kind: 'needs-confirmation', warnings, message: confirm.message });
    expect(requests[0]?.url).toBe(`${BASE}/datasets/import`);
    expect(requests[0]?.headers.get('content-type')).toMatch(/^multipart\/form-data; boundary=/);
    expect(await requests[0]?.text()).toMatch(/name="name"\r\n\r\nShapes\r\n/);

    expect(await client.importDataset(form, { project: 'vision' })).toEqual({ kind: 'imported', dataset: DATASET });
    // the project goes in the query, where POST /datasets/import reads it; the multipart fields are the dataset's
    expect(requests[1]?.url).toBe(`${BASE}/datasets/import?project=vision`);
  });

  it("asks a list route for one project's rows with ?project, and for every project's without it", async () => {
    const { client, requests } = clientAnswering(
      json([]),
      json([]),
      json({ items: [] }),
      json([]),
      json({ experiments: [], runs: [], retentionDays: 30 }),
    );
    await client.listDatasets({ project: 'vision' }).catch(() => undefined);
    await client.listArchitectures().catch(() => undefined);
    await client.listRegisteredModels({ project: 'vision' }).catch(() => undefined);
    await client.listTrash({}).catch(() => undefined);
    await client.listExperiments({ project: 'audio', limit: 5 }).catch(() => undefined);
    expect(requests.map((r) => r.url)).toEqual([
      `${BASE}/datasets?project=vision`,
      `${BASE}/architectures`,
      `${BASE}/registered-models?project=vision`,
      `${BASE}/trash`,
      `${BASE}/experiments?project=audio&limit=5`,
    ]);
  });

  it('logs files to a run as multipart, each named by the path field before it', async () => {
    const artifact = {
      id: 'a1',
      runId: 'r1',
      name: 'plots/roc.png',
      kind: 'file',
      contentType: 'image/png',
      sizeBytes: 3,
      sha256: 'f'.repeat(64),
      createdAt: '2026-01-01T00:00:00.000Z',
    };
    const { client, requests } = clientAnswering(json({ runId: 'r1', items: [artifact] }, 201));
    const stored = await client.logArtifacts('r1', [{ path: 'plots/roc.png', content: new Blob(['png'], { type: 'image/png' }) }], {
      overwrite: true,
    });
    expect(requests[0]?.url).toBe(`${BASE}/runs/r1/artifacts?overwrite=true`);
    const body = (await requests[0]?.text()) ?? '';
    expect(body).toMatch(/name="path"\r\n\r\nplots\/roc\.png\r\n/);
    expect(body).toMatch(/name="file"; filename="roc\.png"\r\nContent-Type: image\/png\r\n\r\npng\r\n/);
    expect(stored.map((a) => a.name)).toEqual(['plots/roc.png']);
  });

  it('says an upload was too large when a proxy refuses it', async () => {
    const { client } = clientAnswering(new Response('<html>413</html>', { status: 413 }));
    const error = (await client.importDataset(new FormData()).catch((e: unknown) => e)) as ApiError;
    expect(error.status).toBe(413);
    expect(error.message).toBe('The upload is too large for the server.');
  });

  it('builds download links under the base URL', () => {
    const { client } = clientAnswering();
    expect(client.downloadUrls.model('m/1')).toBe(`${BASE}/models/m%2F1/download`);
    expect(client.downloadUrls.onnxModel('m/1')).toBe(`${BASE}/models/m%2F1/model.onnx`);
    expect(client.downloadUrls.modelCard('m1')).toBe(`${BASE}/models/m1/model-card.json`);
    expect(client.downloadUrls.trialsCsv('e1', { limit: 50, offset: 100, sort: 'number', status: ['completed'] })).toBe(
      `${BASE}/experiments/e1/trials.csv?sort=number&status=completed`,
    );
    expect(client.downloadUrls.datasetImage('mnist', 'train', 4)).toBe(`${BASE}/datasets/mnist/images/train/4.png`);
    expect(client.downloadUrls.runArtifact('r1', 'a 1')).toBe(`${BASE}/runs/r1/artifacts/a%201`);
  });
});

describe('download', () => {
  it('fetches a download link with the token and hands back the unread answer', async () => {
    const { client, requests } = clientAnswering(new Response('weights', { status: 200 }));
    const response = await client.download(client.downloadUrls.model('m1'));
    expect(await response.text()).toBe('weights');
    expect(requests[0]?.url).toBe(`${BASE}/models/m1/download`);
    expect(requests[0]?.headers.get('authorization')).toBe('Bearer secret');
  });

  it('throws the API error of a missing file', async () => {
    const { client } = clientAnswering(json({ statusCode: 404, error: 'not_found', message: 'No model m2' }, 404));
    await expect(client.download(client.downloadUrls.model('m2'))).rejects.toMatchObject({
      status: 404,
      isNotFound: true,
      message: 'No model m2',
    });
  });
});

describe('listSearch', () => {
  it('joins lists with commas and leaves empty values out', () => {
    expect(listSearch({ status: ['running', 'queued'], q: '', dataset: null, limit: 10, tags: [] })).toBe(
      'status=running%2Cqueued&limit=10',
    );
  });
});
