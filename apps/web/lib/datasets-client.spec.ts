import { makeDatasetSummary } from '../test/fixtures/dataset';
import { createDatasetsClient, datasetImageUrl } from './datasets-client';

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

/** A datasets client on the proxy whose fetch records each request and answers with the next response. */
function clientAnswering(...answers: Response[]) {
  const requests: Request[] = [];
  const client = createDatasetsClient('http://web.test/api', (request) => {
    requests.push(request);
    const answer = answers.shift();
    return answer ? Promise.resolve(answer) : Promise.reject(new Error('no answer left'));
  });
  return { client, requests };
}

describe('datasets client: import', () => {
  it('turns the 422 of the confirm step into the warnings to show, and a 201 into the dataset', async () => {
    const warnings = [{ kind: 'single-class' as const, count: 20, message: "Only one class has images: '1' (all 20)." }];
    const { client, requests } = clientAnswering(
      json(422, { statusCode: 422, error: 'unconfirmed_warnings', message: 'The dataset was not imported: …', warnings }),
      json(201, makeDatasetSummary({ key: 'junk', warnings })),
    );
    const form = new FormData();
    form.append('acknowledgeWarnings', 'true');
    expect(await client.importDataset(form)).toEqual({ kind: 'needs-confirmation', warnings, message: 'The dataset was not imported: …' });
    const imported = await client.importDataset(form);
    expect(imported.kind === 'imported' && imported.dataset.warnings).toEqual(warnings);

    expect(requests.map((r) => `${r.method} ${r.url}`)).toEqual([
      'POST http://web.test/api/datasets/import',
      'POST http://web.test/api/datasets/import',
    ]);
    // multipart with the boundary fetch chose, never a JSON content type
    expect(requests[0]!.headers.get('content-type')).toMatch(/^multipart\/form-data; boundary=/);
    expect(await requests[1]!.text()).toMatch(/name="acknowledgeWarnings"\r\n\r\ntrue\r\n/);
  });

  it('still throws the API error for a bad file', async () => {
    const { client } = clientAnswering(
      json(400, { statusCode: 400, error: 'validation_failed', message: 'a.csv (train CSV): file is empty' }),
    );
    await expect(client.importDataset(new FormData())).rejects.toMatchObject({
      status: 400,
      code: 'validation_failed',
      message: 'a.csv (train CSV): file is empty',
    });
  });
});

describe('datasets client: explorer', () => {
  it('asks for samples of one split and label, with the seed that reshuffles them', async () => {
    const samples = { key: 'mnist', split: 'test', seed: 7, label: 3, total: 1, items: [] };
    const { client, requests } = clientAnswering(json(200, samples));
    await client.getSamples('fashion mnist', { split: 'test', count: 24, seed: 7, label: 3 }).catch(() => undefined);
    expect(requests[0]!.url).toBe('http://web.test/api/datasets/fashion%20mnist/samples?split=test&count=24&seed=7&label=3');
  });

  it('links images through the same-origin proxy', () => {
    expect(datasetImageUrl('my set', 'train', 12)).toBe('/api/datasets/my%20set/images/train/12.png');
  });
});
