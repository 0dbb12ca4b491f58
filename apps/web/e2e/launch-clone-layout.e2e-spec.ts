// A user starts a new experiment from an existing one (the form opens filled in), and every page
// fits a 390 px phone without scrolling sideways. No worker: the experiment stays queued.
import { chromium, type Browser, type Page } from 'playwright-core';
import { startStack, type Stack } from '../../../tests/harness/stack';

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
const PHONE_WIDTH = 390;

interface Created {
  id: string;
  name: string;
  seed: number;
  trials: { id: string }[];
}

describe('cloning an experiment, and pages at phone width', () => {
  let stack: Stack | null = null;
  let webUrl: string;
  let apiUrl: string;
  let browser: Browser;
  let page: Page;
  let experiment: Created;
  const browserErrors: string[] = [];

  beforeAll(async () => {
    if (process.env.E2E_WEB_URL && process.env.E2E_API_URL) {
      webUrl = process.env.E2E_WEB_URL;
      apiUrl = process.env.E2E_API_URL;
    } else {
      stack = await startStack({ web: true, worker: false });
      if (!stack.webUrl) throw new Error('the harness started no web app');
      webUrl = stack.webUrl;
      apiUrl = stack.apiUrl;
    }
    const response = await fetch(`${apiUrl}/experiments`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        name: `e2e source ${Date.now()}`,
        description: 'the experiment to start from',
        dataset: 'fashion-mnist',
        strategy: { kind: 'random', trials: 5 },
        space: {
          architecture: ['mlp'],
          batchSize: [16, 32, 64],
          epochs: [1, 2],
          activation: ['relu', 'tanh'],
          optimizer: ['adam'],
          learningRate: { dist: 'log-uniform', low: 0.0001, high: 0.1 },
          momentum: [0],
        },
        validation: { kind: 'kfold', folds: 3 },
        trainingSlice: 300,
        seed: 1234,
      }),
    });
    if (response.status !== 201) throw new Error(`creating the source experiment: ${response.status} ${await response.text()}`);
    experiment = (await response.json()) as Created;
    browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.on('pageerror', (error) => browserErrors.push(error.message));
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  }, 60_000);

  const failWith = (what: string) => async (error: unknown): Promise<never> => {
    const shown = await page.locator('body').innerText().catch(() => '(no page)');
    throw new Error(
      [
        `${what}: ${(error as Error).message}`,
        `page ${page.url()}:\n${shown.slice(0, 1500)}`,
        `browser errors: ${browserErrors.join('\n') || 'none'}`,
        stack ? stack.logs().split('\n').slice(-40).join('\n') : '',
      ].join('\n\n'),
    );
  };

  it('opens "New experiment from this one" filled in with the request, a fresh seed and the name marked as a copy', async () => {
    await page.goto(`${webUrl}/experiments/${experiment.id}`, { waitUntil: 'networkidle' });
    await page.getByRole('link', { name: 'New experiment from this one' }).click();
    await page.waitForURL(/\/experiments\/new\?from=/, { timeout: 15_000 }).catch(failWith('the link did not open the form'));
    await page.getByLabel('Name').waitFor({ timeout: 15_000 }).catch(failWith('the form did not show'));

    expect(await page.getByLabel('Name').inputValue()).toBe(`${experiment.name} (copy)`);
    expect(await page.getByTestId('cloned-from').innerText()).toContain(experiment.name);
    expect(await page.locator('input[name="strategy"][value="random"]').isChecked()).toBe(true);
    expect(await page.getByLabel('Trials to draw').inputValue()).toBe('5');
    expect(await page.getByLabel('Batch sizes').inputValue()).toBe('16, 32, 64');
    expect(await page.getByLabel('Epochs', { exact: true }).inputValue()).toBe('1, 2');
    expect(await page.locator('input[name="activation"]:checked').evaluateAll((boxes) => boxes.map((b) => (b as HTMLInputElement).value))).toEqual(['relu', 'tanh']);
    expect(await page.locator('input[name="architecture"]:checked').evaluateAll((boxes) => boxes.map((b) => (b as HTMLInputElement).value))).toEqual(['mlp']);
    expect(await page.getByLabel('learningRate low').inputValue()).toBe('0.0001');
    expect(await page.getByLabel('Folds (k)').inputValue()).toBe('3');
    expect(await page.getByLabel('Training slice (images)').inputValue()).toBe('300');
    const seed = await page.getByLabel('Seed').inputValue();
    expect(seed).toMatch(/^\d+$/);
    expect(seed).not.toBe(String(experiment.seed));
    expect(await page.getByTestId('strategy-lede').innerText()).toMatch(/at random/);

    // the server agrees with the copy, and says how long it should take
    await page.getByTestId('plan-ok').waitFor({ timeout: 15_000 }).catch(failWith('the server plan did not pass'));
    expect(await page.getByTestId('plan-ok').innerText()).toContain('5 trials, 15 runs');
    const estimate = await page.getByTestId('plan-estimate').innerText();
    expect(estimate).toMatch(/≈ .+ on 1 training slot/);
    expect(estimate).toContain('No worker is connected now');
    expect(await page.getByRole('button', { name: 'Launch 5 trials' }).isEnabled()).toBe(true);
    expect(browserErrors).toEqual([]);
  });

  it(`scrolls no page sideways at ${PHONE_WIDTH} px`, async () => {
    const phone = await browser.newPage({ viewport: { width: PHONE_WIDTH, height: 844 }, isMobile: true, hasTouch: true });
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
    }
    await phone.close();
    expect(Object.entries(widths).filter(([, width]) => width > PHONE_WIDTH)).toEqual([]);
  });
});
