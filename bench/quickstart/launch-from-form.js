#!/usr/bin/env node
// Launches a 4-trial grid search from the web form, as a user would, and prints the wall time
// until every trial has completed. Not run in CI.
//
// Usage: start the platform (`npm start`), then
//   node bench/quickstart/launch-from-form.js [--web http://localhost:3000] [--slice 2000]
//        [--folds 3] [--epochs 3] [--architecture cnn-a] [--screenshots DIR]
// Prints one line per trial and the wall time from the click on "Launch" to the last trial.
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
    timeout: { type: 'string', default: '1800' },
  },
});

async function main() {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
  });
  const page = await browser.newPage({ viewport: { width: 1366, height: 1000 } });
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
    await page.waitForFunction(() => document.querySelectorAll('tbody .badge--completed').length === 4, undefined, {
      timeout: Number(args.timeout) * 1000,
      polling: 500,
    });
    const seconds = (Date.now() - started) / 1000;
    await firstCurve;
    await page.waitForTimeout(1000);
    await shot('3-completed');
    const rows = await page.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => tr.innerText.replace(/\s+/g, ' ').trim()));
    for (const row of rows) console.log(row);
    console.log(`wall time, Launch click to all 4 trials completed: ${seconds.toFixed(1)} s (${page.url()})`);
  } finally {
    await browser.close();
  }
}

main().catch((error) => {
  console.error(error.message);
  process.exit(1);
});
