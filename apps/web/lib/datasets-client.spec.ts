import { makeDatasetSummary } from '../test/fixtures/dataset';
import { createDatasetsClient } from './datasets-client';

const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

describe('datasets client: import', () => {
  it('turns the 422 of the confirm step into the warnings to show, and a 201 into the dataset', async () => {
    const warnings = [{ kind: 'single-class', count: 20, message: "Only one class has images: '1' (all 20)." }];
    const answers = [
      json(422, { statusCode: 422, error: 'unconfirmed_warnings', message: 'The dataset was not imported: …', warnings }),
      json(201, makeDatasetSummary({ key: 'junk', warnings: warnings as never })),
    ];
    const client = createDatasetsClient('http://api', async () => answers.shift()!);
    expect(await client.importDataset(new FormData())).toEqual({ kind: 'needs-confirmation', warnings, message: 'The dataset was not imported: …' });
    const imported = await client.importDataset(new FormData());
    expect(imported.kind === 'imported' && imported.dataset.warnings).toEqual(warnings);
  });

  it('still throws the API error for a bad file', async () => {
    const client = createDatasetsClient('http://api', async () => json(400, { statusCode: 400, error: 'validation_failed', message: 'a.csv (train CSV): file is empty' }));
    await expect(client.importDataset(new FormData())).rejects.toMatchObject({ status: 400, message: 'a.csv (train CSV): file is empty' });
  });
});
