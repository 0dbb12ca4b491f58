// A script logs two runs through the API (POST /runs, POST /runs/{id}/log with a NaN, PATCH finished);
// a user finds their curves and parameters on the run page, sorts and filters the experiment's runs
// table by a parameter, writes notes, and compares the two runs from the tray (the confusion matrix one logged among them).
import { ZRunDetail, type TRunDetail } from '@atelier/domain';
import type { Browser, Page } from 'playwright-core';
import { failureReporter, launchChromium, signedInPage } from '../../../tests/harness/browser';
import { apiJson as fetchApiJson } from '../../../tests/harness/search';
import { expectAccessible } from './axe';
import { startE2eServers, type Stack } from '../../../tests/harness/stack';

describe('runs logged from code in the web app', () => {
  let stack: Stack | null = null;
  let apiUrl: string;
  let webUrl: string;
  let browser: Browser | undefined;
  let page: Page;
  let slow: TRunDetail;
  const browserErrors: string[] = [];
  const experimentName = `e2e notebook ${Date.now().toString(36)}`;

  const apiJson = (route: string, method: string, body: unknown) =>
    fetchApiJson(apiUrl, route, { method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

  /** What a training script does: start a run, log a few steps (one loss NaN), finish it. */
  async function logRun(
    name: string,
    params: Record<string, unknown>,
    losses: (number | 'NaN')[],
    accuracies: number[],
  ): Promise<TRunDetail> {
    const run = ZRunDetail.parse(await apiJson('/runs', 'POST', { experiment: experimentName, name, params, tags: { team: 'vision' } }));
    const metrics = losses.flatMap((loss, step) => [
      { key: 'loss', step, value: loss },
      { key: 'val_accuracy', step, value: accuracies[step]! },
    ]);
    await apiJson(`/runs/${run.id}/log`, 'POST', { metrics });
    return ZRunDetail.parse(await apiJson(`/runs/${run.id}`, 'PATCH', { status: 'finished' }));
  }

  const failWith = failureReporter({ page: () => page, browserErrors, stack: () => stack });

  beforeAll(async () => {
    // nothing here trains: no worker
    ({ stack, webUrl, apiUrl } = await startE2eServers({ api: true, worker: false }));
    slow = await logRun(
      'lr 0.001',
      { lr: 0.001, optimizer: { name: 'adam', beta1: 0.9 }, batch_size: 32 },
      [1.2, 0.9, 'NaN', 0.6],
      [0.41, 0.52, 0.6, 0.66],
    );
    await logRun('lr 0.1', { lr: 0.1, optimizer: { name: 'sgd' }, batch_size: 32 }, [1.1, 0.7, 0.5, 0.4], [0.5, 0.63, 0.7, 0.74]);
    // the script scored one of them on a held-out set (run.logConfusionMatrix)
    await apiJson(`/runs/${slow.id}/evaluations`, 'POST', {
      classNames: ['cat', 'dog'],
      confusionMatrix: [
        [8, 2],
        [1, 9],
      ],
      split: 'test',
    });
    browser = await launchChromium();
    page = await signedInPage(browser, webUrl, { viewport: { width: 1366, height: 900 } });
    page.on('pageerror', (error) => browserErrors.push(error.message));
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  }, 60_000);

  it('shows a run: its status, a curve per metric with the NaN named, its parameters flattened, notes saved', async () => {
    expect(slow.status).toBe('completed');
    await page.goto(`${webUrl}/runs/${slow.id}`, { waitUntil: 'networkidle' });
    await page.getByTestId('run-name').waitFor({ timeout: 15_000 }).catch(failWith('the run page did not show'));
    expect(await page.getByTestId('run-name').textContent()).toBe('lr 0.001');
    expect(await page.locator('.title-row [data-status]').first().textContent()).toBe('completed');

    // a drawn line per metric key: a move and at least two segments (the NaN step is a gap it bridges)
    for (const key of ['loss', 'val_accuracy']) {
      await page
        .waitForFunction(
          (metric) =>
            Array.from(
              document.querySelectorAll(`[data-testid="run-metric-chart"][data-metric-key="${metric}"] path.recharts-line-curve`),
            ).some((path) => ((path.getAttribute('d') ?? '').match(/[LC]/g)?.length ?? 0) >= 2),
          key,
          { timeout: 15_000 },
        )
        .catch(failWith(`no ${key} curve was drawn`));
    }
    expect(await page.locator('[data-metric-key="loss"] [data-testid="nonfinite-note"]').textContent()).toBe('Not drawn: NaN at step 2');
    const lastLoss = page.locator('[data-testid="metric-summary"] tr[data-metric="loss"] [data-cell="last"]');
    expect(await lastLoss.textContent()).toBe('0.600');

    const param = (key: string) => page.locator(`[data-testid="params-table"] tr[data-param="${key}"] td`).textContent();
    expect(await param('lr')).toBe('0.001');
    expect(await param('optimizer.name')).toBe('adam');
    expect(await param('optimizer.beta1')).toBe('0.9');
    await page.getByLabel('Search parameters').fill('beta');
    expect(await page.locator('[data-testid="params-table"] tbody tr').count()).toBe(1);

    await page.getByRole('button', { name: 'Write notes' }).click();
    await page.getByLabel('Notes (Markdown)').fill('Adam at **1e-3** diverged once (step 2).');
    await page.getByRole('button', { name: 'Save notes' }).click();
    await page
      .locator('section[aria-labelledby="run-notes-title"] strong')
      .waitFor({ timeout: 10_000 })
      .catch(failWith('the notes did not render'));
    const stored = ZRunDetail.parse(await fetchApiJson(apiUrl, `/runs/${slow.id}`));
    expect(stored.notes).toBe('Adam at **1e-3** diverged once (step 2).');
    await expectAccessible(page);
    expect(browserErrors).toEqual([]);
  });

  it("lists the experiment's runs beside searches, sorts and filters them by a parameter on the server", async () => {
    await page.goto(`${webUrl}/experiments`, { waitUntil: 'networkidle' });
    const row = page.locator('tr[data-kind="tracked"]', { hasText: experimentName });
    await row.waitFor({ timeout: 15_000 }).catch(failWith('the tracked experiment is not in the list'));
    expect(await row.getByTestId('logged-from-code').count()).toBe(1);
    expect(await row.getByTestId('run-count').textContent()).toBe('2 runs');
    await row.getByRole('link', { name: experimentName }).click();

    await page.waitForURL(new RegExp(`/experiments/${slow.experimentId}`), { timeout: 15_000 });
    await expectAccessible(page);
    const names = () => page.locator('[data-testid="runs-table"] tbody tr [data-testid="run-link"]').allTextContents();
    await page
      .waitForFunction(() => document.querySelectorAll('[data-testid="runs-table"] tbody tr').length === 2, undefined, { timeout: 15_000 })
      .catch(failWith('the runs table did not list both runs'));
    const lastLoss = page.locator(`[data-testid="runs-table"] tr[data-run-id="${slow.id}"] td[data-column="metrics.loss"]`);
    expect(await lastLoss.textContent()).toBe('0.600');

    const lr = page.locator('[data-testid="runs-table"] thead').getByRole('button', { name: /^lr/ });
    await lr.click();
    await page.waitForFunction(() => new URLSearchParams(location.search).get('sort') === 'params.lr asc', undefined, { timeout: 10_000 });
    await expectNames(['lr 0.001', 'lr 0.1']);
    await lr.click();
    await page.waitForFunction(() => new URLSearchParams(location.search).get('sort') === 'params.lr desc', undefined, { timeout: 10_000 });
    await expectNames(['lr 0.1', 'lr 0.001']);

    const filter = page.getByTestId('run-filter');
    await filter.fill('params.lr >');
    await filter.press('Enter');
    const error = page.getByTestId('run-filter-error');
    await error.waitFor({ timeout: 10_000 }).catch(failWith('a broken filter showed no error'));
    expect(await error.locator('p').textContent()).toMatch(/^Invalid filter: at position 11: /);
    expect(await error.locator('pre').textContent()).toBe('params.lr >\n           ^');

    await filter.fill("params.lr > 0.01 and params.`optimizer.name` = 'sgd'");
    await filter.press('Enter');
    await page
      .waitForFunction(() => document.querySelectorAll('[data-testid="runs-table"] tbody tr').length === 1, undefined, { timeout: 10_000 })
      .catch(failWith('the filter did not leave one run'));
    await expectNames(['lr 0.1']);
    expect(await page.getByTestId('runs-count').textContent()).toBe('1 of 1 run matching');
    // the URL holds the filter: a reload shows the same table
    await page.reload({ waitUntil: 'networkidle' });
    await expectNames(['lr 0.1']);
    expect(await page.getByTestId('run-filter').inputValue()).toBe("params.lr > 0.01 and params.`optimizer.name` = 'sgd'");

    // the column picker by keyboard alone: open it, tick a column off with Space, close it with Escape
    await page.getByTestId('column-picker-button').focus();
    await page.keyboard.press('Enter');
    const panel = page.getByRole('group', { name: 'Columns to show' });
    await panel.waitFor({ timeout: 5_000 });
    expect(await page.evaluate(() => document.activeElement?.getAttribute('placeholder'))).toBe('Find a column');
    await page.keyboard.type('batch');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.parentElement?.textContent)).toBe('batch_size');
    await page.keyboard.press('Space');
    await page.keyboard.press('Escape');
    expect(await panel.count()).toBe(0);
    expect(
      await page
        .locator('[data-testid="runs-table"] thead')
        .getByRole('button', { name: /^batch_size/ })
        .count(),
    ).toBe(0);
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('column-picker-button');
    await expectAccessible(page);

    async function expectNames(expected: string[]) {
      await page
        .waitForFunction(
          (want) =>
            Array.from(document.querySelectorAll('[data-testid="runs-table"] tbody tr [data-testid="run-link"]'))
              .map((a) => a.textContent)
              .join('|') === want.join('|'),
          expected,
          {
            timeout: 10_000,
          },
        )
        .catch(async (e: unknown) =>
          failWith(`the runs were not in the order ${expected.join(', ')} but ${(await names()).join(', ')}`)(e),
        );
    }
  });

  it('compares the two runs from the tray: curves of both, the parameter diff', async () => {
    await page.goto(`${webUrl}/experiments/${slow.experimentId}`, { waitUntil: 'networkidle' });
    await page.waitForFunction(
      () => document.querySelectorAll('[data-testid="runs-table"] [data-testid="compare-checkbox"]').length === 2,
      undefined,
      { timeout: 15_000 },
    );
    for (const box of await page.locator('[data-testid="runs-table"] [data-testid="compare-checkbox"]').all()) await box.check();
    await page.getByTestId('compare-tray').getByRole('link', { name: 'Compare 2' }).click();
    await page.waitForURL(/\/runs\/compare\?ids=/, { timeout: 15_000 }).catch(failWith('the tray did not open the runs comparison'));
    await expectAccessible(page);
    expect(await page.getByTestId('compared-run').count()).toBe(2);

    // both runs' losses on one chart
    await page
      .waitForFunction(
        () =>
          document.querySelectorAll('[data-testid="compare-metric-chart"][data-metric-key="loss"] path.recharts-line-curve').length === 2,
        undefined,
        {
          timeout: 15_000,
        },
      )
      .catch(failWith('the loss chart did not draw both runs'));
    expect(await page.locator('[data-metric-key="loss"] [data-testid="nonfinite-note"]').textContent()).toBe(
      'Not drawn: NaN at step 2 (lr 0.001)',
    );

    const diff = (key: string) => page.locator(`[data-testid="param-diff"] tr[data-param="${key}"]`);
    expect(await diff('lr').getAttribute('data-differs')).toBe('true');
    expect(await diff('batch_size').getAttribute('data-differs')).toBeNull();
    expect(await diff('optimizer.beta1').getAttribute('data-differs')).toBe('true');
    const beta = await diff('optimizer.beta1').locator('td').allTextContents();
    // a parameter one run does not have is a dash, not a blank
    expect(beta.map((text) => text.replace(' (not set)', ''))).toEqual(expect.arrayContaining(['0.9', '—']));
    // the matrix the first run logged, beside nothing for the one that logged none
    const logged = page.locator(`[data-testid="compare-matrix"][data-trial-id="${slow.id}"]`);
    expect(await page.getByTestId('compare-matrix').count()).toBe(1);
    expect(
      await logged.locator('[data-testid="confusion-cell"]').evaluateAll((cells) => cells.map((cell) => cell.getAttribute('data-count'))),
    ).toEqual(['8', '2', '1', '9']);
    expect(await logged.textContent()).toContain('accuracy 85.0%');
    expect(await page.getByTestId('no-evaluation-note').textContent()).toMatch(/^Not every run has a confusion matrix/);
    await expectAccessible(page);
    expect(browserErrors).toEqual([]);
  });
});
