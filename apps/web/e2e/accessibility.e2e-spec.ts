// Every route of the web app (app/**/page.tsx but the set-up page, which a stack with users
// redirects; and the not-found page), signed in as the admin, with seeded data — a
// finished ASHA search with its refit, two runs logged from code, the bundled datasets — checked
// by axe in the light and the dark theme: no serious or critical violation anywhere.
import { ZRunDetail, type TExperimentDetail, type TRunDetail } from '@atelier/domain';
import type { Browser, Page } from 'playwright-core';
import { failureReporter, launchChromium, signedInPage } from '../../../tests/harness/browser';
import { apiJson as fetchApiJson, trainedSearch } from '../../../tests/harness/search';
import { startE2eServers, type Stack } from '../../../tests/harness/stack';
import { expectAccessible } from './axe';

const TRAINING_TIMEOUT_MS = Number(process.env.E2E_TRAINING_TIMEOUT_MS ?? 240_000);
const THEMES = ['light', 'dark'] as const;

describe('accessibility of every page (axe: no serious or critical violation)', () => {
  let stack: Stack | null = null;
  let apiUrl: string;
  let webUrl: string;
  /** Unset when beforeAll failed before launching it. */
  let browser: Browser | undefined;
  let page: Page;
  let search: TExperimentDetail;
  let runs: TRunDetail[];
  const browserErrors: string[] = [];
  const suffix = Date.now().toString(36);

  const post = (route: string, method: string, body: unknown) =>
    fetchApiJson(apiUrl, route, { method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

  async function logRun(name: string, lr: number, losses: number[]): Promise<TRunDetail> {
    const run = ZRunDetail.parse(
      await post('/runs', 'POST', {
        experiment: `e2e a11y notebook ${suffix}`,
        name,
        params: { lr, batch_size: 32 },
        tags: { team: 'vision' },
      }),
    );
    await post(`/runs/${run.id}/log`, 'POST', {
      metrics: losses.flatMap((loss, step) => [
        { key: 'loss', step, value: loss },
        { key: 'val_accuracy', step, value: 1 - loss / 2 },
      ]),
    });
    return ZRunDetail.parse(await post(`/runs/${run.id}`, 'PATCH', { status: 'finished' }));
  }

  const failWith = failureReporter({ page: () => page, browserErrors, stack: () => stack });

  beforeAll(async () => {
    ({ stack, webUrl, apiUrl } = await startE2eServers({ api: true, workerConcurrency: 2 }));
    // ASHA over three learning rates (rungs of 1 and 2 epochs), 2 folds on 300 images: every chart of the search pages has data
    search = await trainedSearch(
      apiUrl,
      {
        name: `e2e a11y ${suffix}`,
        dataset: 'fashion-mnist',
        space: {
          architecture: ['mlp'],
          batchSize: [32],
          activation: ['relu'],
          optimizer: ['adam'],
          learningRate: [0.01, 0.003, 0.001],
          momentum: [0],
        },
        strategy: { kind: 'asha', minEpochs: 1, maxEpochs: 2, reductionFactor: 2 },
        validation: { kind: 'kfold', folds: 2 },
        trainingSlice: 300,
        seed: 11,
        priority: 1,
      },
      { timeoutMs: TRAINING_TIMEOUT_MS, stack },
    );
    runs = [await logRun('lr 0.001', 0.001, [1.2, 0.9, 0.7]), await logRun('lr 0.1', 0.1, [1.1, 0.6, 0.4])];
    const chromium = await launchChromium();
    browser = chromium;
    page = await signedInPage(chromium, webUrl, { viewport: { width: 1366, height: 900 } });
    page.on('pageerror', (error) => browserErrors.push(error.message));
  }, TRAINING_TIMEOUT_MS + 180_000);

  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  }, 60_000);

  /** Each route, and what shows once its data has loaded. */
  const routes = (): { name: string; path: string; ready: string }[] => {
    const trialIds = search.trials.map((t) => t.id);
    return [
      { name: 'home', path: '/', ready: 'main' },
      { name: 'experiments list', path: '/experiments', ready: 'table' },
      { name: 'launch form', path: '/experiments/new', ready: 'form' },
      {
        name: 'search experiment',
        path: `/experiments/${search.id}`,
        ready: '[data-testid="trials-table"] [data-testid="compare-checkbox"]',
      },
      {
        name: 'tracked experiment',
        path: `/experiments/${runs[0]!.experimentId}`,
        ready: '[data-testid="runs-table"] [data-testid="compare-checkbox"]',
      },
      { name: 'trial', path: `/trials/${search.refit!.trialId}`, ready: '[data-testid="evaluation-test"] [data-testid="confusion-cell"]' },
      { name: 'run', path: `/runs/${runs[0]!.id}`, ready: '[data-testid="run-metric-chart"] path.recharts-line-curve' },
      {
        name: 'runs comparison',
        path: `/runs/compare?ids=${runs.map((r) => r.id).join(',')}`,
        ready: '[data-testid="compare-metric-chart"] path.recharts-line-curve',
      },
      {
        name: 'trials comparison',
        path: `/compare?trials=${trialIds.join(',')}`,
        ready: '[data-testid="compare-matrix"] [data-testid="confusion-cell"]',
      },
      { name: 'compare, nothing picked', path: '/compare', ready: 'main h1' },
      { name: 'datasets', path: '/datasets', ready: 'main h1' },
      { name: 'dataset', path: '/datasets/fashion-mnist', ready: 'main h1' },
      { name: 'dataset import', path: '/datasets/import', ready: 'form' },
      { name: 'sign-in', path: '/sign-in', ready: 'form' },
      { name: 'API tokens', path: '/settings/tokens', ready: 'form' },
      { name: 'projects', path: '/projects', ready: '[data-testid="projects-table"] [data-project="default"]' },
      { name: 'project members', path: '/projects/default/members', ready: '[data-testid="members-table"] td' },
      { name: 'project audit log', path: '/projects/default/audit', ready: '[data-testid="audit-table"] td' },
      { name: 'users', path: '/admin/users', ready: '[data-testid="users-table"] td' },
      { name: 'not found', path: '/no-such-page', ready: 'main h1' },
      { name: 'experiment not found', path: '/experiments/00000000-0000-4000-8000-000000000000', ready: 'main h1' },
      { name: 'run not found', path: '/runs/00000000-0000-4000-8000-000000000000', ready: 'main h1' },
    ];
  };

  /** Sets a theme on the loaded page, as the header's toggle would, whichever the system's is. */
  async function switchTheme(theme: (typeof THEMES)[number]): Promise<void> {
    await page.emulateMedia({ colorScheme: theme });
    await page.evaluate((t) => document.documentElement.setAttribute('data-theme', t), theme);
  }

  // Each page is loaded once and checked in both themes: the theme changes colours, not the DOM,
  // and loading every page twice cost about a minute of CI.
  it('has no serious or critical violation on any page, in the light and the dark theme', async () => {
    const failures: string[] = [];
    const check = async (where: string) => {
      for (const theme of THEMES) {
        await switchTheme(theme);
        await expectAccessible(page, `${where}, ${theme}`).catch((error: unknown) => failures.push((error as Error).message));
      }
    };
    for (const route of routes()) {
      await page.emulateMedia({ colorScheme: THEMES[0] });
      await page.goto(`${webUrl}${route.path}`, { waitUntil: 'networkidle' });
      await page
        .locator(route.ready)
        .first()
        .waitFor({ timeout: 30_000 })
        .catch(failWith(`the ${route.name} page did not load`));
      // the charts' data tables (and any other disclosure) unfolded first, so one check reads
      // them too: an open disclosure shows everything its folded state does, and more
      const unfolded = await page.evaluate(
        () => Array.from(document.querySelectorAll('details:not([open])')).map((details) => details.setAttribute('open', '')).length,
      );
      await check(unfolded > 0 ? `${route.name}, ${unfolded} disclosures open` : route.name);
    }
    expect(failures).toEqual([]);
  });

  it('has no violation with the compare tray open and holding trials and runs', async () => {
    await page.emulateMedia({ colorScheme: 'light' });
    await page.goto(`${webUrl}/experiments/${search.id}`, { waitUntil: 'networkidle' });
    const boxes = page.locator('[data-testid="trials-table"] [data-testid="compare-checkbox"]');
    await boxes.first().waitFor({ timeout: 30_000 }).catch(failWith('the trials table did not load'));
    for (const box of (await boxes.all()).slice(0, 2)) await box.check();
    await page.getByTestId('compare-tray').waitFor({ timeout: 10_000 });
    await expectAccessible(page, 'compare tray');
    expect(browserErrors).toEqual([]);
  });
});
