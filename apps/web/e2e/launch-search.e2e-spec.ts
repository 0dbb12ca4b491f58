// A user launches a 4-trial grid search from the form and watches it train to the end.
import type { Browser, Page } from 'playwright-core';
import { failureReporter, launchChromium } from '../../../tests/harness/browser';
import { startE2eServers, type Stack } from '../../../tests/harness/stack';

const TRAINING_TIMEOUT_MS = Number(process.env.E2E_TRAINING_TIMEOUT_MS ?? 480_000);

describe('launching a grid search from the web app', () => {
  let stack: Stack | null = null;
  let webUrl: string;
  let browser: Browser;
  let page: Page;
  const browserErrors: string[] = [];

  beforeAll(async () => {
    ({ stack, webUrl } = await startE2eServers());
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
    page.on('pageerror', (error) => browserErrors.push(error.message));
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  }, 60_000);

  /** What the page showed, what the browser threw and what the processes logged: enough to see why. */
  const failWith = failureReporter({ page: () => page, browserErrors, stack: () => stack });

  it('shows the trial count, launches, and plots live curves until every trial completes', async () => {
    await page.goto(`${webUrl}/experiments/new`, { waitUntil: 'networkidle' });
    await page.getByLabel('Name').waitFor({ timeout: 15_000 }).catch(failWith('the launch form did not show'));

    await page.getByLabel('Name').fill(`e2e grid ${Date.now()}`);
    await page.locator('input[name="dataset"][value="fashion-mnist"]').check();
    // one small architecture: clear the default choice, then pick the MLP
    for (const box of await page.locator('input[name="architecture"]:checked').all()) await box.uncheck();
    await page.locator('input[name="architecture"][value="mlp"]').check();
    await page.getByLabel('Batch sizes').fill('32, 64');
    await page.getByLabel('Learning rates').fill('0.01, 0.001');
    await page.getByLabel('Epochs', { exact: true }).fill('2');
    await page.getByLabel('Momentum').fill('0');
    await page.locator('input[name="validationKind"][value="holdout"]').check({ force: true });
    await page.getByLabel('Validation fraction').fill('0.2');
    await page.getByLabel('Training slice (images)').fill('300');

    await expectText(page, '[data-testid="trial-count"]', '4');
    await expectText(page, '[data-testid="training-runs"]', '4');
    await expectText(page, '[data-testid="total-epochs"]', '8');
    await page.locator('[data-testid="plan-ok"]').waitFor({ timeout: 15_000 }).catch(failWith('the server plan did not pass'));

    const launch = page.getByRole('button', { name: 'Launch 4 trials' });
    await launch.click();
    await page.waitForURL(/\/experiments\/[0-9a-f-]{36}$/, { timeout: 30_000 }).catch(failWith('launching did not open the experiment page'));
    await page.getByRole('heading', { name: 'Trials' }).waitFor();
    // the table loads its page from the API after the first render
    await page
      .waitForFunction(() => document.querySelectorAll('[data-testid="trials-table"] tbody tr').length === 4, undefined, { timeout: 15_000 })
      .catch(failWith('the trials table did not show 4 trials'));

    // a validation or training curve with at least two points (a move and a segment)
    await page
      .waitForFunction(
        () =>
          Array.from(document.querySelectorAll('[data-testid="accuracy-chart"] path.recharts-line-curve')).some((path) =>
            /^M[^MLC]+[LC]/.test(path.getAttribute('d') ?? ''),
          ),
        undefined,
        { timeout: TRAINING_TIMEOUT_MS, polling: 500 },
      )
      .catch(failWith('no accuracy curve appeared'));

    await page
      .waitForFunction(() => document.querySelectorAll('[data-testid="trials-table"] tbody .badge--completed').length === 4, undefined, {
        timeout: TRAINING_TIMEOUT_MS,
        polling: 1000,
      })
      .catch(failWith('the trials did not all complete'));

    // every trial has a mean validation accuracy, and one row is marked best
    const accuracies = await page.locator('[data-testid="trials-table"] [data-testid="cell-accuracy"]').allTextContents();
    expect(accuracies).toHaveLength(4);
    // 3 significant digits: "85.3%", "100%", "9.87%" (lib/format)
    for (const text of accuracies) expect(text).toMatch(/^(\d\.\d{2}|\d{2}\.\d|100)%/);
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="trials-table"] tbody tr.row--best').length === 1, undefined, {
      timeout: 15_000,
    });
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="accuracy-chart"] path.recharts-line-curve').length === 8, undefined, {
      timeout: 30_000,
    });
    expect(browserErrors).toEqual([]);
  });
});

async function expectText(page: Page, selector: string, text: string): Promise<void> {
  await page.waitForFunction(
    ([sel, expected]) => document.querySelector(sel!)?.textContent?.trim() === expected,
    [selector, text] as const,
    { timeout: 10_000 },
  );
}
