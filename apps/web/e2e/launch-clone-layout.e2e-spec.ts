// A user starts a new experiment from a finished one (the form opens filled in, and its time
// estimate rests on the epochs just measured), and every page, with a trained and refit search to
// show, fits a 390 px phone without scrolling sideways.
import type { TExperimentDetail } from '@atelier/domain';
import type { Browser, Page } from 'playwright-core';
import { failureReporter, launchChromium, signedInPage } from '../../../tests/harness/browser';
import { trainedSearch } from '../../../tests/harness/search';
import { expectAccessible } from './axe';
import { startE2eServers, type Stack } from '../../../tests/harness/stack';

const PHONE_WIDTH = 390;
const TRAINING_TIMEOUT_MS = Number(process.env.E2E_TRAINING_TIMEOUT_MS ?? 240_000);

describe('cloning an experiment, and pages at phone width', () => {
  let stack: Stack | null = null;
  let webUrl: string;
  let apiUrl: string;
  let browser: Browser | undefined;
  let page: Page;
  let experiment: TExperimentDetail;
  const browserErrors: string[] = [];

  beforeAll(async () => {
    ({ stack, webUrl, apiUrl } = await startE2eServers({ api: true }));
    // trained and refit, so the pages have tables, curves and evaluations to lay out
    experiment = await trainedSearch(
      apiUrl,
      {
        name: `e2e source ${Date.now()}`,
        description: 'the experiment to start from',
        dataset: 'fashion-mnist',
        strategy: { kind: 'grid' },
        space: {
          architecture: ['mlp'],
          batchSize: [32, 64],
          epochs: [1],
          activation: ['relu'],
          optimizer: ['adam'],
          learningRate: [0.01],
          momentum: [0],
        },
        validation: { kind: 'holdout', fraction: 0.2 },
        trainingSlice: 300,
        seed: 1234,
      },
      { timeoutMs: TRAINING_TIMEOUT_MS, stack },
    );
    browser = await launchChromium();
    page = await signedInPage(browser, webUrl, { viewport: { width: 1280, height: 900 } });
    page.on('pageerror', (error) => browserErrors.push(error.message));
  }, 180_000 + TRAINING_TIMEOUT_MS);

  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  }, 60_000);

  const failWith = failureReporter({ page: () => page, browserErrors, stack: () => stack, logLines: 40 });

  it('opens "New experiment from this one" filled in with the request, a fresh seed and the name marked as a copy', async () => {
    await page.goto(`${webUrl}/experiments/${experiment.id}`, { waitUntil: 'networkidle' });
    await page.getByRole('link', { name: 'New experiment from this one' }).click();
    await page.waitForURL(/\/experiments\/new\?from=/, { timeout: 15_000 }).catch(failWith('the link did not open the form'));
    await expectAccessible(page);
    await page.getByLabel('Name').waitFor({ timeout: 15_000 }).catch(failWith('the form did not show'));

    expect(await page.getByLabel('Name').inputValue()).toBe(`${experiment.name} (copy)`);
    expect(await page.getByTestId('cloned-from').innerText()).toContain(experiment.name);
    expect(await page.locator('input[name="strategy"][value="grid"]').isChecked()).toBe(true);
    expect(await page.getByLabel('Batch sizes').inputValue()).toBe('32, 64');
    expect(await page.getByLabel('Epochs', { exact: true }).inputValue()).toBe('1');
    expect(await page.getByLabel('Learning rates').inputValue()).toBe('0.01');
    expect(
      await page.locator('input[name="activation"]:checked').evaluateAll((boxes) => boxes.map((b) => (b as HTMLInputElement).value)),
    ).toEqual(['relu']);
    expect(
      await page.locator('input[name="architecture"]:checked').evaluateAll((boxes) => boxes.map((b) => (b as HTMLInputElement).value)),
    ).toEqual(['mlp']);
    expect(await page.locator('input[name="validationKind"][value="holdout"]').isChecked()).toBe(true);
    expect(await page.getByLabel('Validation fraction').inputValue()).toBe('0.2');
    expect(await page.getByLabel('Training slice (images)').inputValue()).toBe('300');
    const seed = await page.getByLabel('Seed').inputValue();
    expect(seed).toMatch(/^\d+$/);
    expect(seed).not.toBe(String(experiment.seed));
    expect(await page.getByTestId('strategy-lede').innerText()).toMatch(/every combination/);

    // the server agrees with the copy, and says how long it should take
    await page.getByTestId('plan-ok').waitFor({ timeout: 15_000 }).catch(failWith('the server plan did not pass'));
    expect(await page.getByTestId('plan-ok').innerText()).toContain('2 trials, 2 runs, 2 epochs');
    // the harness's one worker trains one fold at a time; both batch sizes were just measured
    const estimate = await page.getByTestId('plan-estimate').innerText();
    expect(estimate).toMatch(/≈ \d+ s on 1 training slot/);
    expect(estimate).toContain('240 training images per fold run');
    expect(estimate).toMatch(/mlp at batch 32: [\d.]+ ms per image, median of 1 epoch measured/);
    expect(estimate).toMatch(/mlp at batch 64: [\d.]+ ms per image, median of 1 epoch measured/);
    expect(estimate).not.toContain('No worker is connected');
    expect(await page.getByRole('button', { name: 'Launch 2 trials' }).isEnabled()).toBe(true);
    await expectAccessible(page);
    expect(browserErrors).toEqual([]);
  });

  it(`scrolls no page sideways at ${PHONE_WIDTH} px`, async () => {
    const phone = await signedInPage(browser!, webUrl, { viewport: { width: PHONE_WIDTH, height: 844 }, isMobile: true, hasTouch: true });
    const pages = [
      '/experiments',
      '/experiments/new',
      `/experiments/new?from=${experiment.id}`,
      `/experiments/${experiment.id}`,
      `/trials/${experiment.trials[0]!.id}`,
      `/compare?trials=${experiment.trials[0]!.id},${experiment.trials[1]!.id}`,
      '/compare',
      '/datasets',
      '/datasets/fashion-mnist',
      '/datasets/import',
    ];
    const widths: Record<string, number> = {};
    for (const path of pages) {
      await phone.goto(`${webUrl}${path}`, { waitUntil: 'networkidle', timeout: 120_000 });
      // client components and charts lay out after the first paint
      await phone.waitForTimeout(300);
      widths[path] = await phone.evaluate(() => document.scrollingElement!.scrollWidth);
      await expectAccessible(phone, 'phone width');
    }
    await phone.close();
    expect(Object.entries(widths).filter(([, width]) => width > PHONE_WIDTH)).toEqual([]);
  });
});
