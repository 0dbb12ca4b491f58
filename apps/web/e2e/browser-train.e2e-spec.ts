// examples/browser-train as a user runs it: the page, served from its own origin, trains a small
// TF.js model in Chromium on a few hundred Fashion-MNIST images and logs through the SDK's
// browser entry to an API that lists that origin in ATELIER_CORS_ORIGINS (every POST after a
// preflight). Then the run is in the API with its epoch points and confusion matrix, and the
// Atelier web app draws its curves.
import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import type { TRunDetail, TRunEvaluations, TRunMetrics } from '@atelier/domain';
import type { Browser, Page } from 'playwright-core';
import { TEST_ADMIN } from '../../../tests/harness/auth';
import { failureReporter, launchChromium, signedInPage } from '../../../tests/harness/browser';
import { apiJson } from '../../../tests/harness/search';
import { freePort, REPO_ROOT, type Stack, startStack } from '../../../tests/harness/stack';

const EXAMPLE = path.join(REPO_ROOT, 'examples/browser-train');
const EPOCHS = 2;

function runNode(script: string, env: Record<string, string> = {}): ChildProcess {
  return spawn(process.execPath, [path.join(EXAMPLE, script)], {
    cwd: EXAMPLE,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

describe('examples/browser-train', () => {
  let stack: Stack | null = null;
  let server: ChildProcess | null = null;
  let browser: Browser | undefined;
  let page: Page;
  let pageOrigin: string;
  const browserErrors: string[] = [];
  const failWith = failureReporter({ page: () => page, browserErrors, stack: () => stack });

  beforeAll(async () => {
    const bundled = runNode('build.mjs');
    const built = await new Promise<number | null>((resolve) => bundled.once('exit', resolve));
    expect(built).toBe(0);
    const port = await freePort();
    pageOrigin = `http://127.0.0.1:${port}`;
    const datasetDir = path.join(process.env.ATELIER_DATASET_DIR ?? path.resolve(REPO_ROOT, '../shared/datasets'), 'fashion-mnist');
    server = runNode('serve.mjs', { PORT: String(port), HOST: '127.0.0.1', DATASET_DIR: datasetDir });
    await new Promise<void>((resolve, reject) => {
      server!.stdout!.once('data', () => resolve());
      server!.once('exit', (code) => reject(new Error(`serve.mjs exited with ${code}`)));
    });
    stack = await startStack({ worker: false, web: true, env: { ATELIER_CORS_ORIGINS: pageOrigin } });
    browser = await launchChromium();
    page = await signedInPage(browser, stack.webUrl!);
    page.on('pageerror', (error) => browserErrors.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error') browserErrors.push(message.text());
    });
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    server?.kill();
    await stack?.stop();
  }, 60_000);

  it('trains in the page, logs every epoch and the confusion matrix, and the web app draws its curves', async () => {
    const query = new URLSearchParams({ api: stack!.apiUrl, images: '300', testImages: '100', epochs: String(EPOCHS), backend: 'cpu' });
    const started = Date.now();
    await page.goto(`${pageOrigin}/?${query.toString()}#token=${TEST_ADMIN.token}`);
    await page
      .waitForSelector('#status[data-state="done"], #status[data-state="error"]', { timeout: 120_000 })
      .catch(failWith('the page did not finish training'));
    const status = await page.locator('#status').getAttribute('data-state');
    if (status !== 'done') await failWith('the page failed')(new Error((await page.locator('#status').textContent()) ?? ''));
    const seconds = (Date.now() - started) / 1000;
    const runId = (await page.locator('#status').getAttribute('data-run-id'))!;
    expect(browserErrors).toEqual([]);

    const run = (await apiJson(stack!.apiUrl, `/runs/${runId}`)) as TRunDetail;
    expect(run).toMatchObject({ experimentName: 'fashion-mnist (browser)', source: 'tracked', status: 'completed' });
    expect(run.params).toMatchObject({
      dataset: 'fashion-mnist',
      epochs: EPOCHS,
      trainImages: 300,
      backend: 'cpu',
      'fit.epochs': EPOCHS,
      'model.layers': 3,
    });
    const series = ((await apiJson(stack!.apiUrl, `/runs/${runId}/metrics`)) as TRunMetrics).series;
    const steps = (key: string) => series.find((s) => s.key === key && s.fold === null)?.points.map((point) => point.step);
    for (const key of ['loss', 'accuracy', 'val_loss', 'val_accuracy', 'epoch_seconds']) expect([key, steps(key)]).toEqual([key, [1, 2]]);

    const evaluations = ((await apiJson(stack!.apiUrl, `/runs/${runId}/evaluations`)) as TRunEvaluations).items;
    expect(evaluations).toHaveLength(1);
    expect(evaluations[0]!.classNames).toHaveLength(10);
    expect(evaluations[0]!.confusionMatrix.flat().reduce((a, b) => a + b, 0)).toBe(100);

    await page.goto(`${stack!.webUrl}/runs/${runId}`, { waitUntil: 'networkidle' });
    for (const key of ['loss', 'val_accuracy']) {
      await page
        .waitForFunction(
          (metric) =>
            Array.from(
              document.querySelectorAll(`[data-testid="run-metric-chart"][data-metric-key="${metric}"] path.recharts-line-curve`),
            ).some((line) => ((line.getAttribute('d') ?? '').match(/[LC]/g)?.length ?? 0) >= 1),
          key,
          { timeout: 15_000 },
        )
        .catch(failWith(`the run page drew no ${key} curve`));
    }
    const panel = page.getByTestId('evaluation-test');
    await panel.waitFor({ timeout: 15_000 }).catch(failWith('the run page showed no confusion matrix'));
    expect(await panel.locator('[data-testid="confusion-cell"]').count()).toBe(100);
    expect(await panel.locator('[data-testid="classification-report"] tbody tr').count()).toBe(13); // 10 classes, macro and weighted averages, accuracy
    console.log(`browser training: ${EPOCHS} epochs on 300 images, page to done in ${seconds.toFixed(1)} s`);
  });
});
