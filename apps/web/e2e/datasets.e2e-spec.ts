// A user explores Fashion-MNIST, imports a small CSV dataset, and is told clearly why a broken one is refused.
import type { Browser, Page } from 'playwright-core';
import { adminFetch } from '../../../tests/harness/auth';
import { failureReporter, launchChromium, signedInPage } from '../../../tests/harness/browser';
import { expectAccessible } from './axe';
import { startE2eServers, type Stack } from '../../../tests/harness/stack';
import { tinyCsv } from './tiny-csv';

const FASHION_CLASSES = ['T-shirt/top', 'Trouser', 'Pullover', 'Dress', 'Coat', 'Sandal', 'Shirt', 'Sneaker', 'Bag', 'Ankle boot'];

describe('dataset explorer and import in the web app', () => {
  let stack: Stack | null = null;
  let webUrl: string;
  let browser: Browser | undefined;
  let page: Page;
  const browserErrors: string[] = [];
  // unique per run, so the spec also passes against a long-running server (E2E_WEB_URL)
  const suffix = Date.now().toString(36);

  beforeAll(async () => {
    ({ stack, webUrl } = await startE2eServers({ worker: false }));
    browser = await launchChromium();
    page = await signedInPage(browser, webUrl, { viewport: { width: 1366, height: 900 } });
    page.on('pageerror', (error) => browserErrors.push(error.message));
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  }, 60_000);

  const failWith = failureReporter({ page: () => page, browserErrors, stack: () => stack });

  /** Through the web app's own proxy, as the browser would: what the server holds now. */
  async function datasetKeys(): Promise<string[]> {
    const response = await adminFetch(`${webUrl}/api/datasets`);
    expect(response.status).toBe(200);
    return ((await response.json()) as { key: string }[]).map((d) => d.key);
  }

  it('shows the real class counts of Fashion-MNIST and a grid of labelled images', async () => {
    await page.goto(`${webUrl}/datasets`, { waitUntil: 'networkidle' });
    await page.getByRole('link', { name: 'Fashion-MNIST' }).click();
    await page.waitForURL(/\/datasets\/fashion-mnist$/, { timeout: 60_000 }).catch(failWith('the dataset page did not open'));
    await expectAccessible(page);
    await page
      .getByRole('heading', { name: 'Class distribution' })
      .waitFor({ timeout: 60_000 })
      .catch(failWith('the explorer did not show'));

    expect(await page.getByTestId('fact-train').textContent()).toBe('60,000');
    const rows = await page
      .locator('[data-testid="class-distribution-table"] tbody tr')
      .evaluateAll((trs) => trs.map((tr) => Array.from(tr.querySelectorAll('th, td')).map((td) => td.textContent.trim())));
    expect(rows).toEqual(FASHION_CLASSES.map((name) => [name, '6,000', '1,000']));
    // the chart itself draws 20 bars (train and test per class)
    expect(await page.locator('.recharts-bar-rectangle').count()).toBe(20);

    // 24 sample images, each decoded as a 28×28 PNG, each with a Fashion-MNIST class name under it
    const grid = page.getByTestId('sample-grid');
    await page
      .waitForFunction(
        () => {
          const images = Array.from(document.querySelectorAll<HTMLImageElement>('[data-testid="sample-grid"] img'));
          images.forEach((img) => img.scrollIntoView());
          return images.length === 24 && images.every((img) => img.complete && img.naturalWidth === 28);
        },
        undefined,
        { timeout: 30_000 },
      )
      .catch(failWith('the sample images did not load'));
    const labels = await grid.getByTestId('sample-label').allTextContents();
    expect(labels).toHaveLength(24);
    for (const label of labels) expect(FASHION_CLASSES).toContain(label);
    const alts = await grid.locator('img').evaluateAll((imgs) => imgs.map((img) => img.getAttribute('alt')));
    labels.forEach((label, i) => expect(alts[i]).toMatch(new RegExp(`^${label.replace(/[/]/g, '\\/')} \\(train #\\d+\\)$`)));

    // one class only: every label is that class
    await page.getByLabel('Class', { exact: true }).selectOption({ label: 'Bag' });
    await page
      .waitForFunction(
        () => Array.from(document.querySelectorAll('[data-testid="sample-label"]')).every((l) => l.textContent === 'Bag'),
        undefined,
        {
          timeout: 15_000,
        },
      )
      .catch(failWith('filtering the samples by class did not work'));

    // mean images and the correlation heatmap are drawn
    expect(await page.getByRole('img', { name: /^Mean image of / }).count()).toBe(10);
    expect(await page.getByTestId('correlation-readout').textContent()).toMatch(/^Strongest: η = 0\.\d{3}/);
    expect(await page.getByTestId('data-quality').textContent()).toContain('No two of the 70,000 images have identical pixels.');
    await expectAccessible(page);
    expect(browserErrors).toEqual([]);
  });

  it('imports a small CSV and lists it with its counts', async () => {
    const name = `E2E tiny ${suffix}`;
    const key = `e2e-tiny-${suffix}`;
    await page.goto(`${webUrl}/datasets/import`, { waitUntil: 'networkidle' });
    await page.getByLabel('Name', { exact: true }).fill(name);
    expect(await page.getByLabel('Key', { exact: true }).inputValue()).toBe(key);
    await page.getByLabel(/Class names/).fill('stripe 0, stripe 1, stripe 2, stripe 3');
    await page.getByLabel('Test fraction').fill('0.25');
    await page.getByLabel(/Train CSV/).setInputFiles({ name: 'tiny.csv', mimeType: 'text/csv', buffer: Buffer.from(tinyCsv()) });
    await page.getByRole('button', { name: 'Import dataset' }).click();

    await page.waitForURL(new RegExp(`/datasets/${key}$`), { timeout: 30_000 }).catch(failWith('importing did not open the new dataset'));
    await page.getByRole('heading', { name }).waitFor({ timeout: 30_000 }).catch(failWith('the new dataset page did not show'));
    // checked once the page has rendered: right after the URL changes, its title may not be set yet
    await expectAccessible(page);
    expect(await page.getByTestId('fact-train').textContent()).toBe('30');
    expect(await page.getByTestId('fact-test').textContent()).toBe('10');

    await expectAccessible(page);
    await page.goto(`${webUrl}/datasets`, { waitUntil: 'networkidle' });
    const row = page.locator(`tr[data-key="${key}"]`);
    await row.waitFor({ timeout: 10_000 }).catch(failWith('the imported dataset is not listed'));
    expect(await row.getByRole('link').textContent()).toBe(name);
    expect(await row.getByTestId('train-size').textContent()).toBe('30');
    expect(await row.getByTestId('test-size').textContent()).toBe('10');
    expect(await row.textContent()).toContain('Imported (CSV)');
  });

  it('refuses a CSV with a ragged row, says which file and line, and creates nothing', async () => {
    const key = `e2e-broken-${suffix}`;
    const lines = tinyCsv().split('\n');
    lines[3] = lines[3]!.split(',').slice(0, 700).join(',');
    const before = await datasetKeys();

    await page.goto(`${webUrl}/datasets/import`, { waitUntil: 'networkidle' });
    await page.getByLabel('Name', { exact: true }).fill(`E2E broken ${suffix}`);
    await page.getByLabel(/Train CSV/).setInputFiles({ name: 'broken.csv', mimeType: 'text/csv', buffer: Buffer.from(lines.join('\n')) });
    await page.getByRole('button', { name: 'Import dataset' }).click();

    const alert = page.getByTestId('import-error');
    await alert.waitFor({ timeout: 30_000 }).catch(failWith('no error was shown for the broken CSV'));
    expect(await alert.textContent()).toBe(
      'The dataset was not imported. broken.csv (train CSV): ragged row: line 4 has 700 fields, expected 785 (label + 784 pixels)',
    );
    expect(page.url()).toMatch(/\/datasets\/import$/);
    expect(await datasetKeys()).toEqual(before);
    expect((await adminFetch(`${webUrl}/api/datasets/${key}`)).status).toBe(404);
    await expectAccessible(page);
    expect(browserErrors).toEqual([]);
  });
});
