// Results a user can trust: each case here is a defect a user met (issue 7) and the page that now
// tells the truth instead. Compare's test mode never mixes validation with test figures; sample
// thumbnails are square; a paused search neither runs nor counts down, a cancelled one says what
// became of its trials; a junk CSV is not imported without the user seeing what is wrong with it.
import { ZComparison, ZDatasetSummary, ZExperimentDetail, type TExperimentDetail } from '@atelier/domain';
import type { Browser, Page } from 'playwright-core';
import { failureReporter, launchChromium, signedInPage } from '../../../tests/harness/browser';
import { apiJson as fetchApiJson, trainedSearch } from '../../../tests/harness/search';
import { expectAccessible } from './axe';
import { startE2eServers, waitFor, type Stack } from '../../../tests/harness/stack';

const TRAINING_TIMEOUT_MS = Number(process.env.E2E_TRAINING_TIMEOUT_MS ?? 240_000);
const MLP = { architecture: ['mlp'], batchSize: [32], activation: ['relu'], optimizer: ['adam'], momentum: [0] };

/** 20 rows of the Kaggle layout, every pixel 0, every label 1: what a broken export looks like. */
function junkCsv(): string {
  const header = ['label', ...Array.from({ length: 784 }, (_, i) => `pixel${i + 1}`)].join(',');
  const row = ['1', ...Array.from({ length: 784 }, () => '0')].join(',');
  return `${[header, ...Array.from({ length: 20 }, () => row)].join('\n')}\n`;
}

