// The model registry from the UI (issue 17): the best model of a trained search is registered with
// "Register model" on its experiment, production is moved to it with "Set alias" (from a version
// registered earlier through the API), and an image is classified by `name@production` on the
// registered model's page, with the probabilities of the model production now names. Names are
// unique within a project only (issue 16): the best model of a search in another project is
// registered under the same name there, and its page (/models/<name>?project=<slug>) shows that
// project's version, moves that project's alias and predicts with that project's model.
import {
  ZModelAliasHistory,
  ZModelArtifactList,
  ZModelVersion,
  ZPrediction,
  ZRegisteredModelDetail,
  type TExperimentDetail,
} from '@atelier/domain';
import type { Browser, Page } from 'playwright-core';
import { adminFetch } from '../../../tests/harness/auth';
import { failureReporter, launchChromium, signedInPage } from '../../../tests/harness/browser';
import { apiJson as fetchApiJson, trainedSearch } from '../../../tests/harness/search';
import { startE2eServers, waitFor, type Stack } from '../../../tests/harness/stack';
import { expectAccessible } from './axe';

const TRAINING_TIMEOUT_MS = Number(process.env.E2E_TRAINING_TIMEOUT_MS ?? 240_000);
const JSON_HEADERS = { 'content-type': 'application/json' };

