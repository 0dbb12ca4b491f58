#!/usr/bin/env node
// Launches a 4-trial grid search from the web form, as a user would, and prints the wall time
// until every trial has completed. Not run in CI.
//
// Usage: start the platform (`npm start`), then
//   node bench/quickstart/launch-from-form.js [--web http://localhost:3000] [--slice 2000]
//        [--folds 3] [--epochs 3] [--architecture cnn-a] [--screenshots DIR]
// or, on its own stack (`pnpm build` first: bench/search/stack.js starts the built API, a worker of
// 2 slots whose training children are warm, the web app, on a fresh database; signs in as its admin):
//   node bench/quickstart/launch-from-form.js --stack
// Prints the time from the click on "Launch" to the first epoch point on the accuracy chart (a
// dot: one epoch of one trial, the mean of the folds that finished it), to the first curve segment
// (two epochs), and to the last trial completed; with --stack also where the first point's time
// went on the server (the first fold's queue wait, pick-up, load and build, its first epoch, and
// the rest: the request, the epoch's write and the live update to the page). Target (issue 19): the
// first epoch point within 2 s of the click, idle workers.
const path = require('node:path');
const { parseArgs } = require('node:util');

const root = path.resolve(__dirname, '../..');
const { chromium } = require(require.resolve('playwright-core', { paths: [path.join(root, 'apps/web')] }));
const CHROMIUM_ARGS = require(path.join(root, 'tests/harness/chromium-args.json'));

const { values: args } = parseArgs({
  options: {
    web: { type: 'string', default: 'http://localhost:3000' },
    slice: { type: 'string', default: '2000' },
    folds: { type: 'string', default: '3' },
    epochs: { type: 'string', default: '3' },
    architecture: { type: 'string', default: 'cnn-a' },
    screenshots: { type: 'string' },
    stack: { type: 'boolean', default: false },
    timeout: { type: 'string', default: '1800' },
  },
});

async function main() {
  let stack = null;
  if (args.stack) {
    const { startStack } = require(path.join(root, 'bench/search/stack.js'));
    stack = await startStack({ workerConcurrency: 2, web: true, warmChildren: true });
    args.web = stack.webUrl;
    stackApiUrl = stack.apiUrl;
  }
  try {
    await launch(stack);
  } finally {
    await stack?.stop();
  }
}

async function launch(stack) {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
  });
  const context = await browser.newContext({ viewport: { width: 1366, height: 1000 } });
  if (stack?.admin) {
    const response = await context.request.post(`${args.web}/api/auth/sign-in`, { data: stack.admin });
    if (!response.ok()) throw new Error(`signing in as ${stack.admin.email} answered ${response.status()}: ${await response.text()}`);
  }
  const page = await context.newPage();
  const shot = async (name) => args.screenshots && page.screenshot({ path: path.join(args.screenshots, `${name}.png`), fullPage: true });
  try {
    await page.goto(`${args.web}/experiments/new`);
    await page.getByLabel('Name', { exact: true }).fill(`quick start: ${args.architecture}, ${args.slice} images, ${args.folds} folds`);
    await page.locator('input[name="dataset"][value="fashion-mnist"]').check({ force: true });
    for (const box of await page.locator('input[name="architecture"]:checked').all()) await box.uncheck();
    await page.locator(`input[name="architecture"][value="${args.architecture}"]`).check();
    await page.getByLabel('Batch sizes').fill('32, 64');
    await page.getByLabel('Learning rates').fill('0.01, 0.001');
    await page.getByLabel('Epochs', { exact: true }).fill(args.epochs);
    await page.getByLabel('Momentum').fill('0.9');
    await page.locator('input[name="validationKind"][value="kfold"]').check({ force: true });
    await page.getByLabel('Folds').fill(args.folds);
    await page.getByLabel('Training slice (images)').fill(args.slice);
    await page.locator('[data-testid="plan-ok"]').waitFor({ timeout: 15_000 });
    await shot('1-form');

    const started = Date.now();
    await page.getByRole('button', { name: 'Launch 4 trials' }).click();
    await page.waitForURL(/\/experiments\/[0-9a-f-]{36}$/, { timeout: 30_000 });
    const pageShown = (Date.now() - started) / 1000;
    const firstPoint = page
      .waitForFunction(() => document.querySelectorAll('[data-testid="accuracy-chart"] .recharts-line-dot').length > 0, undefined, {
        timeout: Number(args.timeout) * 1000,
        polling: 'raf',
      })
      .then(() => {
        const seconds = (Date.now() - started) / 1000;
        console.log(`experiment page after ${pageShown.toFixed(2)} s; first epoch point on screen after ${seconds.toFixed(2)} s`);
        return seconds;
      });
    const firstCurve = page
      .waitForFunction(
        () =>
          Array.from(document.querySelectorAll('[data-testid="accuracy-chart"] path.recharts-line-curve')).some((p) =>
            /^M[^MLC]+[LC]/.test(p.getAttribute('d') ?? ''),
          ),
        undefined,
        { timeout: Number(args.timeout) * 1000, polling: 500 },
      )
      .then(async () => {
        console.log(`first curve segment on screen after ${((Date.now() - started) / 1000).toFixed(1)} s`);
        await shot('2-running');
      });
    await page.waitForFunction(() => document.querySelectorAll('tbody [data-status="completed"]').length >= 4, undefined, {
      timeout: Number(args.timeout) * 1000,
      polling: 500,
    });
    const seconds = (Date.now() - started) / 1000;
    await firstCurve;
    const firstPointSeconds = await firstPoint;
    if (stack) await serverTimeline(page.url().split('/').pop(), firstPointSeconds);
    await page.waitForTimeout(1000);
    await shot('3-completed');
    const rows = await page.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => tr.innerText.replace(/\s+/g, ' ').trim()));
    for (const row of rows) console.log(row);
    console.log(`wall time, Launch click to all 4 trials completed: ${seconds.toFixed(1)} s (${page.url()})`);
  } finally {
    await browser.close();
  }
}

