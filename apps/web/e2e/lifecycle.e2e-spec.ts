// A user archives a tracked experiment (it leaves the list, stays readable), deletes one of its runs
// and then the experiment to the trash, restores the run's experiment from /trash and purges it for good.
import { ZExperimentList, ZRunDetail, ZTrashList, type TRunDetail } from '@atelier/domain';
import type { Browser, Page } from 'playwright-core';
import { adminFetch } from '../../../tests/harness/auth';
import { failureReporter, launchChromium, signedInPage } from '../../../tests/harness/browser';
import { apiJson as fetchApiJson } from '../../../tests/harness/search';
import { expectAccessible } from './axe';
import { startE2eServers, type Stack } from '../../../tests/harness/stack';

describe('archive, trash, restore and purge in the web app', () => {
  let stack: Stack | null = null;
  let apiUrl: string;
  let webUrl: string;
  let browser: Browser | undefined;
  let page: Page;
  let first: TRunDetail;
  let second: TRunDetail;
  const browserErrors: string[] = [];
  const experimentName = `e2e lifecycle ${Date.now().toString(36)}`;

  const apiJson = (route: string, method: string, body: unknown) =>
    fetchApiJson(apiUrl, route, { method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const listedIds = async () => ZExperimentList.parse(await fetchApiJson(apiUrl, '/experiments?limit=500')).items.map((e) => e.id);
  const trashIds = async () => ZTrashList.parse(await fetchApiJson(apiUrl, '/trash')).items.map((i) => i.id);

  const failWith = failureReporter({ page: () => page, browserErrors, stack: () => stack });

  beforeAll(async () => {
    ({ stack, webUrl, apiUrl } = await startE2eServers({ api: true, worker: false }));
    first = ZRunDetail.parse(await apiJson('/runs', 'POST', { experiment: experimentName, name: 'first', params: { lr: 0.1 } }));
    second = ZRunDetail.parse(await apiJson('/runs', 'POST', { experiment: experimentName, name: 'second', params: { lr: 0.01 } }));
    await apiJson(`/runs/${first.id}/log`, 'POST', { metrics: [{ key: 'loss', step: 0, value: 0.9 }] });
    const chromium = await launchChromium();
    browser = chromium;
    page = await signedInPage(chromium, webUrl, { viewport: { width: 1366, height: 900 } });
    page.on('pageerror', (error) => browserErrors.push(error.message));
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  }, 60_000);

  it('archives the experiment out of the list and back', async () => {
    await page.goto(`${webUrl}/experiments/${first.experimentId}`, { waitUntil: 'networkidle' });
    const actions = page.getByTestId('lifecycle-actions');
    await actions.waitFor({ timeout: 15_000 }).catch(failWith('the experiment page has no lifecycle actions'));
    await actions.getByRole('button', { name: 'Archive' }).click();
    await page.getByTestId('archived-note').waitFor({ timeout: 10_000 }).catch(failWith('the page did not say it is archived'));
    expect(await listedIds()).not.toContain(first.experimentId);
    await expectAccessible(page);
    await actions.getByRole('button', { name: 'Unarchive' }).click();
    await page.getByTestId('archived-note').waitFor({ state: 'detached', timeout: 10_000 }).catch(failWith('the archived note stayed'));
    expect(await listedIds()).toContain(first.experimentId);
  });

  it('deletes a run to the trash from its page, then the experiment, and restores the experiment from /trash', async () => {
    await page.goto(`${webUrl}/runs/${second.id}`, { waitUntil: 'networkidle' });
    await page.getByTestId('lifecycle-actions').getByRole('button', { name: 'Delete' }).click();
    const dialog = page.getByRole('dialog', { name: 'Move “second” to the trash?' });
    await dialog.getByRole('button', { name: 'Move to trash' }).click();
    await page.waitForURL(`${webUrl}/trash`, { timeout: 15_000 }).catch(failWith('deleting did not open the trash'));
    const runRow = page.locator(`[data-testid="trash-table"] tr[data-trash-id="${second.id}"]`);
    await runRow.waitFor({ timeout: 10_000 }).catch(failWith('the deleted run is not in the trash'));
    expect(await runRow.getByRole('rowheader').textContent()).toBe('second');
    await expectAccessible(page);

    await page.goto(`${webUrl}/experiments/${first.experimentId}`, { waitUntil: 'networkidle' });
    await page.getByTestId('lifecycle-actions').getByRole('button', { name: 'Delete' }).click();
    await page
      .getByRole('dialog', { name: `Move “${experimentName}” to the trash?` })
      .getByRole('button', { name: 'Move to trash' })
      .click();
    await page.waitForURL(`${webUrl}/trash`, { timeout: 15_000 }).catch(failWith('deleting the experiment did not open the trash'));
    const experimentRow = page.locator(`[data-testid="trash-table"] tr[data-trash-id="${first.experimentId}"]`);
    await experimentRow.waitFor({ timeout: 10_000 }).catch(failWith('the deleted experiment is not in the trash'));
    expect(await listedIds()).not.toContain(first.experimentId);
    // the run went with the experiment: the trash lists the experiment only
    expect(await trashIds()).not.toContain(second.id);

    await experimentRow.getByRole('button', { name: 'Restore' }).click();
    await experimentRow.waitFor({ state: 'detached', timeout: 10_000 }).catch(failWith('the restored experiment stayed in the trash'));
    expect(await listedIds()).toContain(first.experimentId);
    // the run deleted on its own is in the trash again, and its sibling is back with its points
    await runRow.waitFor({ timeout: 10_000 }).catch(failWith('the run deleted alone is not back in the trash'));
    const restored = ZRunDetail.parse(await fetchApiJson(apiUrl, `/runs/${first.id}`));
    expect(restored.metrics.loss?.count).toBe(1);
  });

  it('purges the run for good after asking', async () => {
    await page.goto(`${webUrl}/trash`, { waitUntil: 'networkidle' });
    const runRow = page.locator(`[data-testid="trash-table"] tr[data-trash-id="${second.id}"]`);
    // the storage panel: the run in the trash is what purging frees
    const runsInTrash = () =>
      page.evaluate(
        () =>
          [...document.querySelectorAll('[data-testid="usage-table"] tbody tr')].find(
            (row) => row.querySelector('th')?.textContent === 'Runs',
          )?.children[2]?.textContent ?? null,
      );
    expect(await runsInTrash()).toBe('1');
    await runRow.getByRole('button', { name: 'Purge' }).click();
    await page.getByRole('dialog', { name: 'Purge “second” for good?' }).getByRole('button', { name: 'Purge' }).click();
    await runRow.waitFor({ state: 'detached', timeout: 10_000 }).catch(failWith('the purged run stayed in the trash'));
    for (let i = 0; i < 50 && (await runsInTrash()) !== '0'; i++) await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await runsInTrash()).toBe('0');
    const gone = await adminFetch(`${apiUrl}/trash/run/${second.id}/restore`, { method: 'POST' });
    expect(gone.status).toBe(410);
    expect(browserErrors).toEqual([]);
  });
});
