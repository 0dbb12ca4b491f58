// A user launches a 4-trial grid search from the form and watches it train to the end, then filters
// its trials with the filter language of the runs list and sorts them by a metric column they picked.
import type { Browser, Page } from 'playwright-core';
import { failureReporter, launchChromium, signedInPage } from '../../../tests/harness/browser';
import { expectAccessible } from './axe';
import { startE2eServers, type Stack } from '../../../tests/harness/stack';

const TRAINING_TIMEOUT_MS = Number(process.env.E2E_TRAINING_TIMEOUT_MS ?? 480_000);

describe('launching a grid search from the web app', () => {
  let stack: Stack | null = null;
  let webUrl: string;
  let browser: Browser | undefined;
  let page: Page;
  const browserErrors: string[] = [];

  beforeAll(async () => {
    ({ stack, webUrl } = await startE2eServers());
    browser = await launchChromium();
    page = await signedInPage(browser, webUrl, { viewport: { width: 1366, height: 900 } });
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
    await page
      .waitForURL(/\/experiments\/[0-9a-f-]{36}$/, { timeout: 30_000 })
      .catch(failWith('launching did not open the experiment page'));
    // the page itself, not its loading skeleton (whose <title> Next streams in with the page's metadata)
    await page.getByRole('heading', { name: 'Trials' }).waitFor();
    await expectAccessible(page);
    // the table loads its page from the API after the first render
    await page
      .waitForFunction(() => document.querySelectorAll('[data-testid="trials-table"] tbody tr').length === 4, undefined, {
        timeout: 15_000,
      })
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
      .waitForFunction(
        () => document.querySelectorAll('[data-testid="trials-table"] tbody [data-status="completed"]').length === 4,
        undefined,
        {
          timeout: TRAINING_TIMEOUT_MS,
          polling: 1000,
        },
      )
      .catch(failWith('the trials did not all complete'));

    // every trial has a mean validation accuracy, and one row is marked best
    const accuracies = await page.locator('[data-testid="trials-table"] [data-testid="cell-accuracy"]').allTextContents();
    expect(accuracies).toHaveLength(4);
    // 3 significant digits: "85.3%", "100%", "9.87%" (lib/format)
    for (const text of accuracies) expect(text).toMatch(/^(\d\.\d{2}|\d{2}\.\d|100)%/);
    await page.waitForFunction(
      () => document.querySelectorAll('[data-testid="trials-table"] tbody tr[data-best]').length === 1,
      undefined,
      {
        timeout: 15_000,
      },
    );
    await page.waitForFunction(
      () => document.querySelectorAll('[data-testid="accuracy-chart"] path.recharts-line-curve').length === 8,
      undefined,
      {
        timeout: 30_000,
      },
    );
    await expectAccessible(page);
    expect(browserErrors).toEqual([]);
  });

  it("filters the search's trials with the filter language on the server and sorts them by a metric picked in the column picker", async () => {
    const table = page.getByTestId('trials-table');
    const rows = () => page.evaluate(() => document.querySelectorAll('[data-testid="trials-table"] tbody tr').length);
    const column = (id: string) => table.locator(`tbody td[data-column="${id}"]`).allTextContents();
    const waitForRows = (n: number, what: string) =>
      page
        .waitForFunction((want) => document.querySelectorAll('[data-testid="trials-table"] tbody tr').length === want, n, {
          timeout: 15_000,
        })
        .catch(failWith(what));

    // params, metrics and attributes in one filter: the two trials at the lower learning rate
    const filter = page.getByTestId('run-filter');
    const applied = "params.learningRate < 0.005 and metrics.val_accuracy >= 0 and attributes.status = 'completed'";
    await filter.fill(applied);
    await filter.press('Enter');
    await waitForRows(2, 'the filter did not leave the 2 trials at learning rate 0.001');
    expect(await column('params.learningRate')).toEqual(['0.001', '0.001']);
    expect((await column('params.batchSize')).sort()).toEqual(['32', '64']);
    expect(await page.getByTestId('trials-range').textContent()).toBe('1–2 of 2 trials matching');
    expect(await page.evaluate(() => new URLSearchParams(location.search).get('filter'))).toBe(applied);
    // the URL holds it: a reload shows the same trials
    await page.reload({ waitUntil: 'networkidle' });
    await waitForRows(2, 'the filter did not survive a reload');
    expect(await filter.inputValue()).toBe(applied);

    // a filter the API cannot read: its 400 with a caret under the position, the last rows kept
    await filter.fill('params.learningRate <');
    await filter.press('Enter');
    const error = page.getByTestId('run-filter-error');
    await error.waitFor({ timeout: 10_000 }).catch(failWith('a broken filter showed no error'));
    expect(await error.locator('p').textContent()).toMatch(/^Invalid filter: at position 21: expected a value/);
    expect(await error.locator('pre').textContent()).toBe(`params.learningRate <\n${' '.repeat(21)}^`);
    expect(await rows()).toBe(2);
    await page.getByRole('search', { name: 'Filter trials' }).getByRole('button', { name: 'Clear', exact: true }).click();
    await waitForRows(4, 'clearing the filter did not list the 4 trials again');
    expect(await error.count()).toBe(0);

    // a metric column the table hides until picked, then sorted by the API, lowest loss first
    await page.getByTestId('column-picker-button').click();
    const panel = page.getByRole('group', { name: 'Columns to show' });
    await panel.getByRole('checkbox', { name: 'val_loss', exact: true }).check();
    await panel.getByRole('button', { name: 'Done' }).click();
    await table
      .locator('thead')
      .getByRole('button', { name: /^val_loss/ })
      .click();
    await page
      .waitForFunction(() => new URLSearchParams(location.search).get('sort') === 'metrics.val_loss', undefined, { timeout: 10_000 })
      .catch(failWith('sorting by val_loss did not reach the URL'));
    await page
      .waitForFunction(
        () => {
          const values = Array.from(document.querySelectorAll('[data-testid="trials-table"] tbody td[data-column="metrics.val_loss"]')).map(
            (td) => Number(td.textContent),
          );
          return values.length === 4 && values.every((v, i) => Number.isFinite(v) && (i === 0 || values[i - 1]! <= v));
        },
        undefined,
        { timeout: 10_000 },
      )
      .catch(failWith('the val_loss column was not sorted lowest first'));
    await expectAccessible(page);
    expect(browserErrors).toEqual([]);
  });
});

async function expectText(page: Page, selector: string, text: string): Promise<void> {
  await page.waitForFunction(([sel, expected]) => document.querySelector(sel)?.textContent.trim() === expected, [selector, text] as const, {
    timeout: 10_000,
  });
}