/** Where the first point's time went on the server: the fold that finished an epoch first. */
async function serverTimeline(experimentId, firstPointSeconds) {
  const { callApi } = require(path.join(root, 'bench/http.js'));
  const api = process.env.ATELIER_API_URL ?? stackApiUrl;
  const experiment = await callApi(api, 'GET', `/experiments/${experimentId}`);
  const metrics = await callApi(api, 'GET', `/experiments/${experimentId}/metrics`).catch(() => null);
  // the fold whose first epoch ended first since the experiment was created: the first point
  const ends = experiment.trials
    .flatMap((trial) => trial.folds.map((fold) => ({ trial, fold })))
    .filter((f) => f.fold.timings)
    .map((f) => {
      const p = f.fold.timings.phases;
      const epochSeconds = firstEpochSeconds(metrics, f.trial.number, f.fold.fold);
      return { ...f, epochSeconds, end: p.queued + p.pickup + p.load + p.build + (epochSeconds ?? Infinity) };
    })
    .sort((a, b) => a.end - b.end);
  const first = ends[0];
  if (!first) return;
  const p = first.fold.timings.phases;
  const parts = [
    ['queued', p.queued],
    ['pickup', p.pickup],
    ['load', p.load],
    ['build', p.build],
    ['first epoch (batches and validation)', first.epochSeconds],
  ];
  const accounted = parts.reduce((sum, [, v]) => sum + (v ?? 0), 0);
  console.log(`first point, trial ${first.trial.number} fold ${first.fold.fold + 1} (batch ${first.trial.hyperparameters.batchSize}):`);
  for (const [name, v] of parts) console.log(`  ${name.padEnd(38)} ${v === null ? '?' : v.toFixed(2).padStart(6)} s`);
  console.log(`  ${'the rest (request, write, live update)'.padEnd(38)} ${(firstPointSeconds - accounted).toFixed(2).padStart(6)} s`);
}

/** The first epoch's duration (batches and validation) of one fold, from the experiment's curves. */
function firstEpochSeconds(metrics, trialNumber, fold) {
  const curve = metrics?.trials?.find((t) => t.number === trialNumber)?.folds?.find((f) => f.fold === fold);
  return curve?.metrics?.[0]?.seconds ?? null;
}

let stackApiUrl = null;

main().catch((error) => {
  console.error(error.message);
  process.exit(1);
});
