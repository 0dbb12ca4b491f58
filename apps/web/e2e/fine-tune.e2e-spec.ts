// Fine-tuning from the UI (issue 17): a small MLP trained on MNIST is registered with an alias
// through the API; the launch form's "Start from a model" picks it by alias, freezes its first
// layers, and the new experiment's page says "fine-tuned from <model> v1", linking to the
// registered model, whose page shows the lineage of the fine-tune's model once it is registered.
import { ZExperimentDetail, ZModelVersion, type TExperimentDetail } from '@atelier/domain';
import type { Browser, Page } from 'playwright-core';
import { failureReporter, launchChromium, signedInPage } from '../../../tests/harness/browser';
import { apiJson as fetchApiJson, trainedSearch } from '../../../tests/harness/search';
import { startE2eServers, waitFor, type Stack } from '../../../tests/harness/stack';
import { expectAccessible } from './axe';

const TRAINING_TIMEOUT_MS = Number(process.env.E2E_TRAINING_TIMEOUT_MS ?? 240_000);
const JSON_HEADERS = { 'content-type': 'application/json' };

describe('fine-tuning from a registered model in the UI', () => {
  let stack: Stack | null = null;
  let apiUrl: string;
  let webUrl: string;
  let browser: Browser | undefined;
  let page: Page;
  let parent: TExperimentDetail;
  const browserErrors: string[] = [];
  const name = `e2e-digits-${Date.now().toString(36)}`;

  const apiJson = (route: string, init?: RequestInit) => fetchApiJson(apiUrl, route, init);
  const post = (route: string, body: unknown, method = 'POST') =>
    apiJson(route, { method, headers: JSON_HEADERS, body: JSON.stringify(body) });
  const failWith = failureReporter({ page: () => page, browserErrors, stack: () => stack, pageChars: 2000 });

  beforeAll(async () => {
    ({ stack, webUrl, apiUrl } = await startE2eServers({ api: true, workerConcurrency: 2 }));
    parent = await trainedSearch(
      apiUrl,
      {
        name: `e2e digits ${name}`,
        dataset: 'mnist',
        space: {
          architecture: ['mlp'],
          batchSize: [64],
          activation: ['relu'],
          optimizer: ['adam'],
          momentum: [0],
          epochs: [1],
          learningRate: [0.003],
        },
        validation: { kind: 'kfold', folds: 2 },
        trainingSlice: 200,
        seed: 3,
        priority: 1,
      },
      { timeoutMs: TRAINING_TIMEOUT_MS, stack },
    );
    await post('/registered-models', { name });
    await post(`/registered-models/${name}/versions`, { modelId: parent.refit!.model!.id });
    await post(`/registered-models/${name}/aliases/production`, { version: 1 }, 'PUT');
    browser = await launchChromium();
    page = await signedInPage(browser, webUrl, { viewport: { width: 1366, height: 900 } });
    page.on('pageerror', (error) => browserErrors.push(error.message));
  }, TRAINING_TIMEOUT_MS + 120_000);

  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  }, 60_000);

  it('launches a fine-tune by alias from the form and shows its parent on the experiment and registry pages', async () => {
    await page.goto(`${webUrl}/experiments/new`, { waitUntil: 'networkidle' });
    await page.getByLabel('Name').waitFor({ timeout: 15_000 }).catch(failWith('the launch form did not show'));
    await page.getByLabel('Name').fill(`e2e fine-tune ${name}`);
    await page.locator('input[name="dataset"][value="fashion-mnist"]').check();
    await page.locator('input[name="startFrom"][value="model"]').check({ force: true });
    await page.getByLabel('Registered model').fill(`${name}@production`);
    await page.getByLabel('Frozen layers').fill('4');
    await page.getByLabel('Batch sizes').fill('64');
    await page.getByLabel('Learning rates').fill('0.003');
    await page.getByLabel('Epochs', { exact: true }).fill('1');
    await page.getByLabel('Training slice (images)').fill('200');
    await page.locator('[data-testid="plan-ok"]').waitFor({ timeout: 15_000 }).catch(failWith('the server plan did not pass'));
    await expectAccessible(page);

    await page.getByRole('button', { name: 'Launch 1 trial' }).click();
    await page
      .waitForURL(/\/experiments\/[0-9a-f-]{36}$/, { timeout: 30_000 })
      .catch(failWith('launching did not open the experiment page'));
    const id = page.url().split('/').at(-1)!;
    const link = page.getByTestId('parent-model');
    await link.waitFor({ timeout: 15_000 }).catch(failWith('the experiment page did not name its parent'));
    expect(await link.textContent()).toBe(`${name} v1`);
    // the reference was resolved in the fine-tune's project, where the link looks it up
    expect(await link.getAttribute('href')).toBe(`/models/${name}?project=default`);
    await expectAccessible(page);

    // the fine-tune's refit, registered, names its parent on the registry page
    const done = await waitFor(
      async () => {
        const experiment = ZExperimentDetail.parse(await apiJson(`/experiments/${id}`));
        return experiment.refit?.status === 'completed' ? experiment : undefined;
      },
      { timeoutMs: TRAINING_TIMEOUT_MS, what: 'the fine-tune to train and refit' },
    );
    expect(done.parentModel).toEqual({ id: parent.refit!.model!.id, reference: `${name}/1` });
    await post('/registered-models', { name: `${name}-ft` });
    const version = ZModelVersion.parse(await post(`/registered-models/${name}-ft/versions`, { modelId: done.refit!.model!.id }));
    expect(version.model.parentModel?.reference).toBe(`${name}/1`);
    await page.goto(`${webUrl}/models/${name}-ft`, { waitUntil: 'networkidle' });
    const lineage = page.getByTestId('parent-model');
    await lineage.waitFor({ timeout: 15_000 }).catch(failWith('the registry page did not show the lineage'));
    expect(await lineage.textContent()).toBe(`${name} v1`);
    await expectAccessible(page);
  }, 300_000);
});