describe('model registry in the UI', () => {
  let stack: Stack | null = null;
  let apiUrl: string;
  let webUrl: string;
  let browser: Browser | undefined;
  let page: Page;
  let finished: TExperimentDetail;
  let otherModelId: string;
  /** A search in a project other than 'default'. */
  let labSearch: TExperimentDetail;
  const browserErrors: string[] = [];
  const suffix = Date.now().toString(36);
  const name = `e2e-registry-${suffix}`;
  const lab = `e2e-lab-${suffix}`;

  const apiJson = (route: string, init?: RequestInit) => fetchApiJson(apiUrl, route, init);
  const failWith = failureReporter({ page: () => page, browserErrors, stack: () => stack, pageChars: 2000 });

  beforeAll(
    async () => {
      ({ stack, webUrl, apiUrl } = await startE2eServers({ api: true, workerConcurrency: 2 }));
      await apiJson('/projects', { method: 'POST', headers: JSON_HEADERS, body: JSON.stringify({ slug: lab, name: 'E2E lab' }) });
      // the lab's search: one trial, one epoch on a holdout split; it trains beside the main one
      const labTrained = trainedSearch(
        apiUrl,
        {
          name: `e2e registry lab ${suffix}`,
          project: lab,
          dataset: 'fashion-mnist',
          space: {
            architecture: ['mlp'],
            batchSize: [32],
            activation: ['relu'],
            optimizer: ['adam'],
            momentum: [0],
            epochs: [1],
            learningRate: [0.01],
          },
          validation: { kind: 'holdout', fraction: 0.2 },
          trainingSlice: 300,
          seed: 3,
          priority: 1,
        },
        { timeoutMs: TRAINING_TIMEOUT_MS, stack },
      );
      // two learning rates of the MLP, 2 folds of 2 epochs on 300 images; the better one is refit
      finished = await trainedSearch(
        apiUrl,
        {
          name: `e2e registry ${suffix}`,
          dataset: 'fashion-mnist',
          space: {
            architecture: ['mlp'],
            batchSize: [32],
            activation: ['relu'],
            optimizer: ['adam'],
            momentum: [0],
            epochs: [2],
            learningRate: [0.01, 0.001],
          },
          validation: { kind: 'kfold', folds: 2 },
          trainingSlice: 300,
          seed: 7,
          priority: 1,
        },
        { timeoutMs: TRAINING_TIMEOUT_MS, stack },
      );
      labSearch = await labTrained;
      // the other trial refit too, so that production first names a different model
      const other = finished.trials.find((t) => t.id !== finished.refit!.trialId)!;
      await apiJson(`/trials/${other.id}/refit`, { method: 'POST' });
      otherModelId = await waitFor(async () => ZModelArtifactList.parse(await apiJson(`/trials/${other.id}/models`)).items[0]?.id, {
        timeoutMs: TRAINING_TIMEOUT_MS,
        what: "the other trial's refit",
      });
      await apiJson('/registered-models', { method: 'POST', headers: JSON_HEADERS, body: JSON.stringify({ name }) });
      const v1 = ZModelVersion.parse(
        await apiJson(`/registered-models/${name}/versions`, {
          method: 'POST',
          headers: JSON_HEADERS,
          body: JSON.stringify({ modelId: otherModelId }),
        }),
      );
      expect(v1.version).toBe(1);
      await apiJson(`/registered-models/${name}/aliases/production`, {
        method: 'PUT',
        headers: JSON_HEADERS,
        body: JSON.stringify({ version: 1 }),
      });

      browser = await launchChromium();
      page = await signedInPage(browser, webUrl, { viewport: { width: 1366, height: 900 } });
      page.on('pageerror', (error) => browserErrors.push(error.message));
    },
    2 * TRAINING_TIMEOUT_MS + 180_000,
  );

  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  }, 60_000);

  it('registers the best model, moves production to it and predicts by alias', async () => {
    const bestModelId = finished.refit!.model!.id;
    expect(bestModelId).not.toBe(otherModelId);

    // Register model on the experiment's best model, under the existing name: version 2
    await page.goto(`${webUrl}/experiments/${finished.id}`, { waitUntil: 'networkidle' });
    await page.getByTestId('register-model').click({ timeout: 30_000 }).catch(failWith('no Register model button on the best model'));
    await page.getByTestId('register-model-name').fill(name);
    await page.getByTestId('register-model-submit').click();
    const done = page.getByTestId('register-model-done');
    await done.waitFor({ timeout: 15_000 }).catch(failWith('the model was not registered'));
    expect(await done.textContent()).toBe(`Registered as ${name} v2.`);
    const registered = ZRegisteredModelDetail.parse(await apiJson(`/registered-models/${name}`));
    expect(registered.versions.map((v) => [v.version, v.model.id])).toEqual([
      [2, bestModelId],
      [1, otherModelId],
    ]);

    // the registered model's page: both versions, production on v1; Set alias moves it to v2
    await done.getByRole('link', { name }).click();
    await page.waitForURL(`${webUrl}/models/${name}?project=default`);
    await page.getByTestId('versions-table').waitFor({ timeout: 15_000 }).catch(failWith('no versions table'));
    expect(await page.locator('[data-testid="versions-table"] tbody tr').count()).toBe(2);
    expect(await page.getByTestId('alias-list').textContent()).toBe(`${name}@production → v1`);
    await page.getByTestId('set-alias-version').selectOption('2');
    await page.getByTestId('set-alias-submit').click();
    await page.getByTestId('set-alias-done').waitFor({ timeout: 15_000 }).catch(failWith('the alias was not moved'));
    await page.getByText(`${name}@production → v2`).waitFor({ timeout: 15_000 }).catch(failWith('the page still shows the old alias'));
    const history = ZModelAliasHistory.parse(await apiJson(`/registered-models/${name}/aliases/production/history`));
    expect(history.items.map((e) => [e.fromVersion, e.toVersion])).toEqual([
      [null, 1],
      [1, 2],
    ]);

    // predict by alias: a real Fashion-MNIST test image, answered by the model production names now
    const png = Buffer.from(await (await adminFetch(`${webUrl}/api/datasets/fashion-mnist/images/test/0.png`)).arrayBuffer());
    await page.getByTestId('try-it-upload').setInputFiles({ name: 'test-0.png', mimeType: 'image/png', buffer: png });
    await page.getByTestId('try-it-class').waitFor({ timeout: 30_000 }).catch(failWith('no prediction by alias shown'));
    const form = new FormData();
    form.append('image', new Blob([png], { type: 'image/png' }), 'test-0.png');
    const expected = ZPrediction.parse(await apiJson(`/models/${bestModelId}/predict`, { method: 'POST', body: form }));
    expect(await page.getByTestId('try-it-class').textContent()).toBe(expected.predictions[0]!.className);
    const bars = await page
      .locator('[data-testid="probability-bars"] li')
      .evaluateAll((items) => items.map((li) => [li.getAttribute('data-class'), Number(li.getAttribute('data-probability'))] as const));
    expect(bars.map(([className]) => className)).toEqual(expected.predictions.map((p) => p.className));
    bars.forEach(([, probability], i) => expect(probability).toBeCloseTo(expected.predictions[i]!.probability, 5));

    // the list shows the name and where production points
    await page.goto(`${webUrl}/models`, { waitUntil: 'networkidle' });
    const row = page.locator(`[data-testid="registered-models-table"] tr[data-name="${name}"]`);
    expect(await row.textContent()).toContain('production → v2');
    await expectAccessible(page);
    expect(browserErrors).toEqual([]);
  });

  it("registers a model of another project's search in that project, and its page works there", async () => {
    expect(labSearch.project.slug).toBe(lab);
    const labModelId = labSearch.refit!.model!.id;

    // the same name as the default project's model: a registered model of its own in the lab
    await page.goto(`${webUrl}/experiments/${labSearch.id}`, { waitUntil: 'networkidle' });
    await page.getByTestId('register-model').click({ timeout: 30_000 }).catch(failWith("no Register model button on the lab's model"));
    await page.getByTestId('register-model-name').fill(name);
    await page.getByTestId('register-model-submit').click();
    const done = page.getByTestId('register-model-done');
    await done.waitFor({ timeout: 15_000 }).catch(failWith("the lab's model was not registered"));
    expect(await done.textContent()).toBe(`Registered as ${name} v1.`);
    const inLab = ZRegisteredModelDetail.parse(await apiJson(`/registered-models/${name}?project=${lab}`));
    expect([inLab.project.slug, inLab.versions.map((v) => [v.version, v.model.id])]).toEqual([lab, [[1, labModelId]]]);
    const inDefault = ZRegisteredModelDetail.parse(await apiJson(`/registered-models/${name}`));
    expect(inDefault.versions.map((v) => v.version)).toEqual([2, 1]);

    // its page: the lab's one version, with a download in the lab
    await done.getByRole('link', { name }).click();
    await page.waitForURL(`${webUrl}/models/${name}?project=${lab}`);
    await page.getByTestId('versions-table').waitFor({ timeout: 15_000 }).catch(failWith('no versions table on the lab model page'));
    const rows = page.locator('[data-testid="versions-table"] tbody tr');
    expect(await rows.count()).toBe(1);
    expect(await rows.first().getAttribute('data-version')).toBe('1');
    expect(
      await rows
        .first()
        .getByRole('link', { name: `e2e registry lab ${suffix} #1` })
        .count(),
    ).toBe(1);
    const zip = await rows
      .first()
      .getByRole('link', { name: `${name}-v1.zip` })
      .getAttribute('href');
    expect(zip).toBe(`/api/registered-models/${name}/versions/1/download?project=${lab}`);
    expect((await adminFetch(`${webUrl}${zip}`)).status).toBe(200);

    // Set alias moves the lab's production, not the default project's
    await page.getByTestId('set-alias-submit').click();
    await page.getByTestId('set-alias-done').waitFor({ timeout: 15_000 }).catch(failWith("the lab's alias was not set"));
    await page.getByText(`${name}@production → v1`).waitFor({ timeout: 15_000 }).catch(failWith("the lab's alias is not shown"));
    const labHistory = ZModelAliasHistory.parse(await apiJson(`/registered-models/${name}/aliases/production/history?project=${lab}`));
    expect(labHistory.items.map((e) => [e.fromVersion, e.toVersion])).toEqual([[null, 1]]);
    const home = ZRegisteredModelDetail.parse(await apiJson(`/registered-models/${name}`));
    expect(home.aliases.map((a) => [a.alias, a.version])).toEqual([['production', 2]]);

    // predict by the lab's alias: the lab's model answers
    const png = Buffer.from(await (await adminFetch(`${webUrl}/api/datasets/fashion-mnist/images/test/1.png`)).arrayBuffer());
    await page.getByTestId('try-it-upload').setInputFiles({ name: 'test-1.png', mimeType: 'image/png', buffer: png });
    await page.getByTestId('try-it-class').waitFor({ timeout: 30_000 }).catch(failWith('no prediction by the lab alias shown'));
    const form = new FormData();
    form.append('image', new Blob([png], { type: 'image/png' }), 'test-1.png');
    const expected = ZPrediction.parse(await apiJson(`/models/${labModelId}/predict`, { method: 'POST', body: form }));
    expect(await page.getByTestId('try-it-class').textContent()).toBe(expected.predictions[0]!.className);

    // the lab's list links to the lab's model
    await page.goto(`${webUrl}/models?project=${lab}`, { waitUntil: 'networkidle' });
    const link = page.locator(`[data-testid="registered-models-table"] tr[data-name="${name}"] a`);
    expect(await link.getAttribute('href')).toBe(`/models/${name}?project=${lab}`);
    expect(browserErrors).toEqual([]);
  });
});