describe('results a user can trust', () => {
  let stack: Stack | null = null;
  let apiUrl: string;
  let webUrl: string;
  let browser: Browser | undefined;
  let page: Page;
  let finished: TExperimentDetail;
  const browserErrors: string[] = [];
  const suffix = Date.now().toString(36);

  const apiJson = (route: string, init?: RequestInit) => fetchApiJson(apiUrl, route, init);

  const createExperiment = async (body: Record<string, unknown>) =>
    ZExperimentDetail.parse(
      await apiJson('/experiments', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
    );

  const failWith = failureReporter({ page: () => page, browserErrors, stack: () => stack, pageChars: 2000 });

  beforeAll(async () => {
    ({ stack, webUrl, apiUrl } = await startE2eServers({ api: true, workerConcurrency: 2 }));
    // two learning rates of the MLP, 2 folds of 2 epochs on 300 images; only the better one is refit
    finished = await trainedSearch(
      apiUrl,
      {
        name: `e2e trust ${suffix}`,
        dataset: 'fashion-mnist',
        space: { ...MLP, epochs: [2], learningRate: [0.01, 0.001] },
        validation: { kind: 'kfold', folds: 2 },
        trainingSlice: 300,
        seed: 5,
        priority: 1,
      },
      { timeoutMs: TRAINING_TIMEOUT_MS, stack },
    );
    browser = await launchChromium();
    page = await signedInPage(browser, webUrl, { viewport: { width: 1366, height: 900 } });
    page.on('pageerror', (error) => browserErrors.push(error.message));
  }, TRAINING_TIMEOUT_MS + 180_000);

  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  }, 60_000);

  it('compares test figures only with test figures, and says which trial needs a refit', async () => {
    const refitId = finished.refit!.trialId;
    const other = finished.trials.find((t) => t.id !== refitId)!;
    const ids = [other.id, refitId];
    await page.goto(`${webUrl}/compare?trials=${ids.join(',')}`, { waitUntil: 'networkidle' });
    await page
      .getByRole('heading', { name: 'Confusion matrices' })
      .waitFor({ timeout: 30_000 })
      .catch(failWith('the compare view did not show'));
    // the segmented control hides its radio inputs: click the label, as a user does
    await page.locator('label', { hasText: 'Test (refit)' }).click();

    const unrefitCard = page.locator(`[data-testid="compare-matrix"][data-trial-id="${other.id}"]`);
    await unrefitCard
      .getByText('No test evaluation')
      .waitFor({ timeout: 10_000 })
      .catch(failWith('the trial without a refit was not marked'));
    // no silent substitute: no matrix, no validation figure, and the action that fixes it
    expect(await unrefitCard.locator('[data-testid="confusion-cell"]').count()).toBe(0);
    expect((await unrefitCard.innerText()).toLowerCase()).not.toContain('validation');
    expect(await unrefitCard.getByRole('button', { name: 'Refit this trial' }).count()).toBe(1);
    // the API keeps the two sets apart: the trial never refit has no test evaluation at all
    const comparison = ZComparison.parse(await apiJson(`/compare?trials=${ids.join(',')}`));
    const [unrefit, refit] = comparison.trials;
    expect(unrefit!.test).toBeNull();
    expect(unrefit!.validation!.split).toBe('validation');
    expect(refit!.test!.split).toBe('test');
    expect(refit!.test!.weightedAvg.support).toBe(10_000);
    const refitCard = page.locator(`[data-testid="compare-matrix"][data-trial-id="${refitId}"]`);
    const shown = await refitCard
      .locator('[data-testid="confusion-cell"]')
      .evaluateAll((cells) => cells.map((c) => Number(c.getAttribute('data-count'))));
    expect(shown).toEqual(refit!.test!.confusionMatrix.flat());

    // one test matrix: nothing to subtract it from
    expect(await page.locator('[data-testid="difference-cell"]').count()).toBe(0);
    // the per-class table shows test figures only, and marks no best among a single trial
    const table = page.getByTestId('per-class-table');
    const columns = await table.locator('tbody tr').first().locator('td').allTextContents();
    expect(columns.slice(0, 3)).toEqual(['—', '—', '—']);
    // percentages to 3 significant digits (lib/format): "85.3%", "5.00%", "100%"
    expect(columns.slice(3).every((text) => /^(\d\.\d{2}|\d{2}\.\d|100|0)%$/.test(text))).toBe(true);
    expect(await table.locator('td[data-best]').count()).toBe(0);

    // validation mode: both out-of-fold matrices, their difference, and bests among like figures
    await page.locator('label', { hasText: 'Out-of-fold validation' }).click();
    await page
      .locator('[data-testid="difference-cell"]')
      .first()
      .waitFor({ timeout: 10_000 })
      .catch(failWith('no difference in validation mode'));
    expect(await page.locator('[data-testid="difference-cell"]').count()).toBe(100);
    expect(await table.locator('td[data-best]').count()).toBeGreaterThan(0);
    await expectAccessible(page);
    expect(browserErrors).toEqual([]);
  });

  it('draws sample predictions as square thumbnails', async () => {
    await page.goto(`${webUrl}/trials/${finished.refit!.trialId}`, { waitUntil: 'networkidle' });
    const image = page.locator('[data-testid="evaluation-test"] [data-testid="sample-predictions"] img').first();
    await image.waitFor({ timeout: 30_000 }).catch(failWith('no sample predictions on the trial page'));
    await image.scrollIntoViewIfNeeded();
    await page.waitForFunction(
      (img) => (img as HTMLImageElement).complete && (img as HTMLImageElement).naturalWidth === 28,
      await image.elementHandle(),
      { timeout: 15_000 },
    );
    const box = (await image.boundingBox())!;
    expect(box.width).toBeGreaterThan(28);
    expect(Math.abs(box.width - box.height)).toBeLessThan(1);
    await expectAccessible(page);
  });

  it('after Pause shows nothing running and no countdown, also after a reload', async () => {
    // long enough to pause while a fold trains: 3 trials of 40 epochs on 2,000 images
    const experiment = await createExperiment({
      name: `e2e pause ${suffix}`,
      dataset: 'fashion-mnist',
      space: { ...MLP, epochs: [40], learningRate: [0.01, 0.003, 0.001] },
      validation: { kind: 'holdout', fraction: 0.2 },
      trainingSlice: 2000,
      seed: 2,
      priority: 1,
    });
    await page.goto(`${webUrl}/experiments/${experiment.id}`, { waitUntil: 'networkidle' });
    const progress = page.getByTestId('search-progress');
    const count = (status: string) => progress.locator(`[data-status="${status}"] dd`);
    // training, with a measured time left
    await page
      .waitForFunction(() => /^≈/.test(document.querySelector('[data-testid="time-left"]')?.textContent ?? ''), undefined, {
        timeout: 60_000,
      })
      .catch(failWith('no time left was shown while training'));
    expect(Number(await count('running').textContent())).toBeGreaterThan(0);

    await page.getByRole('button', { name: 'Pause', exact: true }).click();
    await page.getByRole('button', { name: 'Resume' }).waitFor({ timeout: 15_000 }).catch(failWith('the search did not pause'));
    const settled = async () => {
      await page
        .waitForFunction(
          () => {
            const text = (status: string) =>
              document.querySelector(`[data-testid="search-progress"] [data-status="${status}"] dd`)?.textContent;
            return (
              text('running') === '0' &&
              text('paused') === '3' &&
              document.querySelector('[data-testid="time-left"]')?.textContent === 'paused'
            );
          },
          undefined,
          { timeout: 20_000 },
        )
        .catch(failWith('the paused search still shows running trials or a countdown'));
      expect(await page.getByText(/epochs left at/).count()).toBe(0);
    };
    await settled();
    await page.reload({ waitUntil: 'networkidle' });
    await settled();

    // done here: the cancel test below starts its own search
    await apiJson(`/experiments/${experiment.id}/cancel`, { method: 'POST' });
    await expectAccessible(page);
    expect(browserErrors).toEqual([]);
  });

  it('after Cancel says how many trials completed and how many were cancelled, and promises no refit', async () => {
    // 6 trials: the three 2-epoch ones finish quickly, the 40-epoch ones are cut short
    const experiment = await createExperiment({
      name: `e2e cancel ${suffix}`,
      dataset: 'fashion-mnist',
      space: { ...MLP, epochs: [2, 40], learningRate: [0.01, 0.003, 0.001] },
      validation: { kind: 'holdout', fraction: 0.2 },
      trainingSlice: 1000,
      seed: 4,
      priority: 1,
    });
    await waitFor(
      async () => {
        const current = ZExperimentDetail.parse(await apiJson(`/experiments/${experiment.id}`));
        return current.trialCounts.completed >= 2 && current.trialCounts.running >= 1 ? current : undefined;
      },
      {
        timeoutMs: 120_000,
        what: 'two trials to complete while another trains',
        describe: () => stack?.logs().split('\n').slice(-30).join('\n') ?? '',
      },
    );
    await page.goto(`${webUrl}/experiments/${experiment.id}`, { waitUntil: 'networkidle' });
    await page.getByRole('button', { name: 'Cancel experiment' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Cancel experiment' }).click();
    // running folds stop at their next batch: wait until no trial is left to end
    let last: TExperimentDetail | undefined;
    const current = await waitFor(
      async () => {
        const now = ZExperimentDetail.parse(await apiJson(`/experiments/${experiment.id}`));
        last = now;
        const open = now.trialCounts.queued + now.trialCounts.running + now.trialCounts.paused;
        return now.status === 'cancelled' && open === 0 ? now : undefined;
      },
      {
        timeoutMs: 60_000,
        what: 'the cancelled search to settle',
        describe: () =>
          [`last seen: ${last?.status} ${JSON.stringify(last?.trialCounts)}`, ...(stack?.logs().split('\n').slice(-40) ?? [])].join('\n'),
      },
    );
    const completed = current.trialCounts.completed;
    expect(completed).toBeGreaterThanOrEqual(2);
    expect(completed).toBeLessThan(6);
    const expected = `${completed} / 6 completed · ${6 - completed} cancelled`;
    await page
      .waitForFunction(
        (text) =>
          document
            .querySelector('[role="progressbar"][aria-label="Search progress"]')
            ?.getAttribute('aria-valuetext')
            ?.startsWith(`${text} · `),
        expected,
        { timeout: 20_000 },
      )
      .catch(failWith(`the progress bar does not read "${expected}"`));
    expect(await page.getByTestId('time-left').textContent()).toBe('—');
    expect(await page.getByTestId('header-trials').textContent()).toBe(expected);
    const refitCard = await page.getByTestId('refit-card').innerText();
    expect(refitCard).toContain('was cancelled before it finished, so no trial will be refit automatically');
    expect(refitCard).not.toContain('When the search finishes');

    // the experiments list reads the same
    await expectAccessible(page);
    await page.goto(`${webUrl}/experiments`, { waitUntil: 'networkidle' });
    const bar = page.getByRole('progressbar', { name: `e2e cancel ${suffix}: trials done` });
    expect(await bar.getAttribute('aria-valuetext')).toBe(expected);
    await expectAccessible(page);
    expect(browserErrors).toEqual([]);
  });

  it('warns before importing 20 blank rows of one label, stores nothing until confirmed, then repeats the warnings', async () => {
    const name = `E2E junk ${suffix}`;
    const key = `e2e-junk-${suffix}`;
    const keys = async () => ((await apiJson('/datasets')) as { key: string }[]).map((d) => d.key);
    await page.goto(`${webUrl}/datasets/import`, { waitUntil: 'networkidle' });
    await page.getByLabel('Name', { exact: true }).fill(name);
    await page.getByLabel(/Train CSV/).setInputFiles({ name: 'junk.csv', mimeType: 'text/csv', buffer: Buffer.from(junkCsv()) });
    await page.getByRole('button', { name: 'Import dataset' }).click();

    const warnings = page.getByTestId('import-warnings');
    await warnings.waitFor({ timeout: 30_000 }).catch(failWith('the junk CSV was imported without a warning'));
    const text = await warnings.innerText();
    expect(text).toMatch(/20 of 20 images are blank/);
    expect(text).toMatch(/Only one class has images: '1'/);
    expect(text).toMatch(/Class '0' has no images/);
    expect(text).toMatch(/duplicate/i);
    expect(page.url()).toMatch(/\/datasets\/import$/);
    expect(await keys()).not.toContain(key);

    await warnings.getByRole('button', { name: 'Import anyway' }).click();
    await page.waitForURL(new RegExp(`/datasets/${key}$`), { timeout: 30_000 }).catch(failWith('confirming did not import the dataset'));
    await expectAccessible(page);
    const stored = ZDatasetSummary.parse(((await apiJson('/datasets')) as unknown[]).find((d) => (d as { key: string }).key === key));
    expect(stored.warnings.map((w) => w.kind).sort()).toEqual(['blank-images', 'duplicates', 'empty-classes', 'single-class']);
    await page
      .getByTestId('dataset-warnings')
      .waitFor({ timeout: 30_000 })
      .catch(failWith('the dataset page does not repeat the warnings'));
    expect(await page.getByTestId('dataset-warnings').innerText()).toMatch(/20 of 20 images are blank/);

    // the launch form repeats them when the dataset is chosen
    await expectAccessible(page);
    await page.goto(`${webUrl}/experiments/new`, { waitUntil: 'networkidle' });
    await page.locator(`input[name="dataset"][value="${key}"]`).check();
    await page
      .getByTestId('dataset-warnings')
      .waitFor({ timeout: 10_000 })
      .catch(failWith('the launch form does not warn about the dataset'));
    expect(await page.getByTestId('dataset-warnings').innerText()).toMatch(/Only one class has images/);

    // and so does the page of an experiment trained on it
    const experiment = await createExperiment({
      name: `e2e junk run ${suffix}`,
      dataset: key,
      space: { ...MLP, epochs: [1], learningRate: [0.01] },
      validation: { kind: 'holdout', fraction: 0.25 },
      seed: 1,
      priority: 1,
    });
    await expectAccessible(page);
    await page.goto(`${webUrl}/experiments/${experiment.id}`, { waitUntil: 'networkidle' });
    await page
      .getByTestId('dataset-warnings')
      .waitFor({ timeout: 10_000 })
      .catch(failWith('the experiment page does not warn about its dataset'));
    expect(await page.getByTestId('dataset-warnings').innerText()).toMatch(/20 of 20 images are blank/);
    await expectAccessible(page);
    expect(browserErrors).toEqual([]);
  });
});
